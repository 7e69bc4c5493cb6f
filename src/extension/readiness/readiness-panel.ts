// The readiness report in a webview: one panel, revealed again on the next run; evidence links open the file at
// its line; the re-run button asks the server again. Progress shows in a notification while it runs.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { readinessReportRequest, type ReadinessFolderReport } from '../../protocol/lsp-extensions.js';
import { isReadinessWebviewMessage, renderReadinessHtml } from './readiness-html.js';

export class ReadinessPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private folders: readonly ReadinessFolderReport[] = [];
  private running = false;

  constructor(private readonly clientOf: () => LanguageClient | undefined) {}

  async show(): Promise<void> {
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('gitopsAuthoring.readiness', 'GitOps Readiness', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = undefined));
      this.panel.webview.onDidReceiveMessage((message: unknown) => this.onMessage(message));
    } else {
      this.panel.reveal();
    }
    await this.run();
  }

  private async run(): Promise<void> {
    if (this.running) return;
    const client = this.clientOf();
    if (!client) {
      this.render('The language server is not running.');
      return;
    }
    this.running = true;
    this.render();
    let error: string | undefined;
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'GitOps Authoring: assessing GitOps readiness…' }, async () => {
        this.folders = (await client.sendRequest(readinessReportRequest, {})).folders;
      });
    } catch (e) {
      error = `The readiness report failed: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.running = false;
    }
    this.render(error);
  }

  private render(error?: string): void {
    if (!this.panel) return;
    this.panel.webview.html = renderReadinessHtml({
      folders: this.folders,
      nameOf: (uri) => vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(uri))?.name ?? uri,
      nonce: randomBytes(16).toString('base64'),
      cspSource: this.panel.webview.cspSource,
      running: this.running,
      ...(error ? { error } : {}),
    });
  }

  private async onMessage(message: unknown): Promise<void> {
    if (!isReadinessWebviewMessage(message)) return;
    if (message.type === 'rerun') {
      await this.run();
      return;
    }
    // Only files inside a folder the server reported on (the webview's messages are not trusted blindly).
    if (!this.folders.some((f) => f.folderUri === message.folderUri) || message.path.split('/').includes('..')) return;
    const uri = vscode.Uri.joinPath(vscode.Uri.parse(message.folderUri), message.path);
    const position = new vscode.Position(message.line, 0);
    await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position), viewColumn: vscode.ViewColumn.Beside });
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
