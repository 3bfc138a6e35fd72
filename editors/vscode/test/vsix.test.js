// Checks a packaged platform .vsix (VSIX names it; .ci/run packages
// linux-x64): the server binary is inside, executable, and answers
// initialize with the version of the VERSION file; the manifest names the
// target platform.
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawn } = require('node:child_process');
const rpc = require('vscode-languageserver-protocol/node');

// entries reads a zip's central directory: name, Unix mode, data.
function entries(file) {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    assert.strictEqual(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nlen = buf.readUInt16LE(p + 28);
    const xlen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const attrs = buf.readUInt32LE(p + 38);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.set(name, {
      mode: attrs >>> 16,
      data: () => {
        const raw = buf.subarray(start, start + csize);
        return method === 8 ? zlib.inflateRawSync(raw) : raw;
      },
    });
    p += 46 + nlen + xlen + clen;
  }
  return out;
}

test('the platform .vsix carries an executable server that answers initialize', { skip: !process.env.VSIX }, async () => {
  const version = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'VERSION'), 'utf8').trim();
  const zip = entries(process.env.VSIX);
  const manifest = zip.get('extension.vsixmanifest').data().toString();
  assert.match(manifest, /TargetPlatform="linux-x64"/);
  const pkg = JSON.parse(zip.get('extension/package.json').data().toString());
  assert.strictEqual(pkg.version, version);
  assert.strictEqual(pkg.license, 'MIT');
  const bin = zip.get('extension/bin/greylint');
  assert.ok(bin, 'no extension/bin/greylint in the package');
  assert.ok(bin.mode & 0o100, `extension/bin/greylint mode ${bin.mode.toString(8)} is not executable`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'greylint-vsix-'));
  const exe = path.join(dir, 'greylint');
  fs.writeFileSync(exe, bin.data(), { mode: bin.mode & 0o777 });
  const proc = spawn(exe, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  conn.listen();
  const init = await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  assert.strictEqual(init.serverInfo.name, 'greylint');
  assert.strictEqual(init.serverInfo.version, 'v' + version);
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  assert.strictEqual(await new Promise((resolve) => proc.on('exit', resolve)), 0);
  conn.dispose();
});
