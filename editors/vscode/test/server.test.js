// Interop test: Microsoft's JSON-RPC and LSP implementation (the one inside
// vscode-languageclient) talks to `greylint lsp`, outside VS Code.
// GREYLINT names the binary (.ci/run builds it).
const { test } = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const rpc = require('vscode-languageserver-protocol/node');

test('greylint lsp publishes diagnostics and completes builds', async () => {
  const bin = process.env.GREYLINT || 'greylint';
  const proc = spawn(bin, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(proc.stdout),
    new rpc.StreamMessageWriter(proc.stdin),
  );
  const published = new Promise((resolve) => {
    conn.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => resolve(p));
  });
  conn.listen();
  const init = await conn.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { strict: false },
  });
  assert.strictEqual(init.capabilities.textDocumentSync.change, rpc.TextDocumentSyncKind.Incremental);
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  const uri = 'file:///tmp/repo/.greyhound/config.yaml';
  const text = 'builds:\n  - name: api-build\njobs:\n  - name: migrate\n    image_from_build: api-buld\n';
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version: 1, text },
  });
  const diags = await published;
  assert.strictEqual(diags.version, 1);
  const ub = diags.diagnostics.find((d) => d.code === 'unknown-build');
  assert.ok(ub, JSON.stringify(diags));
  assert.deepStrictEqual(ub.range.start, { line: 4, character: 22 });
  const completion = await conn.sendRequest(rpc.CompletionRequest.type, {
    textDocument: { uri },
    position: { line: 4, character: 30 },
  });
  const labels = (completion.items || completion).map((i) => i.label);
  assert.ok(labels.includes('api-build'), labels.join(','));
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
  const code = await new Promise((resolve) => proc.on('exit', resolve));
  assert.strictEqual(code, 0);
  conn.dispose();
});
