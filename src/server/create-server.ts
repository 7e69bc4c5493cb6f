// Wires LSP requests to the handlers. Handlers fetch inputs, call core and convert types; the state and the
// scheduling live in workspace-state and lint-scheduler. Tests drive this over in-memory streams.
import { fileURLToPath } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE_NAME } from '../core/config/lint-config.js';
import { lintWorkspaceRequest, serverStatusNotification, type LintWorkspaceResult } from '../protocol/lsp-extensions.js';
import { provideCodeActions } from './handlers/code-actions.js';
import { provideCompletion } from './handlers/completion.js';
import { ConfigurationService } from './handlers/configuration.js';
import { DiagnosticsPublisher } from './handlers/diagnostics.js';
import { provideDocumentSymbols } from './handlers/document-symbols.js';
import { provideHover } from './handlers/hover.js';
import { LintScheduler } from './lint-scheduler.js';
import { EMPTY_SCHEMA_PROVIDER } from './schema-provider.js';
import { DEFAULT_TIMING, type ServerDeps } from './server-deps.js';
import { UriPaths } from './uri-paths.js';
import { isManifestCandidate, isManifestPath, WorkspaceState } from './workspace-state.js';

const LANGUAGES = new Set(['yaml', 'json', 'kubernetes', 'helm']);

export interface ServerHandle {
  /** Resolves once the workspace has been read from disk after `initialized`. */
  readonly ready: Promise<void>;
  dispose(): void;
}

/** Registers every handler on `connection`; the caller calls `connection.listen()`. */
export function createServer(connection: Connection, deps: ServerDeps): ServerHandle {
  const documents = new TextDocuments(TextDocument);
  const timing = { ...DEFAULT_TIMING, ...deps.timing };
  const schema = deps.schema ?? EMPTY_SCHEMA_PROVIDER;
  let paths = new UriPaths(undefined);
  let state = new WorkspaceState(deps.source, undefined);
  let configs: ConfigurationService;
  let publisher: DiagnosticsPublisher;
  let scheduler: LintScheduler;
  let canRegisterWatchers = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const uriOf = (path: string) => state.getOpen(path)?.uri ?? paths.toUri(path);
  const log = (message: string) => connection.console.error(message);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const rootUri = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    const root = rootUri?.startsWith('file:') ? fileURLToPath(rootUri) : undefined;
    paths = new UriPaths(root);
    state = new WorkspaceState(deps.source, root);
    const canPull = params.capabilities.workspace?.configuration === true;
    canRegisterWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    configs = new ConfigurationService(connection, canPull, deps.source, root);
    publisher = new DiagnosticsPublisher(connection, uriOf);
    scheduler = new LintScheduler({
      state,
      configFor: (uri) => configs.configFor(uri),
      publisher,
      lintDeps: { rules: deps.rules, validator: deps.validator },
      timing,
      log,
      ready,
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        // `:` offers a field's values right away; keys come on request (a space at every indent would be noise).
        completionProvider: { triggerCharacters: [':'] },
        documentSymbolProvider: { label: 'GitOps' },
      },
      serverInfo: { name: 'gitops-authoring' },
    };
  });

  connection.onInitialized(() => {
    if (canRegisterWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/Kustomization' }],
      });
    }
    // Reading the repository is deferred past the handshake (the client is not kept waiting); linting waits
    // for it, so no finding is ever computed from a partial index. A buffer opened meanwhile reuses its parse.
    setImmediate(() => {
      void connection.sendNotification(serverStatusNotification, { state: 'indexing', fileCount: state.fileCount() });
      try {
        const { fileCount, unreadable } = state.loadFromDisk();
        void connection.sendNotification(serverStatusNotification, {
          state: 'ready',
          fileCount,
          ...(unreadable > 0 ? { message: `${unreadable} file(s) could not be read` } : {}),
        });
      } catch (error) {
        log(`reading the workspace failed: ${String(error)}`);
        void connection.sendNotification(serverStatusNotification, { state: 'ready', fileCount: state.fileCount(), message: 'the workspace could not be read' });
      }
      scheduler.workspaceChanged();
      markReady();
    });
  });

  const track = (doc: TextDocument) => {
    const path = paths.toPath(doc.uri);
    if (!LANGUAGES.has(doc.languageId) && !isManifestPath(path)) return;
    const text = doc.getText();
    // package.json, tsconfig.json and friends are not manifests: not parsed, not linted.
    if (!isManifestCandidate(path, text)) {
      if (state.getOpen(path)) untrack(doc.uri, path);
      return;
    }
    state.setOpen(doc.uri, path, doc.version, text);
    scheduler.documentChanged(path);
  };
  const untrack = (uri: string, path: string) => {
    scheduler.forget(path);
    const { affectsOthers } = state.close(path);
    configs.forget(uri);
    publisher.clear(uri);
    if (affectsOthers) scheduler.workspaceChanged();
  };
  // TextDocuments reports an open as a content change too: one subscription sees every version once.
  documents.onDidChangeContent((e) => track(e.document));
  documents.onDidClose((e) => untrack(e.document.uri, paths.toPath(e.document.uri)));

  connection.onDidChangeConfiguration((change) => {
    configs.settingsChanged(change.settings);
    void scheduler.lintAllOpen();
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    let affectsOthers = false;
    for (const change of changes) {
      if (!change.uri.startsWith('file:')) continue;
      const path = paths.toPath(change.uri);
      if (!paths.isInsideRoot(path)) continue;
      if (path === CONFIG_FILE_NAME) {
        configs.repoConfigChanged();
        affectsOthers = true;
        continue;
      }
      if (!isManifestPath(path)) continue;
      const kind = change.type === FileChangeType.Created ? 'created' : change.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      affectsOthers = state.diskChanged(path, kind).affectsOthers || affectsOthers;
    }
    if (affectsOthers) void scheduler.lintAllOpen();
  });

  connection.onCodeAction((params) => {
    const doc = state.getOpen(paths.toPath(params.textDocument.uri));
    if (!doc) return [];
    return guard(() => provideCodeActions({
      params,
      path: doc.path,
      text: doc.file.text,
      index: state.index(),
      findings: publisher.findings(doc.uri),
      uriOf,
      toDiagnostic: (f) => publisher.diagnostic(f),
    }), []);
  });

  connection.onHover(async (params) => {
    const doc = state.getOpen(paths.toPath(params.textDocument.uri));
    if (!doc) return null;
    const config = await configs.configFor(doc.uri);
    return guard(() => provideHover({ index: state.index(), path: doc.path, text: doc.file.text, position: params.position, schema, kubernetesVersion: config.kubernetesVersion }), null);
  });

  connection.onCompletion(async (params) => {
    const doc = state.getOpen(paths.toPath(params.textDocument.uri));
    if (!doc) return [];
    const config = await configs.configFor(doc.uri);
    return guard(() => provideCompletion({ text: doc.file.text, position: params.position, schema, kubernetesVersion: config.kubernetesVersion }), []);
  });

  connection.onDocumentSymbol((params) => {
    const doc = state.getOpen(paths.toPath(params.textDocument.uri));
    if (!doc) return [];
    return guard(() => provideDocumentSymbols(state.index(), doc.path), []);
  });

  connection.onRequest(lintWorkspaceRequest, async (params): Promise<LintWorkspaceResult> => {
    state.loadFromDisk();
    const index = state.index();
    const result = { fileCount: 0, errorCount: 0, warningCount: 0, otherCount: 0 };
    for (const path of index.files.keys()) {
      const open = state.getOpen(path);
      const uri = open?.uri ?? paths.toUri(path);
      const findings = await scheduler.lintFile(path, uri);
      result.fileCount++;
      for (const f of findings) {
        if (f.severity === 'error') result.errorCount++;
        else if (f.severity === 'warning') result.warningCount++;
        else result.otherCount++;
      }
      if (open || params.includeClosedFiles) publisher.publish(uri, open?.version, state.revision, findings);
    }
    return result;
  });

  documents.listen(connection);
  return {
    ready,
    dispose: () => scheduler?.dispose(),
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
