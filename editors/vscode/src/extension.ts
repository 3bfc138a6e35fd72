// greylint for VS Code: a thin client that starts `greylint lsp` and sends it
// every YAML document; the server decides which are greyhound files and stays
// silent on the others. Every check lives in the server.
import * as vscode from 'vscode';
import { execFile, spawn } from 'child_process';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from 'vscode-languageclient/node';
import { Launcher } from './resolve';
import { registerGraph } from './graph';

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

// probe runs `greylint --version`: a binary that cannot run (missing, not
// executable, another architecture, broken) is found here, with its cause,
// before any language client exists (a client that fails to start shows
// its own notifications and retries: eleven pop-ups for one bad path).
function probe(path: string): Promise<{ version?: string; error?: string }> {
  return new Promise((resolve) => {
    execFile(path, ['--version'], { timeout: 10000 }, (err, stdout, stderr) => {
      const out = String(stdout).trim();
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean };
        let cause = e.code === 'ENOEXEC' || /exec format error/i.test(String(e.message))
          ? 'it is not a program for this machine (wrong architecture or a broken download)'
          : e.code === 'EACCES'
            ? 'it is not executable'
            : e.code === 'ENOENT'
              ? 'it does not exist'
              : e.killed
                ? 'it did not answer --version within 10 s'
                : `it failed: ${String(stderr).trim() || e.message}`;
        if (typeof e.code === 'number') {
          cause = `it exited with status ${e.code}${String(stderr).trim() ? ': ' + String(stderr).trim().split('\n')[0] : ''}`;
        }
        resolve({ error: cause });
        return;
      }
      if (!/^greylint /.test(out)) {
        resolve({ error: `it is not greylint (--version printed ${JSON.stringify(out.slice(0, 80))})` });
        return;
      }
      resolve({ version: out.replace(/^greylint /, '') });
    });
  });
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
  const probed = await probe(found.path);
  if (probed.error) {
    // One message, with the cause, and no retry: the user fixes the
    // setting or reinstalls, then runs the restart command.
    const message = `greylint: cannot run "${found.path}" (from ${found.source}): ${probed.error}. ` +
      (found.source === 'setting' ? 'Fix the "greylint.path" setting' : 'Reinstall greylint or set "greylint.path"') +
      ', then run "greylint: Restart the greylint server".';
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return;
  }
  output.appendLine(`greylint: starting ${found.path} lsp (from ${found.source}, greylint ${probed.version})`);
  let initialized = false;
  let crashes: number[] = [];
  // The extension spawns the server itself: it then logs how the process
  // ended (vscode-languageclient logs "[Error] Server process exited with
  // code 0" after every normal stop of a process it spawned).
  const serverOptions: ServerOptions = () => new Promise((resolve, reject) => {
    const proc = spawn(found.path, ['lsp'], { stdio: ['pipe', 'pipe', 'pipe'] });
    proc.once('error', (err) => reject(new Error(`cannot start "${found.path} lsp": ${err.message}`)));
    proc.once('spawn', () => resolve(proc));
    proc.once('exit', (code, signal) => {
      if (code === 0) {
        output.appendLine('greylint: the server stopped');
      } else {
        output.appendLine(`greylint: the server exited (${signal ? 'signal ' + signal : 'status ' + code})`);
      }
    });
  });
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
      // workspace/didChangeConfiguration ({"greylint": {...}}). The server
      // registers the files it watches itself.
      configurationSection: 'greylint',
    },
    middleware: {
      // The "N uses" lenses: VS Code shows the uses in its references
      // view; other clients let the server run the command.
      executeCommand: (command, args, next) => {
        if (command === 'greylint.showReferences' && client) {
          const [uri, position, locations] = args as [string, unknown, unknown[]];
          const c = client.protocol2CodeConverter;
          return vscode.commands.executeCommand(
            'editor.action.showReferences',
            c.asUri(uri),
            c.asPosition(position as never),
            (locations || []).map((l) => c.asLocation(l as never)),
          );
        }
        return next(command, args);
      },
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Shutdown, handled: true }),
      closed: () => {
        // A server that never answered initialize is not restarted (the
        // start reports why); one that crashed later is, at most 4 times
        // in 3 minutes, then one message.
        if (!initialized) {
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        const now = Date.now();
        crashes = crashes.filter((t) => now - t < 3 * 60 * 1000).concat(now);
        if (crashes.length > 4) {
          const message = 'greylint: the server crashed 5 times in 3 minutes and is not restarted (see the greylint output); run "greylint: Restart the greylint server" to try again.';
          output.appendLine(message);
          void vscode.window.showErrorMessage(message);
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        output.appendLine('greylint: the server stopped unexpectedly; restarting it');
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };
  client = new LanguageClient('greylint', 'greylint', serverOptions, clientOptions);
  try {
    await client.start();
    initialized = true;
    const info = client.initializeResult?.serverInfo;
    output.appendLine(`greylint: ${info?.name ?? 'the server'} ${info?.version ?? '(no version)'} answered`);
  } catch (err) {
    // One message, no retry: the user fixes the setting or runs the
    // restart command.
    output.appendLine(`greylint could not start "${found.path} lsp": ${err}`);
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
  );
  registerGraph(context);
  await restart();
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
  }
}
