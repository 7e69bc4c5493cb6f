// Owns the language client and two sets of disposables: those that live as long as the extension and those
// that live as long as one client, so a restart disposes exactly the second set (rust-analyzer's shape).
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { serverStatusNotification, type ServerStatusParams } from '../protocol/lsp-extensions.js';
import { CLIENT_ID, CLIENT_NAME, CONFIGURATION_SECTION, DOCUMENT_SELECTOR, SERVER_MODULE, serverExecArgv, WATCHED_FILES_GLOB } from './client-config.js';
import { SERVER_RUNNING_CONTEXT_KEY } from './command-ids.js';

export class ServerContext {
  readonly outputChannel: vscode.OutputChannel;
  private readonly extensionDisposables: vscode.Disposable[] = [];
  private clientDisposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly statusItem: vscode.StatusBarItem;
  private readonly clientChanged = new vscode.EventEmitter<LanguageClient | undefined>();
  /** Fires with the client once it runs, and with undefined when it is stopped (drift wires itself per client). */
  readonly onDidChangeClient = this.clientChanged.event;

  constructor(private readonly extension: vscode.ExtensionContext) {
    this.outputChannel = vscode.window.createOutputChannel(CLIENT_NAME);
    this.statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 0);
    this.statusItem.name = CLIENT_NAME;
    this.statusItem.command = 'gitopsAuthoring.showServerOutput';
    this.extensionDisposables.push(this.outputChannel, this.statusItem, this.clientChanged);
  }

  /** Registers a disposable that lives as long as the extension. */
  own(disposable: vscode.Disposable): void {
    this.extensionDisposables.push(disposable);
  }

  /** Registers a disposable that lives as long as the current client. */
  ownForClient(disposable: vscode.Disposable): void {
    this.clientDisposables.push(disposable);
  }

  get runningClient(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** Starts the server once; concurrent callers share the same start. */
  start(): Promise<LanguageClient> {
    this.starting ??= this.createAndStart().catch((error: unknown) => {
      this.starting = undefined;
      throw error;
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    for (const d of this.clientDisposables.splice(0)) d.dispose();
    void vscode.commands.executeCommand('setContext', SERVER_RUNNING_CONTEXT_KEY, false);
    this.statusItem.hide();
    if (client) this.clientChanged.fire(undefined);
    if (client) await client.dispose();
  }

  async dispose(): Promise<void> {
    await this.stop();
    for (const d of this.extensionDisposables.splice(0)) d.dispose();
  }

  private async createAndStart(): Promise<LanguageClient> {
    const module = this.extension.asAbsolutePath(SERVER_MODULE);
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: serverExecArgv(true) } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED_FILES_GLOB);
    const configWatcher = vscode.workspace.createFileSystemWatcher('**/.gitops-authoring.yaml');
    this.ownForClient(watcher);
    this.ownForClient(configWatcher);
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR.map((s) => ({ ...s })),
      synchronize: { configurationSection: CONFIGURATION_SECTION, fileEvents: [watcher, configWatcher] },
      outputChannel: this.outputChannel,
    };
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.ownForClient(client.onNotification(serverStatusNotification, (status) => this.showStatus(status)));
    try {
      await client.start();
    } catch (error) {
      // A client that failed to start must not linger (it would retry on its own): clean this attempt up.
      for (const d of this.clientDisposables.splice(0)) d.dispose();
      await client.dispose().catch(() => undefined);
      throw error;
    }
    this.client = client;
    void vscode.commands.executeCommand('setContext', SERVER_RUNNING_CONTEXT_KEY, true);
    this.clientChanged.fire(client);
    return client;
  }

  private showStatus(status: ServerStatusParams): void {
    this.statusItem.text = status.state === 'indexing' ? '$(sync~spin) GitOps' : '$(check) GitOps';
    this.statusItem.tooltip = `${CLIENT_NAME}: ${status.fileCount} manifest file(s)${status.message ? ` — ${status.message}` : ''}`;
    this.statusItem.show();
  }
}
