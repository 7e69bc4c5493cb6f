// The extension's copy of the server's drift results: environments, per-environment resources, and an index
// by document URI for the editor. Pure (no `vscode` import): unit-tested in plain Node.
//
// Exports:
// - `DriftStore`: `applyEnvironments` (driftWatch answer, driftEnvironments notification), `applyDelta`
//   (driftDelta notification), `clear` (server stopped); readers `environments`, `environment`, `resources`,
//   `resource`, `findingsIn(uri)` (drifted fields; Missing/Orphan/Unknown resources on their first line), `totals`, `kubeconfigFound`, `contexts`; `onChange(listener)` reports what
//   changed as a `DriftStoreChange` so views update only that.
// - `DriftStoreChange`, `DriftLineFinding`: what `onChange` and `findingsIn` hand out.
// - `DRIFTED_STATUSES`, `isDriftedStatus`: the statuses counted as drift (Drifted, Missing, Orphan).
import type { DriftDeltaParams, DriftEnvironmentsParams, DriftEnvironmentView, DriftFieldView, DriftResourceView } from '../../protocol/drift-messages.js';
import { DRIFT_STATUSES, DriftStatus } from '../../core/drift/drift-types.js';

export interface DriftStoreChange {
  /** The environment list, an environment's state, or its counts changed. */
  readonly environments: boolean;
  /** Environment ids whose whole result set was replaced (reset delta, environment removed, store cleared). */
  readonly reset: readonly string[];
  /** Resources upserted or removed by a (non-reset) delta. */
  readonly resources: readonly { readonly environmentId: string; readonly id: string }[];
  /** Document URIs whose decorations may change (old and new sources). */
  readonly uris: ReadonlySet<string>;
}

/**
 * One line of a document drift has something to say about: a drifted field, or a Missing, Orphan or Unknown
 * resource on its first line (then `field` is absent). Unknown is there so the editor never keeps quiet (or
 * shows a stale drift) when the cluster cannot be read.
 */
export interface DriftLineFinding {
  readonly environmentId: string;
  readonly resource: DriftResourceView;
  readonly field?: DriftFieldView;
  /** 0-based line. */
  readonly line: number;
}

export const DRIFTED_STATUSES: readonly DriftStatus[] = [DriftStatus.Drifted, DriftStatus.Missing, DriftStatus.Orphan];

export function isDriftedStatus(status: DriftStatus): boolean {
  return status === DriftStatus.Drifted || status === DriftStatus.Missing || status === DriftStatus.Orphan;
}

type Counts = Record<DriftStatus, number>;

function zeroCounts(): Counts {
  const counts = {} as Counts;
  for (const status of DRIFT_STATUSES) counts[status] = 0;
  return counts;
}

interface EnvironmentEntry {
  view: DriftEnvironmentView;
  readonly resources: Map<string, DriftResourceView>;
  /** Counted from `resources` once a delta arrived; the server's counts before that. */
  readonly counts: Counts;
  hasResults: boolean;
}

/** Where one resource's findings live, by URI (kept to remove them on update). */
type FindingsByUri = Map<string, DriftLineFinding[]>;

const entryKeyOf = (environmentId: string, resourceId: string): string => `${environmentId}\u0000${resourceId}`;

/** The findings of one resource, grouped by the document they show in. */
function findingsOf(environmentId: string, resource: DriftResourceView): FindingsByUri | undefined {
  if (resource.status === DriftStatus.Synced) return undefined;
  const out: FindingsByUri = new Map();
  const add = (uri: string, finding: DriftLineFinding): void => {
    const list = out.get(uri);
    if (list) list.push(finding);
    else out.set(uri, [finding]);
  };
  const first = resource.source;
  if (resource.status === DriftStatus.Drifted && resource.fields.length > 0) {
    for (const field of resource.fields) {
      const source = field.source ?? first;
      if (source) add(source.uri, { environmentId, resource, field, line: source.range.start.line });
    }
  } else if (first) {
    add(first.uri, { environmentId, resource, line: first.range.start.line });
  }
  return out.size > 0 ? out : undefined;
}

function compareFindings(a: DriftLineFinding, b: DriftLineFinding): number {
  return a.line - b.line || compareText(a.environmentId, b.environmentId) || compareText(a.resource.id, b.resource.id) || compareText(a.field?.pointer ?? '', b.field?.pointer ?? '');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class DriftStore {
  private readonly envs = new Map<string, EnvironmentEntry>();
  private kubeconfig = false;
  private contextNames: readonly string[] = [];
  /** uri → (env+resource key → that resource's findings in the uri). */
  private readonly byUri = new Map<string, Map<string, DriftLineFinding[]>>();
  /** env+resource key → its findings by uri. */
  private readonly findingsByEntry = new Map<string, FindingsByUri>();
  /** Sorted `findingsIn` answers, dropped when their uri changes. */
  private readonly sortedCache = new Map<string, readonly DriftLineFinding[]>();
  private readonly totalCounts = zeroCounts();
  private readonly listeners = new Set<(change: DriftStoreChange) => void>();

  get kubeconfigFound(): boolean {
    return this.kubeconfig;
  }

  get contexts(): readonly string[] {
    return this.contextNames;
  }

  applyEnvironments(params: DriftEnvironmentsParams): void {
    this.kubeconfig = params.kubeconfigFound;
    this.contextNames = [...params.contexts];
    const uris = new Set<string>();
    const reset: string[] = [];
    const incoming = new Set(params.environments.map((e) => e.id));
    for (const [id, entry] of this.envs) {
      if (incoming.has(id)) continue;
      this.dropResources(id, entry, uris);
      this.envs.delete(id);
      reset.push(id);
    }
    // Rebuild the map in the server's order (the tree shows environments in that order).
    const previous = new Map(this.envs);
    this.envs.clear();
    for (const view of params.environments) {
      const entry = previous.get(view.id);
      if (entry) {
        entry.view = view;
        if (!entry.hasResults) Object.assign(entry.counts, view.counts);
        this.envs.set(view.id, entry);
      } else {
        this.envs.set(view.id, { view, resources: new Map(), counts: { ...zeroCounts(), ...view.counts }, hasResults: false });
      }
    }
    this.emit({ environments: true, reset, resources: [], uris });
  }

  applyDelta(params: DriftDeltaParams): void {
    const entry = this.envs.get(params.environmentId);
    if (!entry) return; // a delta for an environment the server no longer lists: nothing shows it
    const uris = new Set<string>();
    const before = { ...entry.counts };
    if (!entry.hasResults) {
      entry.hasResults = true;
      for (const status of DRIFT_STATUSES) entry.counts[status] = 0;
    }
    const changed: { environmentId: string; id: string }[] = [];
    if (params.reset) this.dropResources(params.environmentId, entry, uris);
    for (const id of params.removed) {
      const old = entry.resources.get(id);
      if (!old) continue;
      this.removeResource(params.environmentId, entry, old, uris);
      if (!params.reset) changed.push({ environmentId: params.environmentId, id });
    }
    for (const resource of params.upserted) {
      const old = entry.resources.get(resource.id);
      if (old) this.removeResource(params.environmentId, entry, old, uris);
      this.addResource(params.environmentId, entry, resource, uris);
      if (!params.reset) changed.push({ environmentId: params.environmentId, id: resource.id });
    }
    const countsChanged = DRIFT_STATUSES.some((s) => before[s] !== entry.counts[s]);
    if (!params.reset && changed.length === 0 && !countsChanged) return;
    this.emit({ environments: countsChanged, reset: params.reset ? [params.environmentId] : [], resources: changed, uris });
  }

  /** The server stopped: nothing is known any more. */
  clear(): void {
    const uris = new Set(this.byUri.keys());
    const reset = [...this.envs.keys()];
    this.envs.clear();
    this.byUri.clear();
    this.findingsByEntry.clear();
    this.sortedCache.clear();
    for (const status of DRIFT_STATUSES) this.totalCounts[status] = 0;
    this.kubeconfig = false;
    this.contextNames = [];
    this.emit({ environments: true, reset, resources: [], uris });
  }

  environments(): readonly DriftEnvironmentView[] {
    return [...this.envs.values()].map((e) => this.viewOf(e));
  }

  environment(id: string): DriftEnvironmentView | undefined {
    const entry = this.envs.get(id);
    return entry ? this.viewOf(entry) : undefined;
  }

  resources(environmentId: string): readonly DriftResourceView[] {
    const entry = this.envs.get(environmentId);
    return entry ? [...entry.resources.values()] : [];
  }

  resource(environmentId: string, id: string): DriftResourceView | undefined {
    return this.envs.get(environmentId)?.resources.get(id);
  }

  /** Drifted fields and resources (Missing/Orphan/Drifted, and Unknown on its first line) whose source is in this document, by line. */
  findingsIn(uri: string): readonly DriftLineFinding[] {
    const cached = this.sortedCache.get(uri);
    if (cached) return cached;
    const perEntry = this.byUri.get(uri);
    if (!perEntry) return [];
    const sorted: DriftLineFinding[] = [];
    for (const list of perEntry.values()) sorted.push(...list);
    sorted.sort(compareFindings);
    this.sortedCache.set(uri, sorted);
    return sorted;
  }

  /** Resource counts per status over every environment. */
  totals(): Readonly<Record<DriftStatus, number>> {
    return { ...this.totalCounts };
  }

  onChange(listener: (change: DriftStoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private viewOf(entry: EnvironmentEntry): DriftEnvironmentView {
    return entry.hasResults ? { ...entry.view, counts: { ...entry.counts } } : entry.view;
  }

  private addResource(environmentId: string, entry: EnvironmentEntry, resource: DriftResourceView, uris: Set<string>): void {
    entry.resources.set(resource.id, resource);
    entry.counts[resource.status] += 1;
    this.totalCounts[resource.status] += 1;
    const findings = findingsOf(environmentId, resource);
    if (!findings) return;
    const key = entryKeyOf(environmentId, resource.id);
    this.findingsByEntry.set(key, findings);
    for (const [uri, list] of findings) {
      let perEntry = this.byUri.get(uri);
      if (!perEntry) this.byUri.set(uri, (perEntry = new Map()));
      perEntry.set(key, list);
      this.sortedCache.delete(uri);
      uris.add(uri);
    }
  }

  private removeResource(environmentId: string, entry: EnvironmentEntry, resource: DriftResourceView, uris: Set<string>): void {
    entry.resources.delete(resource.id);
    entry.counts[resource.status] -= 1;
    this.totalCounts[resource.status] -= 1;
    const key = entryKeyOf(environmentId, resource.id);
    const findings = this.findingsByEntry.get(key);
    if (!findings) return;
    this.findingsByEntry.delete(key);
    for (const uri of findings.keys()) {
      const perEntry = this.byUri.get(uri);
      perEntry?.delete(key);
      if (perEntry && perEntry.size === 0) this.byUri.delete(uri);
      this.sortedCache.delete(uri);
      uris.add(uri);
    }
  }

  private dropResources(environmentId: string, entry: EnvironmentEntry, uris: Set<string>): void {
    for (const resource of [...entry.resources.values()]) this.removeResource(environmentId, entry, resource, uris);
  }

  private emit(change: DriftStoreChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
