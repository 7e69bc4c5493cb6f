// A real LSP client connected to `createServer` over in-memory streams, with a temporary workspace on disk.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type NotificationType,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type FileChangeType,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { serverStatusNotification, type ServerStatusParams } from '../../../src/protocol/lsp-extensions.js';
import { createServer, type ServerHandle } from '../../../src/server/create-server.js';
import { nodeWorkspaceSource } from '../../../src/server/node-workspace-source.js';
import type { ServerDeps } from '../../../src/server/server-deps.js';

export interface SessionOptions {
  readonly files?: Readonly<Record<string, string>>;
  readonly settings?: Record<string, unknown>;
  readonly deps?: Partial<ServerDeps>;
  /** Subdirectories of the temporary root to open as workspace folders (default: the root itself). */
  readonly folders?: readonly string[];
  /** Whether `start` waits for the workspace index ('ready'); default true. */
  readonly awaitIndex?: boolean;
}

export class LspTestSession {
  readonly root: string;
  readonly client: ProtocolConnection;
  readonly statuses: ServerStatusParams[] = [];
  settings: Record<string, unknown>;
  /** When set, `workspace/configuration` answers wait for it (to hold the server mid-request). */
  configurationGate: Promise<void> | undefined;
  private readonly diagnostics: PublishDiagnosticsParams[] = [];
  configurationRequests = 0;
  /** How long `waitFor` (and so `diagnosticsFor`) waits by default. */
  waitTimeoutMs = 5000;
  /** Pending waits: each checks its condition on every message, and is cancelled (its deadline cleared) on `end`. */
  private readonly waiters = new Map<() => void, () => void>();
  private readonly versions = new Map<string, number>();
  private readonly server: ServerHandle;

  private constructor(options: SessionOptions) {
    this.root = mkdtempSync(join(tmpdir(), 'gitops-lsp-'));
    for (const [path, text] of Object.entries(options.files ?? {})) this.writeFile(path, text);
    this.settings = options.settings ?? {};
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    this.server = createServer(serverConnection, {
      source: nodeWorkspaceSource,
      rules: RULES,
      timing: { documentDelayMs: 0, workspaceDelayMs: 10 },
      ...options.deps,
    });
    serverConnection.listen();
    this.client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    this.client.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.push(params);
      this.notify();
    });
    this.client.onNotification(serverStatusNotification, (params) => {
      this.statuses.push(params);
      this.notify();
    });
    this.client.onRequest(ConfigurationRequest.type, async (params) => {
      this.configurationRequests++;
      this.notify();
      await this.configurationGate;
      return params.items.map(() => this.settings);
    });
    this.client.onRequest(RegistrationRequest.type, () => undefined);
    this.client.listen();
  }

  static async start(options: SessionOptions = {}): Promise<LspTestSession> {
    const session = new LspTestSession(options);
    await session.client.sendRequest(InitializeRequest.type, {
      // null: a process id would make the server poll it with a timer that outlives the test.
      processId: null,
      rootUri: pathToFileURL(session.root).href,
      workspaceFolders: (options.folders ?? ['']).map((sub) => ({ uri: pathToFileURL(join(session.root, sub)).href, name: sub || 'test' })),
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: true } },
      },
    });
    await session.client.sendNotification(InitializedNotification.type, {});
    if (options.awaitIndex !== false) await session.waitFor(() => session.statuses.some((s) => s.state === 'ready'), 'the workspace index');
    return session;
  }

  /** Adds a subdirectory of the root as a workspace folder, as an editor does when the user adds one. */
  async addFolder(sub: string): Promise<void> {
    const readies = this.statuses.filter((st) => st.state === 'ready').length;
    await this.client.sendNotification(DidChangeWorkspaceFoldersNotification.type, {
      event: { added: [{ uri: pathToFileURL(join(this.root, sub)).href, name: sub }], removed: [] },
    });
    await this.waitFor(() => this.statuses.filter((st) => st.state === 'ready').length > readies, `folder ${sub} read`);
  }

  uri(path: string): string {
    return pathToFileURL(join(this.root, path)).href;
  }

  writeFile(path: string, text: string): void {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), text);
  }

  async open(path: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(path, 1);
    await this.client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(path), languageId, version: 1, text } });
  }

  /** Replaces the whole text (or a range of it) and returns the new version. */
  async change(path: string, change: { text: string; range?: { start: { line: number; character: number }; end: { line: number; character: number } } }): Promise<number> {
    const version = (this.versions.get(path) ?? 1) + 1;
    this.versions.set(path, version);
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri(path), version }, contentChanges: [change.range ? { range: change.range, text: change.text } : { text: change.text }] });
    return version;
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.client.sendNotification(DidChangeConfigurationNotification.type, { settings: { gitopsAuthoring: settings } });
  }

  async fileChangedOnDisk(path: string, type: FileChangeType): Promise<void> {
    await this.client.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: this.uri(path), type }] });
  }

  /** Diagnostics published for `path` since `since` (an index from `mark()`) that satisfy `accept`. */
  async diagnosticsFor(path: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, since = 0): Promise<PublishDiagnosticsParams> {
    const uri = this.uri(path);
    let found: PublishDiagnosticsParams | undefined;
    await this.waitFor(() => (found = this.diagnostics.slice(since).reverse().find((d) => d.uri === uri && accept(d))) !== undefined, `diagnostics for ${path}`);
    return found as PublishDiagnosticsParams;
  }

  /** Every publication received for `path` (since a `mark()`, when given). */
  published(path: string, since = 0): PublishDiagnosticsParams[] {
    const uri = this.uri(path);
    return this.diagnostics.slice(since).filter((d) => d.uri === uri);
  }

  /** Every notification of `type` received from now on, in order (waiters wake on each). */
  record<P>(type: NotificationType<P>): P[] {
    const received: P[] = [];
    this.client.onNotification(type, (params: P) => {
      received.push(params);
      this.notify();
    });
    return received;
  }

  mark(): number {
    return this.diagnostics.length;
  }

  /** Waits (event-driven, with a deadline) until `condition` holds. */
  waitFor(condition: () => boolean, what: string, timeoutMs = this.waitTimeoutMs): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      // Ended with the session: left pending (a rejection nobody awaits would fail whatever test runs then).
      this.waiters.set(check, () => clearTimeout(timer));
    });
  }

  async dispose(): Promise<void> {
    try {
      // No `exit`: the in-process server would call process.exit on it.
      await this.client.sendRequest(ShutdownRequest.type);
    } catch {
      // the connection may already be closed by a failing test
    }
    this.server.dispose();
    this.client.dispose();
    // A wait nobody met (a test that left one running, e.g. for diagnostics that never come) ends here: its
    // deadline timer (up to minutes) would otherwise keep the test process alive after its last test.
    for (const cancel of this.waiters.values()) cancel();
    this.waiters.clear();
    rmSync(this.root, { recursive: true, force: true });
  }

  private notify(): void {
    for (const waiter of [...this.waiters.keys()]) waiter();
  }
}
