// Drives yaml-language-server over stdio as an editor would: opens FILE,
// prints its diagnostics, the hover at HOVER_LINE:HOVER_CHAR and the
// completion labels at COMPL_LINE:COMPL_CHAR (0-based), as JSON.
//
//   node yls.js FILE HOVER_LINE HOVER_CHAR COMPL_LINE COMPL_CHAR
const { spawn } = require('child_process');
const path = require('path');
const fs = require('fs');
const [,, file, hoverLine, hoverChar, complLine, complChar] = process.argv;
const server = spawn(process.execPath, [require.resolve('yaml-language-server/bin/yaml-language-server'), '--stdio']);
let buf = Buffer.alloc(0), id = 0;
const pending = new Map();
const uri = 'file://' + path.resolve(file);
const text = fs.readFileSync(file, 'utf8');
function send(msg) {
  const s = JSON.stringify(Object.assign({ jsonrpc: '2.0' }, msg));
  server.stdin.write(`Content-Length: ${Buffer.byteLength(s)}\r\n\r\n${s}`);
}
function request(method, params) {
  return new Promise((resolve) => { const i = ++id; pending.set(i, resolve); send({ id: i, method, params }); });
}
const settings = { yaml: { validate: true, hover: true, completion: true, schemas: {} } };
let diagResolve; const diags = new Promise((r) => { diagResolve = r; });
server.stdout.on('data', (d) => {
  buf = Buffer.concat([buf, d]);
  for (;;) {
    const h = buf.indexOf('\r\n\r\n'); if (h < 0) return;
    const len = +/Content-Length: (\d+)/.exec(buf.slice(0, h).toString())[1];
    if (buf.length < h + 4 + len) return;
    const msg = JSON.parse(buf.slice(h + 4, h + 4 + len).toString()); buf = buf.slice(h + 4 + len);
    if (msg.id !== undefined && msg.method) {
      // server -> client request
      let result = null;
      if (msg.method === 'workspace/configuration') result = msg.params.items.map((it) => (it.section ? settings[it.section] || null : settings));
      send({ id: msg.id, result });
    } else if (msg.id !== undefined) { pending.get(msg.id)(msg.result); }
    else if (msg.method === 'textDocument/publishDiagnostics' && msg.params.uri === uri && msg.params.diagnostics.length) diagResolve(msg.params.diagnostics);
  }
});
(async () => {
  await request('initialize', { processId: process.pid, rootUri: 'file://' + path.dirname(path.resolve(file)), capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } } }, workspace: { configuration: true } } });
  send({ method: 'initialized', params: {} });
  send({ method: 'workspace/didChangeConfiguration', params: { settings } });
  send({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'yaml', version: 1, text } } });
  const out = {};
  out.diagnostics = await Promise.race([diags, new Promise((r) => setTimeout(() => r([]), 8000))]);
  if (hoverLine) out.hover = await request('textDocument/hover', { textDocument: { uri }, position: { line: +hoverLine, character: +hoverChar } });
  if (complLine) { const c = await request('textDocument/completion', { textDocument: { uri }, position: { line: +complLine, character: +complChar } }); out.completion = (c.items || c).map((i) => i.label); }
  console.log(JSON.stringify(out, null, 1));
  server.kill();
  process.exit(0);
})();
