// The deployment graph command's page, without VS Code: the real greylint
// (GREYLINT, as server.test.js) draws the repository's examples, and the
// page shows the SVG as an image under a policy that allows nothing else.
const { test } = require('node:test');
const assert = require('node:assert');
const path = require('node:path');
const { drawGraph, graphPage } = require('../out/graphview.js');

const bin = process.env.GREYLINT || 'greylint';

test('greylint graph is drawn as an image in a page without script', async () => {
  const r = await drawGraph(bin, path.join(__dirname, '..', '..', '..', 'examples'));
  assert.ok(r.svg, `no svg: ${r.error}`);
  assert.match(r.svg, /<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(r.svg, />api-build</);
  const page = graphPage(r.svg, 'Deployment: <examples>');
  assert.match(page, /Content-Security-Policy" content="default-src 'none'; img-src data:;/);
  assert.ok(!page.includes('<script'), 'the page has a script');
  assert.ok(page.includes('Deployment: &#60;examples&#62;'), 'the title is escaped');
  const data = page.match(/src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/);
  assert.ok(data, 'no image');
  assert.strictEqual(Buffer.from(data[1], 'base64').toString('utf8'), r.svg);
});

test('a folder without greyhound files is an error message', async () => {
  const r = await drawGraph(bin, __dirname);
  assert.strictEqual(r.svg, undefined);
  assert.match(r.error, /no \.greyhound\/\*\.yaml/);
});
