// greylint for VS Code: a thin client that starts `greylint lsp` for
// greyhound configuration files. Every check lives in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;

function settings() {
  const cfg = vscode.workspace.getConfiguration('greylint');
  return {
    path: cfg.get<string>('path', 'greylint') || 'greylint',
    strict: cfg.get<boolean>('strict', false),
    rules: cfg.get<Record<string, string>>('rules', {}),
  };
}

async function start(): Promise<void> {
  const s = settings();
  const serverOptions: ServerOptions = {
    command: s.path,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', pattern: '**/.greyhound/*.{yaml,yml}' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', pattern: '**/.greylint.yaml' },
    ],
    initializationOptions: { strict: s.strict, rules: s.rules },
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: {
      // The server re-reads .greylint.yaml when it changes on disk.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.greylint.yaml'),
    },
  };
  client = new LanguageClient('greylint', 'greylint', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    output.appendLine(`greylint could not start "${s.path} lsp": ${err}`);
    void vscode.window.showErrorMessage(
      `greylint: could not start "${s.path} lsp". Install greylint (go install github.com/greylint/greylint/cmd/greylint@latest) or set greylint.path.`,
    );
  }
}

async function restart(): Promise<void> {
  if (client) {
    const old = client;
    client = undefined;
    await old.stop().catch(() => undefined);
  }
  await start();
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('greylint');
  context.subscriptions.push(output);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('greylint')) {
        void restart();
      }
    }),
    vscode.commands.registerCommand('greylint.restart', restart),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
