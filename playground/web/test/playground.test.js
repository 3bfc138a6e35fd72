// The playground in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core, which never downloads a browser): load the site built by
// `make playground`, type a mistake, see the finding at its line, apply a
// fix, apply the safe fixes from the diff, and reload from a share link.
// Every request the page makes must go to the local server.
//
//   PLAYGROUND=../dist node --test test/    (SCREENSHOT=path writes one)
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { chromium } = require('playwright-core');

const site = path.resolve(process.env.PLAYGROUND || path.join(__dirname, '..', '..', 'dist'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

// serve serves the site's files (no directory listing, nothing outside it)
// on 127.0.0.1 at a free port.
function serve() {
  const server = http.createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.join(site, name);
    if (path.dirname(file) !== site || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// lineOf returns the 1-based line of text that contains needle.
function lineOf(text, needle) {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line has ${JSON.stringify(needle)}`);
  return i + 1;
}

test('the playground lints, fixes and shares in headless Chromium', { timeout: 180000 }, async () => {
  assert.ok(fs.existsSync(path.join(site, 'greylint.wasm')), `${site} has no greylint.wasm: run make playground`);
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'greylint-playground-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 1000 },
  });
  const elsewhere = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(origin + '/');
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    assert.strictEqual(await page.textContent('#status'), 'no findings', 'the example lints clean');

    // Type a mistake: the service's build becomes "api-bild".
    const config = page.locator('#config');
    const before = await config.inputValue();
    const line = lineOf(before, 'image_from_build: api-build');
    const at = before.indexOf('image_from_build: api-build') + 'image_from_build: api-b'.length;
    await config.click();
    await config.evaluate((ed, at) => ed.setSelectionRange(at, at + 'uild'.length), at);
    await page.keyboard.type('ild');
    const finding = page.locator(`#findings li[data-rule="unknown-build"][data-file="config"]`);
    await finding.waitFor();
    assert.strictEqual(await finding.getAttribute('data-line'), String(line), 'the finding is at the line of the mistake');
    assert.match(await finding.textContent(), new RegExp(`config\\.yaml:${line}:\\d+.*"api-bild".*did you mean "api-build"`));
    assert.ok(await page.locator(`#config-gutter span.error[data-line="${line}"]`).count() === 1, 'the gutter marks the line');

    // Its fix puts the name back.
    await finding.locator('button', { hasText: 'change to "api-build"' }).click();
    await page.waitForSelector('#findings li[data-rule="unknown-build"]', { state: 'detached' });
    assert.strictEqual(await config.inputValue(), before, 'the fix restores the text');

    // A mistake with a safe fix: the diff shows it, and applying it fixes it.
    const pathAt = before.indexOf('path: /api') + 'path: '.length;
    await config.focus();
    await config.evaluate((ed, at) => ed.setSelectionRange(at, at + 1), pathAt);
    await page.keyboard.press('Delete');
    await page.locator('#findings li[data-rule="invalid-path"]').waitFor();
    await page.waitForFunction(() => document.getElementById('diff').textContent.includes('+    path: /api'));
    assert.match(await page.textContent('#diff'), /-    path: api\n/);
    await page.click('#apply-safe');
    await page.waitForSelector('#findings li[data-rule="invalid-path"]', { state: 'detached' });
    assert.strictEqual(await config.inputValue(), before);

    // The deployment graph is drawn.
    await page.waitForFunction(() => document.getElementById('graph').naturalWidth > 0);

    // A share link reloads both files, with the same findings.
    const apps = page.locator('#applications');
    await apps.focus();
    await apps.evaluate((ed) => ed.setSelectionRange(ed.value.length, ed.value.length));
    await page.keyboard.type('      - name: shopp\n');
    await page.locator('#findings li[data-rule="unknown-application"]').waitFor();
    // ...and one with a safe fix left in, for the link and the screenshot.
    await config.focus();
    await config.evaluate((ed, at) => ed.setSelectionRange(at, at + 1), pathAt);
    await page.keyboard.press('Delete');
    await page.waitForFunction(() => document.getElementById('diff').textContent.includes('+    path: /api'));
    const texts = { config: await config.inputValue(), applications: await apps.inputValue() };
    const count = await page.textContent('#count');
    await page.click('#share');
    const link = await page.inputValue('#link');
    assert.ok(link.startsWith(origin + '/#'), `the link is this page with a fragment: ${link}`);
    if (process.env.SCREENSHOT) {
      await page.evaluate(() => { for (const id of ['config', 'applications']) document.getElementById(id).scrollTop = 0; });
      await page.locator('#config').dispatchEvent('scroll');
      await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    }

    const again = await context.newPage();
    await again.goto(link);
    await again.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
    assert.strictEqual(await again.inputValue('#config'), texts.config);
    assert.strictEqual(await again.inputValue('#applications'), texts.applications);
    assert.strictEqual(await again.textContent('#count'), count);
    await again.locator('#findings li[data-rule="unknown-application"]').waitFor();
    await again.locator('#findings li[data-rule="invalid-path"]').waitFor();

    assert.deepStrictEqual(errors, [], 'no script error');
    assert.deepStrictEqual(elsewhere, [], 'no request left 127.0.0.1');
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
