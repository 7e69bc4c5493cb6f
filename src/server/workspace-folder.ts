// One workspace folder (a repository) as the server sees it: its files, settings, findings and lint
// schedule. Multi-root workspaces get one each; documents outside every folder share a folder without root.
import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../core/config/lint-config.js';
import type { LintWorkspaceResult } from '../protocol/lsp-extensions.js';
import { ConfigurationService } from './handlers/configuration.js';
import { DiagnosticsPublisher } from './handlers/diagnostics.js';
import { LintScheduler } from './lint-scheduler.js';
import { OffThreadLinter } from './lint-worker/off-thread-linter.js';
import type { LintTiming, ServerDeps } from './server-deps.js';
import { UriPaths } from './uri-paths.js';
import { isManifestPath, WorkspaceState } from './workspace-state.js';

export interface FolderOptions {
  readonly connection: Connection;
  readonly deps: ServerDeps;
  readonly canPullConfiguration: boolean;
  readonly timing: LintTiming;
  readonly log: (message: string) => void;
}

export class WorkspaceFolder {
  readonly paths: UriPaths;
  readonly state: WorkspaceState;
  readonly configs: ConfigurationService;
  readonly publisher: DiagnosticsPublisher;
  readonly scheduler: LintScheduler;
  /** Resolves once the folder has been read from disk: nothing is linted from a partial index. */
  readonly loaded: Promise<void>;
  private markLoaded: () => void = () => undefined;

  constructor(readonly root: string | undefined, options: FolderOptions) {
    this.paths = new UriPaths(root);
    const offThreadOptions = options.deps.offThreadLint;
    let offThread: OffThreadLinter | undefined;
    this.state = new WorkspaceState(options.deps.source, root, (text) => offThread?.isLarge(text) === true);
    if (offThreadOptions) offThread = new OffThreadLinter(offThreadOptions, this.state);
    this.configs = new ConfigurationService(options.connection, options.canPullConfiguration, options.deps.source, root);
    this.publisher = new DiagnosticsPublisher(options.connection, (path) => this.uriOf(path));
    this.loaded = new Promise((resolve) => (this.markLoaded = resolve));
    this.scheduler = new LintScheduler({
      state: this.state,
      configFor: (uri) => this.configs.configFor(uri),
      publisher: this.publisher,
      lintDeps: { rules: options.deps.rules, validator: options.deps.validator },
      timing: options.timing,
      log: options.log,
      ready: this.loaded,
      ...(offThread ? { offThread } : {}),
    });
    if (!root) this.markLoaded();
  }

  /** True when the file URI lies inside this folder's root. */
  contains(uri: string): boolean {
    return this.root !== undefined && uri.startsWith('file:') && this.paths.isInsideRoot(this.paths.toPath(uri));
  }

  uriOf(path: string): string {
    return this.state.getOpen(path)?.uri ?? this.paths.toUri(path);
  }

  /** Reads the folder from disk (once at start, again on request); lints every open document after. */
  load(): { fileCount: number; unreadable: number } {
    try {
      return this.state.loadFromDisk();
    } finally {
      this.markLoaded();
      this.scheduler.workspaceChanged();
    }
  }

  /** A file of this folder changed on disk. Returns whether open documents must be re-linted. */
  fileChanged(uri: string, change: 'created' | 'changed' | 'deleted'): boolean {
    const path = this.paths.toPath(uri);
    if (path === CONFIG_FILE_NAME) {
      this.configs.repoConfigChanged();
      return true;
    }
    if (!isManifestPath(path)) return false;
    return this.state.diskChanged(path, change).affectsOthers;
  }

  /** Lints every manifest of the folder; publishes open documents (and closed ones when asked). */
  async lintAll(includeClosedFiles: boolean, into: { -readonly [K in keyof LintWorkspaceResult]: number }): Promise<void> {
    this.state.loadFromDisk();
    for (const path of this.state.index().files.keys()) {
      const open = this.state.getOpen(path);
      const uri = open?.uri ?? this.paths.toUri(path);
      const findings = await this.scheduler.lintFile(path, uri);
      into.fileCount++;
      for (const f of findings) {
        if (f.severity === 'error') into.errorCount++;
        else if (f.severity === 'warning') into.warningCount++;
        else into.otherCount++;
      }
      if (open || includeClosedFiles) this.publisher.publish(uri, open?.version, this.state.revision, findings);
    }
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const doc of this.state.openDocuments()) this.publisher.clear(doc.uri);
  }
}
