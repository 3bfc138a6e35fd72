// The extension in real VS Code: code-server (VS Code in a browser) with the
// platform .vsix installed, driven by Debian's chromium through
// playwright-core. Run by .ci/run:
//   E2E_DEPS=<dir with node_modules/{code-server,playwright-core}> VSIX=<.vsix> node --test e2e/
// Screenshots of a failure go to $E2E_ARTIFACTS (default: a temp dir).
const { test, before, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const { spawn, execFileSync } = require('node:child_process');

const deps = process.env.E2E_DEPS;
const vsix = process.env.VSIX;
const { chromium } = require(path.join(deps, 'node_modules', 'playwright-core'));
const codeServer = path.join(deps, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
const artifacts = process.env.E2E_ARTIFACTS || fs.mkdtempSync(path.join(os.tmpdir(), 'greylint-e2e-'));

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'greylint-vscode-'));
const userData = path.join(root, 'user-data');
const extensions = path.join(root, 'extensions');
const repo = path.join(root, 'repo');
const config = path.join(repo, '.greyhound', 'config.yaml');

// Line 8 names a build that does not exist: one error.
const configText = `builds:
  - name: api-build
  - name: worker-build
services:
  - name: api
    image_from_build: api-build
  - name: worker
    image_from_build: worker-bild
`;

function write(p, text) {
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

let server;
let browser;
let page;
let serverLog = '';

before(async () => {
  write(config, configText);
  write(path.join(repo, '.greylint.yaml'), 'repository: acme-corp/api\n');
  write(path.join(repo, 'k8s', 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 1\n');
  write(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  write(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
    'editor.codeLens': true,
    'editor.hover.delay': 100,
  }));
  const csConfig = path.join(root, 'code-server.yaml'); // not ~/.config/code-server
  write(csConfig, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  execFileSync(process.execPath, [codeServer, '--config', csConfig, '--user-data-dir', userData, '--extensions-dir', extensions, '--install-extension', vsix], { stdio: 'inherit' });
  const port = await freePort();
  server = spawn(process.execPath, [codeServer, '--config', csConfig,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override',
    '--user-data-dir', userData, '--extensions-dir', extensions, repo], { stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => { serverLog += d; });
  server.stderr.on('data', (d) => { serverLog += d; });
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('code-server did not start:\n' + serverLog)), 60000);
    const check = () => {
      if (/HTTP server listening/.test(serverLog)) {
        clearTimeout(t);
        resolve();
      } else {
        setTimeout(check, 100);
      }
    };
    check();
  });
  // A new profile each run (Playwright passes --user-data-dir and
  // --headless itself).
  browser = await chromium.launchPersistentContext(path.join(root, 'chromium'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = browser.pages()[0] || await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(repo)}`, { waitUntil: 'domcontentloaded', timeout: 180000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 180000 });
}, { timeout: 600000 });

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
});

// step runs one check and saves a screenshot when it fails.
async function step(name, fn) {
  try {
    await fn();
  } catch (err) {
    const shot = path.join(artifacts, name.replace(/[^a-z0-9]+/gi, '-') + '.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    err.message += `\n(screenshot: ${shot})`;
    throw err;
  }
}

// openFile opens a file of the workspace from the Explorer (Quick Open
// needs ripgrep, which code-server's install downloads from outside).
async function openFile(rel) {
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${parts[i]}"]`).first();
    await row.waitFor({ timeout: 30000 });
    const expanded = await row.getAttribute('aria-expanded');
    if (i < parts.length - 1 && expanded === 'true') continue;
    await row.click();
  }
  await page.waitForSelector(`.tab[aria-label*="${parts[parts.length - 1]}"]`, { timeout: 15000 });
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 15000 });
}

// problems reads the status bar's counts ("2 errors" when doubled).
async function problems() {
  const label = (await page.getAttribute('[id="status.problems"] a, [id="status.problems"]', 'aria-label')) || '';
  // "Errors: 1", "Errors: 1, Warnings: 2", "No Problems" (VS Code 1.139).
  const count = (re) => Number((re.exec(label) || [0, 0])[1]);
  return { errors: count(/Errors?: (\d+)/i), warnings: count(/Warnings?: (\d+)/i), label };
}

async function until(what, fn, ms = 60000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last && last.ok) return last;
    await page.waitForTimeout(200);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

test('one squiggle and one problem for one mistake, gone when fixed; other YAML clean', { timeout: 600000 }, async () => {
  await step('one-squiggle', async () => {
    await openFile('.greyhound/config.yaml');
    const got = await until('one error', async () => {
      const p = await problems();
      const squiggles = await page.$$eval('.monaco-editor .squiggly-error', (els) => els.length);
      return { ok: p.errors >= 1 && squiggles >= 1, ...p, squiggles };
    });
    // Give a doubled collection time to arrive, then count again.
    await page.waitForTimeout(2000);
    const p = await problems();
    const squiggles = await page.$$eval('.monaco-editor .squiggly-error', (els) => els.length);
    assert.strictEqual(p.errors, 1, `status bar: ${p.label} (first ${JSON.stringify(got)})`);
    assert.strictEqual(squiggles, 1, `${squiggles} error squiggles`);
    // The Problems view: one row for the finding, at line 8.
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 15000 });
    const rows = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
    const findings = rows.filter((r) => /worker-bild/.test(r));
    assert.strictEqual(findings.length, 1, `Problems rows: ${JSON.stringify(rows)}`);
    assert.match(findings[0], /8/, `the row names line 8: ${findings[0]}`);
  });
  await step('fix-clears', async () => {
    // Fix the mistake: line 8, "worker-bild" to "worker-build".
    await page.click('.monaco-editor .view-lines');
    await page.keyboard.press('Control+G');
    await page.keyboard.type('8:30');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace'); // "worker-"
    await page.keyboard.type('build');
    await page.keyboard.press('Escape'); // the suggestions it opened
    await until('no error after the fix', async () => {
      const p = await problems();
      const squiggles = await page.$$eval('.monaco-editor .squiggly-error', (els) => els.length);
      return { ok: p.errors === 0 && squiggles === 0, ...p, squiggles };
    });
  });
  // The editor's lines, in order (lenses are view zones, not lines).
  const lines = () => page.$$eval('.monaco-editor .view-lines .view-line', (els) => els
    .map((e) => ({ top: parseFloat(e.style.top), text: e.textContent.replace(/\u00a0/g, ' ') }))
    .sort((a, b) => a.top - b.top).map((l) => l.text));
  const gotoLine = async (spec) => {
    await page.keyboard.press('Control+G');
    await page.keyboard.type(spec);
    await page.keyboard.press('Enter');
  };
  await step('complete-build', async () => {
    // "worker-build" back to "wor", then Ctrl+Space and Enter.
    await gotoLine('8');
    await page.keyboard.press('End');
    for (let i = 0; i < 9; i++) await page.keyboard.press('Backspace');
    // Ask again if the first request finds the suggestions not ready (a
    // cold code-server answered the first Ctrl+Space with no widget once
    // in CI, and the next one with the list).
    for (let attempt = 1; ; attempt++) {
      await page.keyboard.press('Control+Space');
      try {
        await page.waitForSelector('.suggest-widget .monaco-list-row', { timeout: 10000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
        await page.keyboard.press('Escape');
      }
    }
    const offered = await page.$$eval('.suggest-widget .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label')));
    assert.ok(offered.some((l) => /worker-build/.test(l)), `suggestions: ${JSON.stringify(offered)}`);
    await page.keyboard.press('Enter');
    await until('the completed line', async () => {
      const ls = await lines();
      return { ok: ls.includes('    image_from_build: worker-build') && !ls.some((l) => /: wor$/.test(l)), lines: ls };
    });
  });
  await step('hover', async () => {
    await page.hover('.monaco-editor .view-line >> text=api-build >> nth=1');
    await page.waitForSelector('.monaco-hover:not(.hidden)', { timeout: 30000 });
    const text = await page.textContent('.monaco-hover:not(.hidden)');
    assert.match(text, /api-build/, `hover: ${text}`);
    await page.keyboard.press('Escape');
  });
  await step('definition-f12', async () => {
    await gotoLine('6:25'); // in "api-build" of image_from_build
    await page.keyboard.press('F12');
    await until('the cursor on line 2', async () => {
      const sel = await page.textContent('[id="status.editor.selection"]');
      return { ok: /Ln 2,/.test(sel || ''), sel };
    });
  });
  await step('lens', async () => {
    // "1 use" above api-build opens the references view (the extension's
    // middleware turns the server's command into VS Code's own).
    await page.click('.monaco-editor .codelens-decoration a >> text=1 use');
    await page.waitForSelector('.peekview-widget, .reference-zone-widget', { timeout: 30000 });
    await page.keyboard.press('Escape');
  });
  await step('other-yaml-clean', async () => {
    await openFile('k8s/deploy.yaml');
    await page.waitForTimeout(2000);
    const p = await problems();
    assert.strictEqual(p.errors, 0, p.label);
    assert.strictEqual(p.warnings, 0, p.label);
  });
});
