// Wires LSP requests to the handlers. Handlers fetch inputs, call core and convert types; the state and the
// scheduling live per workspace folder (workspace-folder.ts). Tests drive this over in-memory streams.
import { fileURLToPath } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder as LspWorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintWorkspaceRequest, readinessReportRequest, serverStatusNotification, type LintWorkspaceResult } from '../protocol/lsp-extensions.js';
import { registerAgentControl } from './drift/agent-control-handler.js';
import { DriftCoordinator } from './drift/drift-coordinator.js';
import { registerWriteBackRequests } from './writeback/writeback-requests.js';
import { registerIgnoreRulePlanning } from './drift/ignore-rule-handler.js';
import { registerHotfixGuard } from './writeback/hotfix-guard.js';
import { provideCodeActions } from './handlers/code-actions.js';
import { provideCompletion } from './handlers/completion.js';
import { provideDocumentSymbols } from './handlers/document-symbols.js';
import { provideHover } from './handlers/hover.js';
import { EMPTY_SCHEMA_PROVIDER } from './schema-provider.js';
import { DEFAULT_DRIFT_TIMING, DEFAULT_TIMING, type ServerDeps } from './server-deps.js';
import { WorkspaceFolder, type FolderOptions } from './workspace-folder.js';
import { isManifestCandidate, isManifestPath } from './workspace-state.js';

const LANGUAGES = new Set(['yaml', 'json', 'kubernetes', 'helm']);

export interface ServerHandle {
  /** Resolves once every workspace folder has been read from disk after `initialized`. */
  readonly ready: Promise<void>;
  dispose(): void;
}

/** Registers every handler on `connection`; the caller calls `connection.listen()`. */
export function createServer(connection: Connection, deps: ServerDeps): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  const schema = deps.schema ?? EMPTY_SCHEMA_PROVIDER;
  const log = (message: string) => connection.console.error(message);
  let options: FolderOptions = { connection, deps, canPullConfiguration: false, timing: { ...DEFAULT_TIMING, ...deps.timing }, log };
  let folders: WorkspaceFolder[] = [];
  let loose = new WorkspaceFolder(undefined, options);
  /** Which folder tracks each open document (it can move when folders are added or removed). */
  const trackedIn = new Map<string, WorkspaceFolder>();
  let canRegisterWatchers = false;
  let canWatchFolders = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const drift = new DriftCoordinator({
    connection,
    factory: deps.driftService,
    source: deps.source,
    timing: { ...DEFAULT_DRIFT_TIMING, ...deps.timing },
    log,
    ready,
    ...(deps.processEnv ? { processEnv: deps.processEnv } : {}),
  });
  registerAgentControl({
    connection,
    drift,
    control: deps.agentControl,
    canPullConfiguration: () => options.canPullConfiguration,
    ready,
    log,
    ...(deps.processEnv ? { processEnv: deps.processEnv } : {}),
  });
  registerIgnoreRulePlanning(connection, drift, ready, log);
  registerHotfixGuard(connection, drift, ready, log);

  const rootOf = (folder: LspWorkspaceFolder): string | undefined => (folder.uri.startsWith('file:') ? fileURLToPath(folder.uri) : undefined);
  /** The innermost folder containing the URI (folders may nest), else the folder without root. */
  const folderFor = (uri: string): WorkspaceFolder => {
    let best: WorkspaceFolder | undefined;
    for (const f of folders) if (f.contains(uri) && (!best || (f.root?.length ?? 0) > (best.root?.length ?? 0))) best = f;
    return best ?? loose;
  };
  const allFolders = () => [...folders, loose];

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    options = { ...options, canPullConfiguration: params.capabilities.workspace?.configuration === true };
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canWatchFolders = params.capabilities.workspace?.workspaceFolders === true;
    const given = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: 'root' }] : []);
    folders = given.map(rootOf).filter((root): root is string => root !== undefined).map((root) => new WorkspaceFolder(root, options));
    loose = new WorkspaceFolder(undefined, options);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        // `:` offers a field's values right away; keys come on request (a space at every indent would be noise).
        completionProvider: { triggerCharacters: [':'] },
        documentSymbolProvider: { label: 'GitOps' },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'gitops-authoring' },
    };
  });

  const fileCount = () => allFolders().reduce((sum, f) => sum + f.state.fileCount(), 0);

  /** Reads folders from disk, reporting progress; linting in each folder waits for its own read. */
  const loadFolders = async (toLoad: readonly WorkspaceFolder[]) => {
    void connection.sendNotification(serverStatusNotification, { state: 'indexing', fileCount: fileCount() });
    let unreadable = 0;
    let failed = false;
    // Folders are read one after another; their large files are parsed in workers meanwhile, in parallel.
    await Promise.all(toLoad.map(async (folder) => {
      try {
        unreadable += (await folder.load()).unreadable;
      } catch (error) {
        failed = true;
        log(`reading ${folder.root} failed: ${String(error)}`);
      }
      drift.folderLoaded(folder);
    }));
    const message = failed ? 'the workspace could not be read' : unreadable > 0 ? `${unreadable} file(s) could not be read` : undefined;
    void connection.sendNotification(serverStatusNotification, { state: 'ready', fileCount: fileCount(), ...(message ? { message } : {}) });
  };

  connection.onInitialized(() => {
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/Kustomization' }],
      });
    }
    if (canWatchFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const removedRoots = new Set(removed.map(rootOf));
        for (const f of folders.filter((f) => removedRoots.has(f.root))) {
          drift.folderRemoved(f);
          f.dispose();
        }
        const fresh = added.map(rootOf).filter((root): root is string => root !== undefined).map((root) => new WorkspaceFolder(root, options));
        folders = [...folders.filter((f) => !removedRoots.has(f.root)), ...fresh];
        for (const doc of documents.all()) if (trackedIn.get(doc.uri) !== folderFor(doc.uri)) retrack(doc);
        setImmediate(() => void loadFolders(fresh));
      });
    }
    // Reading the repository is deferred past the handshake (the client is not kept waiting); linting waits
    // for it, so no finding is ever computed from a partial index. A buffer opened meanwhile reuses its parse.
    setImmediate(() => void loadFolders(folders).then(markReady));
  });

  const track = (doc: TextDocument) => {
    const folder = folderFor(doc.uri);
    const path = folder.paths.toPath(doc.uri);
    if (!LANGUAGES.has(doc.languageId) && !isManifestPath(path)) return;
    const text = doc.getText();
    // package.json, tsconfig.json and friends are not manifests: not parsed, not linted.
    if (!isManifestCandidate(path, text)) {
      untrack(doc.uri);
      return;
    }
    trackedIn.set(doc.uri, folder);
    folder.state.setOpen(doc.uri, path, doc.version, text);
    folder.scheduler.documentChanged(path);
  };
  const untrack = (uri: string) => {
    const folder = trackedIn.get(uri);
    if (!folder) return;
    trackedIn.delete(uri);
    const path = folder.paths.toPath(uri);
    folder.scheduler.forget(path);
    const { affectsOthers } = folder.state.close(path);
    void folder.parseDiskFiles(); // closed with unsaved edits: a large file is read again, in a worker
    folder.configs.forget(uri);
    folder.publisher.clear(uri);
    if (affectsOthers) folder.scheduler.workspaceChanged();
  };
  const retrack = (doc: TextDocument) => {
    untrack(doc.uri);
    track(doc);
  };
  // TextDocuments reports an open as a content change too: one subscription sees every version once.
  documents.onDidChangeContent((e) => track(e.document));
  documents.onDidClose((e) => untrack(e.document.uri));

  connection.onDidChangeConfiguration((change) => {
    for (const folder of allFolders()) {
      folder.configs.settingsChanged(change.settings);
      void folder.scheduler.lintAllOpen();
    }
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    const affected = new Set<WorkspaceFolder>();
    const changedPaths = new Map<WorkspaceFolder, string[]>();
    for (const change of changes) {
      const folder = folderFor(change.uri);
      if (folder === loose) continue;
      changedPaths.set(folder, [...(changedPaths.get(folder) ?? []), folder.paths.toPath(change.uri)]);
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      if (folder.fileChanged(change.uri, kind)) affected.add(folder);
    }
    for (const folder of affected) void folder.scheduler.lintAllOpen();
    for (const [folder, paths] of changedPaths) drift.filesChanged(folder, paths);
  });

  /** The open document a request is about, with its folder; undefined for documents we do not track. */
  const openDocument = (uri: string) => {
    const folder = trackedIn.get(uri);
    const doc = folder?.state.getOpen(folder.paths.toPath(uri));
    return folder && doc ? { folder, doc } : undefined;
  };

  connection.onCodeAction((params) => {
    const found = openDocument(params.textDocument.uri);
    if (!found) return [];
    const { folder, doc } = found;
    return guard(() => provideCodeActions({
      params,
      path: doc.path,
      text: doc.file.text,
      index: folder.state.index(),
      findings: folder.publisher.findings(doc.uri),
      uriOf: (path) => folder.uriOf(path),
      toDiagnostic: (f) => folder.publisher.diagnostic(f),
    }), []);
  });

  connection.onHover(async (params) => {
    const found = openDocument(params.textDocument.uri);
    if (!found) return null;
    const { folder, doc } = found;
    const config = await folder.configs.configFor(doc.uri);
    return guard(() => provideHover({ index: folder.state.index(), path: doc.path, text: doc.file.text, position: params.position, schema, kubernetesVersion: config.kubernetesVersion }), null);
  });

  connection.onCompletion(async (params) => {
    const found = openDocument(params.textDocument.uri);
    if (!found) return [];
    const config = await found.folder.configs.configFor(found.doc.uri);
    return guard(() => provideCompletion({ text: found.doc.file.text, position: params.position, schema, kubernetesVersion: config.kubernetesVersion }), []);
  });

  connection.onDocumentSymbol((params) => {
    const found = openDocument(params.textDocument.uri);
    if (!found) return [];
    return guard(() => provideDocumentSymbols(found.folder.state.index(), found.doc.path), []);
  });

  connection.onRequest(lintWorkspaceRequest, async (params): Promise<LintWorkspaceResult> => {
    const result = { fileCount: 0, errorCount: 0, warningCount: 0, otherCount: 0 };
    for (const folder of allFolders()) {
      await folder.lintAll(params.includeClosedFiles === true, result);
      drift.folderLoaded(folder);
    }
    return result;
  });

  registerWriteBackRequests({ connection, backend: deps.writeBack, drift, folders: () => folders, source: deps.source, ready, log });

  // The readiness report (core/readiness) is imported on first request: start-up does not load it.
  connection.onRequest(readinessReportRequest, async (params) => (await import('./handlers/readiness.js')).provideReadiness(folders.map((f) => f.root).filter((r): r is string => r !== undefined), params, deps.readinessInput, (root) => drift.clusterFactsOf(root)));

  documents.listen(connection);
  return {
    ready,
    dispose: () => {
      drift.dispose();
      for (const folder of allFolders()) folder.scheduler.dispose();
    },
  };

  function guard<T>(run: () => T, fallback: T): T {
    try {
      return run();
    } catch (error) {
      // A handler bug must cost one answer, never the server.
      log(`request failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return fallback;
    }
  }
}
