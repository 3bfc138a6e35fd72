// greylint for VS Code: a thin client that starts `greylint lsp` and sends it
// every YAML document; the server decides which are greyhound files and stays
// silent on the others. Every check lives in the server.
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from 'vscode-languageclient/node';
import { Launcher } from './resolve';

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let launcher: Launcher;
let extensionPath = '';
let starting: Promise<void> | undefined;

function serverSettings() {
  const cfg = vscode.workspace.getConfiguration('greylint');
  return {
    strict: cfg.get<boolean>('strict', false),
    rules: cfg.get<Record<string, string>>('rules', {}),
    inlayHints: cfg.get<boolean>('inlayHints', false),
  };
}

async function start(): Promise<void> {
  const setting = vscode.workspace.getConfiguration('greylint').get<string>('path', '') || '';
  const found = launcher.resolve({
    setting,
    extensionPath,
    platform: process.platform,
    pathEnv: process.env.PATH || '',
    pathExt: process.env.PATHEXT,
  });
  if (!found) {
    return;
  }
  output.appendLine(`greylint: starting ${found.path} lsp (from ${found.source})`);
  const serverOptions: ServerOptions = {
    command: found.path,
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions: LanguageClientOptions = {
    // Every YAML document, and greyhound files whatever language VS Code
    // gave them: the server answers only for greyhound files.
    documentSelector: [
      { language: 'yaml' },
      { scheme: 'file', pattern: '**/.greyhound/*.{yaml,yml}' },
      { scheme: 'file', pattern: '**/.greylint.yaml' },
    ],
    initializationOptions: serverSettings(),
    outputChannel: output,
    traceOutputChannel: output,
    synchronize: {
      // Settings changes reach the running server as
      // workspace/didChangeConfiguration ({"greylint": {...}}).
      configurationSection: 'greylint',
      // The server re-reads .greylint.yaml and re-indexes greyhound files
      // that are not open when they change on disk.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.greylint.yaml'),
        vscode.workspace.createFileSystemWatcher('**/.greyhound/*.{yaml,yml}'),
      ],
    },
  };
  client = new LanguageClient('greylint', 'greylint', serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    // One message, no retry: the user fixes the setting or runs the
    // restart command.
    output.appendLine(`greylint could not start "${found.path} lsp": ${err}`);
    void vscode.window.showErrorMessage(`greylint: could not start "${found.path} lsp" (see the greylint output). Set "greylint.path" or reinstall greylint.`);
    client = undefined;
  }
}

async function restart(): Promise<void> {
  if (starting) {
    await starting;
  }
  if (client) {
    const old = client;
    client = undefined;
    await old.stop().catch(() => undefined);
  }
  starting = start();
  await starting;
  starting = undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('greylint');
  extensionPath = context.extensionPath;
  launcher = new Launcher((message) => {
    output.appendLine(message);
    // The extension wakes up for any YAML file: without greyhound files in
    // the workspace, a missing server is logged, not a pop-up.
    void vscode.workspace.findFiles('**/.greyhound/*.{yaml,yml}', '**/node_modules/**', 1).then((found) => {
      if (found.length > 0) {
        void vscode.window.showErrorMessage(message);
      }
    });
  });
  context.subscriptions.push(
    output,
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Only a new binary needs a new process; strict and rules reach the
      // running server through didChangeConfiguration.
      if (e.affectsConfiguration('greylint.path')) {
        void restart();
      }
    }),
    vscode.commands.registerCommand('greylint.restart', () => {
      launcher.forget();
      return restart();
    }),
    // The server's "N uses" code lenses run this with LSP values: show them
    // in VS Code's references view.
    vscode.commands.registerCommand('greylint.showReferences', (uri: string, position: unknown, locations: unknown[]) => {
      if (!client) {
        return;
      }
      const c = client.protocol2CodeConverter;
      return vscode.commands.executeCommand(
        'editor.action.showReferences',
        c.asUri(uri),
        c.asPosition(position as never),
        (locations || []).map((l) => c.asLocation(l as never)),
      );
    }),
  );
  await restart();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
