// The command "greylint: Show deployment graph": the greylint the server
// runs draws the active file's workspace folder (as saved on disk), shown in
// a webview beside the editor.
import * as path from 'path';
import * as vscode from 'vscode';
import { resolveServer } from './resolve';
import { drawGraph, graphPage } from './graphview';

export function registerGraph(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('greylint.showGraph', () => showGraph(context)));
}

async function showGraph(context: vscode.ExtensionContext): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) || vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage('greylint: open a folder with .greyhound files to draw its deployment.');
    return;
  }
  const found = resolveServer({
    setting: vscode.workspace.getConfiguration('greylint').get<string>('path', '') || '',
    extensionPath: context.extensionPath,
    platform: process.platform,
    pathEnv: process.env.PATH || '',
    pathExt: process.env.PATHEXT,
  });
  if ('error' in found) {
    void vscode.window.showErrorMessage(found.error);
    return;
  }
  const result = await drawGraph(found.path, folder.uri.fsPath);
  if (result.svg === undefined) {
    void vscode.window.showErrorMessage(`greylint graph: ${result.error}`);
    return;
  }
  const title = `Deployment: ${path.basename(folder.uri.fsPath)}`;
  const panel = vscode.window.createWebviewPanel('greylint.graph', title, vscode.ViewColumn.Beside, { enableScripts: false });
  panel.webview.html = graphPage(result.svg, title);
}
