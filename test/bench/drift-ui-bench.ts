// npm run bench:drift-ui — the extension side of drift with 10,000 live objects (docs/performance.md, "Drift
// UI"): per single-resource delta, the store update + the tree model's change set and the refresh VS Code would
// then ask for (items and children of the changed nodes) + the decoration model of an open 10,000-line
// document; and the cost of a reset (the whole result set). Figures, not assertions; goal < 16 ms per event.
import { performance } from 'node:perf_hooks';
import { DriftStore } from '../../src/extension/drift/drift-store.js';
import { DriftTreeModel } from '../../src/extension/drift/drift-tree-model.js';
import type { DriftGrouping, DriftTreeChangeSet, DriftTreeFilter, DriftTreeNode } from '../../src/extension/drift/drift-tree-types.js';
import { computeLineDecorations } from '../../src/extension/drift/drift-decoration-model.js';
import type { DriftResourceView } from '../../src/protocol/drift-messages.js';
import { aField, anEnvironment, aResource, sourceAt } from '../unit/extension/drift-view-builders.js';

const COUNT = Number(process.env.DRIFT_UI_BENCH_COUNT ?? 10_000);
const EVENTS = Number(process.env.DRIFT_UI_BENCH_EVENTS ?? 2_000);
/** Events run before measuring, so the figures are the steady state rather than the JIT's first compiles. */
const WARM_UP = 200;
const NAMESPACES = 50;
const KINDS = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'RoleBinding', 'Ingress', 'StatefulSet', 'CronJob'];
const OPEN_DOC = 'file:///repo/apps/big/all.yaml';
/** Resources declared in the open document, 20 lines each: a 10,000-line file. */
const IN_OPEN_DOC = 500;
const LINES_PER_RESOURCE = 20;
const ENV = 'file:///repo#prod';
const NOW = Date.parse('2026-12-04T12:04:10Z');

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
const fmt = (ms: number) => ms.toFixed(3);

/** Resource i in one of three states: Synced, Drifted (replicas), Missing. */
function resourceAt(i: number, state: 'Synced' | 'Drifted' | 'Missing', replicas = 5): DriftResourceView {
  const kind = KINDS[i % KINDS.length] as string;
  const namespace = `ns-${Math.floor(i / KINDS.length) % NAMESPACES}`;
  const inOpenDoc = i < IN_OPEN_DOC;
  const uri = inOpenDoc ? OPEN_DOC : `file:///repo/apps/app-${Math.floor(i / 20)}.yaml`;
  const first = inOpenDoc ? i * LINES_PER_RESOURCE : (i % 20) * LINES_PER_RESOURCE;
  const source = sourceAt(uri, first);
  if (state === 'Missing') return aResource(kind, namespace, `obj-${i}`, { status: 'Missing', reason: 'not in the cluster', source });
  if (state === 'Synced') return aResource(kind, namespace, `obj-${i}`, { source });
  return aResource(kind, namespace, `obj-${i}`, { source, fields: [aField('.spec.replicas', 3, replicas, { source: sourceAt(uri, first + 7, 12) })] });
}

/** What VS Code asks after a refresh: the items of the changed nodes and, for expanded ones, their children. */
function refresh(model: DriftTreeModel, set: DriftTreeChangeSet): number {
  let items = 0;
  const visit = (node: DriftTreeNode) => {
    model.item(node, NOW);
    items++;
    if (node.type === 'environment' || node.type === 'namespace' || node.type === 'kind') for (const child of model.children(node)) visit(child);
  };
  if (set.all) for (const root of model.roots()) visit(root);
  else for (const node of set.nodes) visit(node);
  return items;
}

function run(label: string, options: { readonly filter?: DriftTreeFilter; readonly grouping?: DriftGrouping }): void {
  const store = new DriftStore();
  store.applyEnvironments({ environments: [anEnvironment('prod')], contexts: ['kind-prod'], kubeconfigFound: true });
  const model = new DriftTreeModel(store, options);
  let last: DriftTreeChangeSet = { all: false, nodes: [], badgeChanged: false };
  store.onChange((change) => (last = model.applyChange(change)));
  const decorate = (uris: ReadonlySet<string>) => (uris.has(OPEN_DOC) ? computeLineDecorations(store.findingsIn(OPEN_DOC), { settings: { decorations: true, codeLens: false }, now: NOW, environmentName: () => 'prod', lineCount: IN_OPEN_DOC * LINES_PER_RESOURCE }).length : 0);

  const initial = Array.from({ length: COUNT }, (_, i) => resourceAt(i, i % 20 === 0 ? 'Drifted' : 'Synced'));
  let uris: ReadonlySet<string> = new Set();
  store.onChange((change) => (uris = change.uris));
  const resetStart = performance.now();
  store.applyDelta({ environmentId: ENV, reset: true, upserted: initial, removed: [] });
  const resetItems = refresh(model, { all: true, nodes: [], badgeChanged: true });
  const resetDecorations = decorate(uris);
  const resetMs = performance.now() - resetStart;

  // Deterministic pseudo-random walk: half the events hit the open document.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const times: number[] = [];
  const refreshed: number[] = [];
  let decorated = 0;
  for (let e = -WARM_UP; e < EVENTS; e++) {
    const i = random() < 0.5 ? Math.floor(random() * IN_OPEN_DOC) : Math.floor(random() * COUNT);
    const roll = random();
    // 45% Drifted, 40% Synced, 5% Missing, 10% removed (an orphan deleted) or added back.
    const next = roll < 0.45 ? resourceAt(i, 'Drifted', 4 + (e % 7)) : roll < 0.85 ? resourceAt(i, 'Synced') : roll < 0.9 ? resourceAt(i, 'Missing') : undefined;
    const id = resourceAt(i, 'Synced').id;
    const isRemoval = next === undefined && store.resource(ENV, id) !== undefined;
    const start = performance.now();
    store.applyDelta({ environmentId: ENV, reset: false, upserted: next ? [next] : isRemoval ? [] : [resourceAt(i, 'Synced')], removed: isRemoval ? [id] : [] });
    const items = refresh(model, last);
    const lines = decorate(uris);
    const ms = performance.now() - start;
    if (e < 0) continue;
    refreshed.push(items);
    decorated += lines > 0 ? 1 : 0;
    times.push(ms);
  }
  console.log(`${label}`);
  console.log(`  reset of ${COUNT} objects (store + whole tree rendered, ${resetItems} items + decorations of the ${IN_OPEN_DOC * LINES_PER_RESOURCE}-line document, ${resetDecorations} lines): ${fmt(resetMs)} ms`);
  console.log(`  per single-resource delta (${EVENTS} events after ${WARM_UP} warm-up, ${decorated} redrew the open document): p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms, p99 ${fmt(percentile(times, 99))} ms, max ${fmt(Math.max(...times))} ms (GC pauses included)   (goal < 16 ms)`);
  console.log(`  tree items VS Code re-reads per event: p50 ${percentile(refreshed, 50)}, p95 ${percentile(refreshed, 95)}, max ${Math.max(...refreshed)}; badge ${model.badge()}`);
}

console.log(`Drift UI (extension side), ${COUNT} live objects in ${NAMESPACES} namespaces × ${KINDS.length} kinds, node ${process.version}`);
run('by namespace and kind, no filter', {});
run('by namespace and kind, filter: only drifted', { filter: { onlyDrifted: true } });
run('by GitOps unit (1,000 objects per kind), no filter', { grouping: 'unit' });
