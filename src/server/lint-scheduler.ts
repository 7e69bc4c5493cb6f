// When to lint what. An edited document is linted as soon as the changes already received are applied
// (configurable delay), incrementally: only its changed YAML documents. After a quiet moment (debounced),
// every open document is linted whole, so effects of an edit on other documents and files arrive too.
// Every run carries a generation per document: a run overtaken by a newer change is dropped, and the
// publisher refuses results from an older workspace revision than the last one published.
import type { LintConfig } from '../core/config/lint-config.js';
import type { Finding } from '../core/findings/finding.js';
import type { LintDependencies } from '../core/lint/lint-engine.js';
import { LIMIT_RULE_ID } from '../core/manifest/parse-manifest.js';
import { isKustomizationPath } from '../core/workspace/kustomization-file.js';
import type { DiagnosticsPublisher } from './handlers/diagnostics.js';
import { IncrementalLinter } from './incremental-lint.js';
import type { OffThreadLinter } from './lint-worker/off-thread-linter.js';
import type { LintTiming } from './server-deps.js';
import type { FailedRead, OpenDocument, WorkspaceState } from './workspace-state.js';

export interface LintSchedulerOptions {
  readonly state: WorkspaceState;
  readonly configFor: (uri: string) => Promise<LintConfig>;
  readonly publisher: DiagnosticsPublisher;
  readonly lintDeps: LintDependencies;
  readonly timing: LintTiming;
  readonly log: (message: string) => void;
  /** Resolves once the workspace has been read: no finding is computed from a partial index. */
  readonly ready: Promise<void>;
  /** Lints large buffers (`OpenDocument.isOffThread`) in worker threads; without it, everything runs here. */
  readonly offThread?: OffThreadLinter;
}

type LintMode = 'incremental' | 'full';

export class LintScheduler {
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, () => void>();
  private readonly linter: IncrementalLinter;
  private workspaceTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly options: LintSchedulerOptions) {
    this.linter = new IncrementalLinter(options.lintDeps);
  }

  /** An open document changed: lint it now (incrementally), and everything open once typing pauses. */
  documentChanged(path: string): void {
    this.schedule(path, this.options.timing.documentDelayMs, 'incremental');
    this.workspaceChanged();
  }

  /** Something every open document may depend on changed; debounced. */
  workspaceChanged(): void {
    if (this.disposed) return;
    if (this.workspaceTimer) clearTimeout(this.workspaceTimer);
    this.workspaceTimer = setTimeout(() => {
      this.workspaceTimer = undefined;
      for (const doc of this.options.state.openDocuments()) this.schedule(doc.path, 0, 'full');
    }, this.options.timing.workspaceDelayMs);
  }

  /** Lints every open document whole, now (configuration changes, files changed on disk). */
  async lintAllOpen(): Promise<void> {
    await Promise.all([...this.options.state.openDocuments()].map((doc) => this.run(doc.path, this.bump(doc.path), 'full')));
  }

  /** Findings of a file computed right now, without publishing (the workspace lint request). */
  async lintFile(path: string, uri: string): Promise<readonly Finding[]> {
    const config = await this.options.configFor(uri);
    const open = this.options.state.getOpen(path);
    if (open?.isOffThread && this.options.offThread) return (await this.lintOffThread(open, config)) ?? [];
    if (!open && this.options.offThread && this.options.state.offThreadDiskText(path) !== undefined) return this.lintDiskFile(path, uri, config, false);
    return this.compute(path, config, 'full');
  }

  /**
   * Large files read from disk since the last call (start-up, a close with unsaved edits, a change on disk)
   * are parsed in their workers, never here; resolves once each has been reported (or could not be).
   */
  async parseDiskFiles(uriOf: (path: string) => string): Promise<void> {
    await Promise.all(this.options.state.takePendingDiskParses().map(async (path) => {
      const uri = uriOf(path);
      await this.lintDiskFile(path, uri, await this.options.configFor(uri), true);
    }));
  }

  /** The document was closed: drop pending runs and cached findings. */
  forget(path: string): void {
    this.bump(path);
    this.linter.forget(path);
    this.options.offThread?.forget(path);
  }

  dispose(): void {
    this.disposed = true;
    this.options.offThread?.dispose();
    if (this.workspaceTimer) clearTimeout(this.workspaceTimer);
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private schedule(path: string, delayMs: number, mode: LintMode): void {
    if (this.disposed) return;
    const generation = this.bump(path);
    const fire = () => {
      this.timers.delete(path);
      void this.run(path, generation, mode);
    };
    if (delayMs <= 0) {
      const handle = setImmediate(fire);
      this.timers.set(path, () => clearImmediate(handle));
    } else {
      const handle = setTimeout(fire, delayMs);
      this.timers.set(path, () => clearTimeout(handle));
    }
  }

  private bump(path: string): number {
    this.timers.get(path)?.();
    this.timers.delete(path);
    const generation = (this.generations.get(path) ?? 0) + 1;
    this.generations.set(path, generation);
    return generation;
  }

  private async run(path: string, generation: number, mode: LintMode): Promise<void> {
    const before = this.options.state.getOpen(path);
    if (!before || this.disposed) return;
    await this.options.ready;
    const config = await this.options.configFor(before.uri);
    // Let requests and edits that arrived meanwhile go first (hover, completion, a newer keystroke), so a
    // document that takes long to lint delays them by at most one document's lint, never a queue of them.
    await yieldToPendingMessages();
    // Everything after the awaits reads the newest state: an older generation has nothing left to do.
    if (this.generations.get(path) !== generation || this.disposed) return;
    const doc = this.options.state.getOpen(path);
    if (!doc) return;
    if (doc.isOffThread && this.options.offThread) {
      const findings = await this.lintOffThread(doc, config);
      // A newer edit (or a close) while the worker ran: its run publishes, this one has nothing to say.
      if (findings === undefined || this.generations.get(path) !== generation || this.disposed) return;
      this.options.publisher.publish(doc.uri, doc.version, this.options.state.revision, findings);
      return;
    }
    this.options.offThread?.forget(path); // a document that shrank below the size for a worker: its worker stops
    const revision = this.options.state.revision;
    const findings = isGitOpsRelevant(doc, this.options.state) ? this.compute(path, config, mode) : [];
    this.options.publisher.publish(doc.uri, doc.version, revision, findings);
    setImmediate(() => this.options.state.primeParseCache(path));
  }

  /**
   * Parses and lints a large buffer in its worker; the main thread only waits for the answer. Undefined when
   * a newer version superseded this one. A worker stopped at its deadline leaves one `file-limits` finding.
   */
  private async lintOffThread(doc: OpenDocument, config: LintConfig): Promise<readonly Finding[] | undefined> {
    const { state, offThread } = this.options;
    const outcome = await (offThread as OffThreadLinter).lint(doc, config);
    if (outcome.kind === 'superseded' || state.getOpen(doc.path)?.version !== doc.version) return undefined;
    if (outcome.kind === 'stopped') return [this.stoppedFinding(doc.path, outcome.reason, state.offThreadReadFailed(doc.path, doc.version))];
    // Other files may depend on what it declares: they are linted again once (its signature is unchanged then).
    if (state.acceptOffThreadParse(doc.path, doc.version, outcome)) this.workspaceChanged();
    return outcome.findings;
  }

  /**
   * Parses (and unless `parseOnly`, lints) a large closed file in a worker; its documents replace the stand-in
   * in the index. The worker stops after (a closed file keeps none). Stopped: one `file-limits` finding.
   */
  private async lintDiskFile(path: string, uri: string, config: LintConfig, parseOnly: boolean): Promise<readonly Finding[]> {
    const { state, offThread } = this.options;
    const text = state.offThreadDiskText(path);
    if (text === undefined || !offThread) return [];
    const outcome = await offThread.lint({ uri, path, version: 0, text, parseOnly }, config);
    if (!state.getOpen(path)) offThread.forgetIdle(path);
    if (outcome.kind === 'superseded') return [];
    if (outcome.kind === 'stopped') return [this.stoppedFinding(path, outcome.reason, state.diskReadFailed(path, text))];
    if (state.acceptDiskParse(path, text, outcome)) this.workspaceChanged();
    return outcome.findings;
  }

  /**
   * The one finding on a file its worker could not read. Other files then see its last good read, or (none) treat
   * what it may declare as unknown; they are linted again when that changes what they see.
   */
  private stoppedFinding(path: string, reason: string, failed: FailedRead): Finding {
    this.options.log(`lint of ${path} stopped: ${reason}`);
    if (failed.affectsOthers) this.workspaceChanged();
    const consequence = failed.isUnread ? 'other files\' checks treat the objects it may declare as unknown until it is read' : 'other files are checked against its last complete read';
    return { ruleId: LIMIT_RULE_ID, severity: 'warning', path, message: `File not validated: ${reason}; ${consequence}.`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }

  private compute(path: string, config: LintConfig, mode: LintMode): readonly Finding[] {
    const { state } = this.options;
    try {
      return mode === 'full'
        ? this.linter.lintFull(state.index(), path, config, state.dependencyKey)
        : this.linter.lint(state.index(), path, config, state.dependencyKey);
    } catch (error) {
      // The engine promises never to throw; if it does, the document keeps no stale findings and we say why.
      this.options.log(`lint failed for ${path}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return [];
    }
  }
}

function yieldToPendingMessages(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A YAML file that declares no Kubernetes object and is no kustomization is someone else's business. */
export function isGitOpsRelevant(doc: OpenDocument, state: WorkspaceState): boolean {
  if (isKustomizationPath(doc.path)) return true;
  if (state.index().resourcesInFile(doc.path).length > 0) return true;
  return /\bapiVersion\b|^kind\s*:/m.test(doc.file.text);
}
