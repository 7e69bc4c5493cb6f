// Drift for one workspace folder: its environments (detected from the repository's Flux Kustomizations and
// Argo CD Applications plus the `drift:` section of its config file; the whole repository when there is
// none), started while someone looks, and kept current as files change.
import type { DriftServiceFactory } from '../../adapters/drift/drift-service-api.js';
import { CONFIG_FILE_NAME } from '../../core/config/lint-config.js';
import { readConfigFileText } from '../../core/config/read-config-file.js';
import { detectEnvironments } from '../../core/environments/detect-environments.js';
import { parseDriftSettings, withDriftSettings, type DriftSettings } from '../../core/environments/drift-settings.js';
import type { Environment } from '../../core/environments/environment.js';
import { isRecord } from '../../core/resource/manifest-resource.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import type { DriftDeltaParams, DriftEnvironmentView, DriftWatchParams } from '../../protocol/drift-messages.js';
import type { UriOf } from './drift-views.js';
import { EnvironmentDrift } from './environment-drift.js';
import { scopeOf } from './environment-scope.js';

export interface FolderDriftOptions {
  readonly root: string;
  readonly folderUri: string;
  readonly index: () => WorkspaceIndex;
  /** Reads a repository file (the config file), undefined when absent. */
  readonly readText: (path: string) => string | undefined;
  readonly uriOf: UriOf;
  readonly factory: DriftServiceFactory | undefined;
  readonly sendDelta: (params: DriftDeltaParams) => void;
  readonly changed: () => void;
  readonly log: (message: string) => void;
  /** Debounce of file changes before desired state is rebuilt. */
  readonly desiredDelayMs: number;
  readonly retryBaseMs: number;
  readonly processEnv?: NodeJS.ProcessEnv;
}

export class FolderDrift {
  private readonly environments = new Map<string, { drift: EnvironmentDrift; signature: string }>();
  private watching: DriftWatchParams | undefined;
  private lastIndex: WorkspaceIndex | undefined;
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: FolderDriftOptions) {
    this.detect();
  }

  get root(): string {
    return this.options.root;
  }

  get folderUri(): string {
    return this.options.folderUri;
  }

  /** The folder's current workspace index. */
  index(): WorkspaceIndex {
    return this.options.index();
  }

  /** A repository file's text (the config file), undefined when absent. */
  readText(path: string): string | undefined {
    return this.options.readText(path);
  }

  views(): DriftEnvironmentView[] {
    return [...this.environments.values()].map((e) => e.drift.view());
  }

  contexts(): string[] {
    return [...this.environments.values()].flatMap((e) => e.drift.contexts);
  }

  environment(id: string): EnvironmentDrift | undefined {
    for (const e of this.environments.values()) if (e.drift.id === id) return e.drift;
    return undefined;
  }

  watch(params: DriftWatchParams): void {
    this.watching = params;
    for (const { drift } of this.environments.values()) drift.watch(this.targetOf(drift));
  }

  unwatch(): void {
    this.watching = undefined;
    for (const { drift } of this.environments.values()) if (drift.isWatching) drift.unwatch();
  }

  /** Files changed on disk (repository paths): coalesced, then only the environments they feed rebuild. */
  filesChanged(paths: readonly string[]): void {
    for (const p of paths) this.pending.add(p);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.applyChanges(), this.options.desiredDelayMs);
  }

  /** The whole folder was read again: environments are detected again and every one rebuilds. */
  reloaded(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    const kept = this.detect();
    for (const drift of kept) drift.desiredChanged();
  }

  async refresh(id?: string): Promise<void> {
    await Promise.all([...this.environments.values()].filter((e) => id === undefined || e.drift.id === id).map((e) => e.drift.refresh()));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const { drift } of this.environments.values()) drift.dispose();
    this.environments.clear();
  }

  private applyChanges(): void {
    this.timer = undefined;
    const paths = [...this.pending];
    this.pending.clear();
    const before = this.lastIndex;
    const kept = this.detect();
    const after = this.lastIndex;
    for (const drift of kept) {
      const envPath = drift.env?.path ?? '';
      const scopes = [before, after].filter((i): i is WorkspaceIndex => i !== undefined).map((i) => scopeOf(i, envPath));
      if (paths.some((p) => p === CONFIG_FILE_NAME || scopes.some((s) => s.includes(p)))) drift.desiredChanged();
    }
  }

  /**
   * Detects the environments again; new and changed ones replace the old (and start when someone looks),
   * vanished ones stop. Returns the environments kept as they were.
   */
  private detect(): EnvironmentDrift[] {
    const index = this.options.index();
    this.lastIndex = index;
    const wanted = this.wantedEnvironments(index);
    const kept: EnvironmentDrift[] = [];
    const names = new Set<string>();
    let changed = false;
    for (const env of wanted) {
      const name = env?.name ?? '';
      names.add(name);
      const signature = signatureOf(env);
      const existing = this.environments.get(name);
      if (existing && existing.signature === signature) {
        kept.push(existing.drift);
        continue;
      }
      existing?.drift.dispose();
      const drift = new EnvironmentDrift({
        folderUri: this.options.folderUri,
        root: this.options.root,
        env,
        factory: this.options.factory,
        index: this.options.index,
        uriOf: this.options.uriOf,
        sendDelta: this.options.sendDelta,
        changed: this.options.changed,
        log: this.options.log,
        retryBaseMs: this.options.retryBaseMs,
        ...(this.options.processEnv ? { processEnv: this.options.processEnv } : {}),
      });
      this.environments.set(name, { drift, signature });
      changed = true;
      if (this.watching) drift.watch(this.targetOf(drift));
    }
    for (const [name, { drift }] of this.environments) {
      if (names.has(name)) continue;
      drift.retire();
      this.environments.delete(name);
      changed = true;
    }
    if (changed) this.options.changed();
    return kept;
  }

  private wantedEnvironments(index: WorkspaceIndex): (Environment | undefined)[] {
    const settings = this.readSettings();
    for (const p of settings.problems) this.options.log(`drift settings (${CONFIG_FILE_NAME}): ${p}`);
    const detected = detectEnvironments(index.resources, settings.environments);
    if (detected.length > 0) return detected.map((e) => withDriftSettings(e, settings));
    // Settings apply without an environment too; nothing else of an environment is implied.
    return [withDriftSettings(undefined, settings)];
  }

  /** The `drift:` section of the repository's config file; a broken file is logged and ignored. */
  private readSettings(): DriftSettings {
    const text = this.options.readText(CONFIG_FILE_NAME);
    if (text === undefined) return parseDriftSettings(undefined);
    const read = readConfigFileText(CONFIG_FILE_NAME, text);
    if ('problem' in read) {
      this.options.log(`drift settings: ${CONFIG_FILE_NAME}: ${read.problem}`);
      return parseDriftSettings(undefined);
    }
    return parseDriftSettings(isRecord(read.value) ? read.value.drift : undefined);
  }

  private targetOf(drift: EnvironmentDrift): { kubeconfig?: string; context?: string } {
    const context = this.watching?.contexts?.[drift.id];
    return { ...(this.watching?.kubeconfig ? { kubeconfig: this.watching.kubeconfig } : {}), ...(context ? { context } : {}) };
  }
}

/** What a service is built from: where things are declared (ranges) does not count. */
function signatureOf(env: Environment | undefined): string {
  return JSON.stringify(env ?? null, (key, value: unknown) => (key === 'source' || key === 'origin' ? undefined : value));
}
