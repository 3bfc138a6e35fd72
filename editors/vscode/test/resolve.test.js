// The server's resolution order and the missing-server message, without
// VS Code: src/resolve.ts compiled to out/resolve.js.
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { resolveServer, Launcher } = require('../out/resolve.js');

function fakeBinary(dir, name, mode = 0o755) {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, name);
  fs.writeFileSync(p, '#!/bin/sh\n');
  fs.chmodSync(p, mode);
  return p;
}

function layout() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'greylint-resolve-'));
  return {
    root,
    ext: path.join(root, 'extension'),
    pathDir: path.join(root, 'path'),
    custom: path.join(root, 'custom'),
  };
}

test('the setting wins over the bundled binary and PATH', () => {
  const l = layout();
  const custom = fakeBinary(l.custom, 'greylint');
  fakeBinary(path.join(l.ext, 'bin'), 'greylint');
  fakeBinary(l.pathDir, 'greylint');
  const r = resolveServer({ setting: custom, extensionPath: l.ext, platform: 'linux', pathEnv: l.pathDir });
  assert.deepStrictEqual(r, { path: custom, source: 'setting' });
});

test('a bare name in the setting is looked up on PATH', () => {
  const l = layout();
  const p = fakeBinary(l.pathDir, 'greylint-nightly');
  fakeBinary(path.join(l.ext, 'bin'), 'greylint');
  const r = resolveServer({ setting: 'greylint-nightly', extensionPath: l.ext, platform: 'linux', pathEnv: l.pathDir });
  assert.deepStrictEqual(r, { path: p, source: 'setting' });
});

test('the bundled binary comes before PATH', () => {
  const l = layout();
  const bundled = fakeBinary(path.join(l.ext, 'bin'), 'greylint');
  fakeBinary(l.pathDir, 'greylint');
  const r = resolveServer({ setting: '', extensionPath: l.ext, platform: 'linux', pathEnv: l.pathDir });
  assert.deepStrictEqual(r, { path: bundled, source: 'bundled' });
});

test('PATH when nothing is bundled; a file without the execute bit is skipped', () => {
  const l = layout();
  fakeBinary(path.join(l.root, 'first'), 'greylint', 0o644);
  const p = fakeBinary(l.pathDir, 'greylint');
  const pathEnv = [path.join(l.root, 'first'), '', l.pathDir].join(':');
  const r = resolveServer({ setting: '', extensionPath: l.ext, platform: 'linux', pathEnv });
  assert.deepStrictEqual(r, { path: p, source: 'PATH' });
});

test('Windows: bin/greylint.exe is bundled, PATHEXT names what is executable', () => {
  const l = layout();
  const bundled = fakeBinary(path.join(l.ext, 'bin'), 'greylint.exe');
  assert.deepStrictEqual(
    resolveServer({ setting: '', extensionPath: l.ext, platform: 'win32', pathEnv: '' }),
    { path: bundled, source: 'bundled' },
  );
  fs.rmSync(bundled);
  const p = fakeBinary(l.pathDir, 'greylint.exe');
  assert.deepStrictEqual(
    resolveServer({ setting: '', extensionPath: l.ext, platform: 'win32', pathEnv: l.pathDir, pathExt: '.COM;.EXE' }),
    { path: p, source: 'PATH' },
  );
});

test('nothing found: one message that says how to install and which setting to set', () => {
  const l = layout();
  const r = resolveServer({ setting: '', extensionPath: l.ext, platform: 'linux', pathEnv: l.pathDir });
  assert.ok('error' in r);
  assert.match(r.error, /go install github\.com\/greylint\/greylint\/cmd\/greylint@latest/);
  assert.match(r.error, /"greylint\.path"/);
  const bad = resolveServer({ setting: path.join(l.custom, 'nope'), extensionPath: l.ext, platform: 'linux', pathEnv: '' });
  assert.match(bad.error, /is set to ".*nope", which is not an executable file/);
});

test('the launcher reports a missing server once, until the setting changes or the user restarts', () => {
  const l = layout();
  const messages = [];
  const launcher = new Launcher((m) => messages.push(m));
  const env = { setting: '', extensionPath: l.ext, platform: 'linux', pathEnv: l.pathDir };
  for (let i = 0; i < 5; i++) {
    assert.strictEqual(launcher.resolve(env), undefined);
  }
  assert.strictEqual(messages.length, 1);
  launcher.resolve({ ...env, setting: '/elsewhere/greylint' });
  assert.strictEqual(messages.length, 2);
  launcher.forget();
  launcher.resolve({ ...env, setting: '/elsewhere/greylint' });
  assert.strictEqual(messages.length, 3);
  fakeBinary(l.pathDir, 'greylint');
  assert.strictEqual(launcher.resolve(env).source, 'PATH');
});
