import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DriftStore, type DriftStoreChange } from '../../../src/extension/drift/drift-store.js';
import { DriftTreeModel } from '../../../src/extension/drift/drift-tree-model.js';
import type { DriftTreeChangeSet, DriftTreeNode } from '../../../src/extension/drift/drift-tree-types.js';
import type { DriftResourceView } from '../../../src/protocol/drift-messages.js';
import { aField, anEnvironment, aResource, aUnit, sourceAt } from './drift-view-builders.js';

const NOW = Date.parse('2026-12-04T12:04:10Z');
const PROD = 'file:///repo#prod';
const FILE = 'file:///repo/apps/api.yaml';

const api = (fields = [aField('.spec.replicas', 3, 5, { source: sourceAt(FILE, 7) })]) => aResource('Deployment', 'shop', 'api', { fields, source: sourceAt(FILE, 0) });
const apiSynced = () => aResource('Deployment', 'shop', 'api', { source: sourceAt(FILE, 0) });
const web = () => aResource('Deployment', 'shop', 'web');
const svc = () => aResource('Service', 'shop', 'api');
const ns = () => aResource('Namespace', '', 'shop');
const gone = () => aResource('ConfigMap', 'shop', 'settings', { status: 'Missing', reason: 'not in the cluster' });

/** A store with one environment and the model listening to it; `last` is the latest change set. */
function setUp(resources: DriftResourceView[], options: ConstructorParameters<typeof DriftTreeModel>[1] = {}) {
  const store = new DriftStore();
  store.applyEnvironments({ environments: [anEnvironment('prod', { context: 'kind-prod', unit: aUnit('apps', { ready: 'True' }) })], contexts: [], kubeconfigFound: true });
  store.applyDelta({ environmentId: PROD, reset: true, removed: [], upserted: resources });
  const model = new DriftTreeModel(store, options);
  const sets: DriftTreeChangeSet[] = [];
  store.onChange((c: DriftStoreChange) => sets.push(model.applyChange(c)));
  const upsert = (...r: DriftResourceView[]) => {
    store.applyDelta({ environmentId: PROD, reset: false, removed: [], upserted: r });
    return sets.at(-1) as DriftTreeChangeSet;
  };
  const remove = (...ids: string[]) => {
    store.applyDelta({ environmentId: PROD, reset: false, removed: ids, upserted: [] });
    return sets.at(-1) as DriftTreeChangeSet;
  };
  return { store, model, sets, upsert, remove };
}

/** The tree as text: `label — description [contextValue]`, indented. */
function render(model: DriftTreeModel): string {
  const lines: string[] = [];
  const walk = (nodes: readonly DriftTreeNode[], depth: number) => {
    for (const node of nodes) {
      const item = model.item(node, NOW);
      lines.push(`${'  '.repeat(depth)}${item.label}${item.description ? ` — ${item.description}` : ''} [${item.contextValue}]`);
      walk(model.children(node), depth + 1);
    }
  };
  walk(model.roots(), 0);
  return lines.join('\n');
}

const find = (model: DriftTreeModel, label: string, type?: DriftTreeNode['type']): DriftTreeNode => {
  let found: DriftTreeNode | undefined;
  const walk = (nodes: readonly DriftTreeNode[]) => {
    for (const node of nodes) {
      if (model.item(node, NOW).label === label && (type === undefined || node.type === type)) found ??= node;
      walk(model.children(node));
    }
  };
  walk(model.roots());
  assert.ok(found, `no node labelled ${label}`);
  return found;
};

const labels = (model: DriftTreeModel, set: DriftTreeChangeSet) => set.nodes.map((n) => model.item(n, NOW).label);

describe('drift tree model', () => {
  it('shows environment → namespace → kind → resource → field with statuses and descriptions', () => {
    const { model } = setUp([api(), web(), svc(), ns(), gone()]);
    assert.equal(render(model), [
      'prod — kind-prod · Connected [driftEnvironment]',
      '  (cluster-scoped) [driftGroup]',
      '    Namespace [driftGroup]',
      '      shop — Synced [driftResource.Synced]',
      '  shop [driftGroup]',
      '    ConfigMap [driftGroup]',
      '      settings — Missing · not in the cluster [driftResource.Missing]',
      '    Deployment [driftGroup]',
      '      api — replicas 3 → 5 · kubectl (scale) · 4 min ago [driftResource.Drifted]',
      '        .spec.replicas — 3 → 5 · kubectl (scale) · 4 min ago [driftField]',
      '      web — Synced [driftResource.Synced]',
      '    Service [driftGroup]',
      '      api — Synced [driftResource.Synced]',
    ].join('\n'));
    const apiItem = model.item(find(model, 'api'), NOW);
    assert.equal(apiItem.collapsible, 'collapsed');
    assert.deepEqual(apiItem.icon, { id: 'diff-modified', color: 'gitopsAuthoring.driftDrifted' });
    assert.deepEqual(apiItem.command?.arguments, [{ environmentId: PROD, resourceId: 'apps/Deployment/shop/api' }]);
    assert.equal(apiItem.accessibilityLabel, 'Deployment api, Drifted: replicas 3 → 5 · kubectl (scale) · 4 min ago');
    assert.equal(model.item(find(model, 'settings'), NOW).accessibilityLabel, 'ConfigMap settings, Missing · not in the cluster');
    assert.equal(model.item(find(model, 'web'), NOW).collapsible, 'none');
    assert.equal(model.item(find(model, 'shop', 'namespace'), NOW).collapsible, 'expanded');
    const field = find(model, '.spec.replicas');
    assert.equal(field.pointer, '/spec/replicas');
    assert.equal(field.environmentId, PROD);
    assert.equal(field.resourceId, 'apps/Deployment/shop/api');
    assert.equal(model.badge(), 2);
    assert.match(model.tooltip(field) ?? '', /Git: 3\nLive: 5\nChanged by kubectl \(scale\), Update, 2026-12-04T12:00:00Z\nSuggested: commit the live value to Git/);
    assert.match(model.tooltip(find(model, 'settings')) ?? '', /ConfigMap shop\/settings\nMissing · not in the cluster/);
    assert.match(model.tooltip(model.roots()[0] as DriftTreeNode) ?? '', /State: Connected/);
    assert.equal(model.tooltip(find(model, 'shop', 'namespace')), undefined);
  });

  it('groups by GitOps unit with its Ready/Synced state', () => {
    const { model } = setUp([api(), svc(), ns()], { grouping: 'unit' });
    assert.equal(render(model), [
      'Kustomization flux-system/apps — Ready: True · kind-prod · Connected [driftEnvironment]',
      '  Deployment [driftGroup]',
      '    shop/api — replicas 3 → 5 · kubectl (scale) · 4 min ago [driftResource.Drifted]',
      '      .spec.replicas — 3 → 5 · kubectl (scale) · 4 min ago [driftField]',
      '  Namespace [driftGroup]',
      '    shop — Synced [driftResource.Synced]',
      '  Service [driftGroup]',
      '    shop/api — Synced [driftResource.Synced]',
    ].join('\n'));
    assert.equal(model.item(model.roots()[0] as DriftTreeNode, NOW).icon?.id, 'pass');
    const set = model.setGrouping('namespace');
    assert.equal(set.all, true);
    assert.match(render(model), /^prod — kind-prod · Connected/);
  });

  it('says a suspended unit in both groupings (the emergency flow), with a pause icon by unit', () => {
    const { store, model } = setUp([api()], { grouping: 'unit' });
    store.applyEnvironments({ environments: [anEnvironment('prod', { context: 'kind-prod', unit: aUnit('apps', { ready: 'True', suspended: true }) })], contexts: [], kubeconfigFound: true });
    const root = model.roots()[0] as DriftTreeNode;
    assert.equal(model.item(root, NOW).description, 'Suspended · Ready: True · kind-prod · Connected');
    assert.equal(model.item(root, NOW).icon?.id, 'debug-pause');
    assert.match(model.tooltip(root) ?? '', /GitOps unit: Kustomization flux-system\/apps \(Suspended · Ready: True\)/);
    model.setGrouping('namespace');
    assert.equal(model.item(model.roots()[0] as DriftTreeNode, NOW).description, 'Suspended · kind-prod · Connected');
  });

  it('filters: only drifted, by namespace, by kind; an empty result says so', () => {
    const { model } = setUp([api(), web(), svc(), ns(), gone()]);
    model.setFilter({ onlyDrifted: true });
    assert.equal(render(model), [
      'prod — kind-prod · Connected [driftEnvironment]',
      '  shop [driftGroup]',
      '    ConfigMap [driftGroup]',
      '      settings — Missing · not in the cluster [driftResource.Missing]',
      '    Deployment [driftGroup]',
      '      api — replicas 3 → 5 · kubectl (scale) · 4 min ago [driftResource.Drifted]',
      '        .spec.replicas — 3 → 5 · kubectl (scale) · 4 min ago [driftField]',
    ].join('\n'));
    model.setFilter({ onlyDrifted: false, kind: 'Service' });
    assert.deepEqual(render(model).split('\n').map((l) => l.trim()), ['prod — kind-prod · Connected [driftEnvironment]', 'shop [driftGroup]', 'Service [driftGroup]', 'api — Synced [driftResource.Synced]']);
    model.setFilter({ kind: undefined, namespace: '' });
    assert.match(render(model), /Namespace \[driftGroup\]\n {6}shop — Synced/);
    assert.doesNotMatch(render(model), /Deployment/);
    model.setFilter({ namespace: 'nowhere' });
    assert.equal(render(model), 'prod — kind-prod · Connected [driftEnvironment]\n  No resource matches the filter [driftMessage]');
    model.clearFilter();
    assert.equal(model.isFiltered, false);
    assert.deepEqual(model.namespaces(), ['', 'shop']);
    assert.deepEqual(model.kinds(), ['ConfigMap', 'Deployment', 'Namespace', 'Service']);
  });

  it('refreshes only the changed resource when its status changes in place, keeping node identity', () => {
    const { model, upsert } = setUp([apiSynced(), web(), svc()]);
    const before = find(model, 'api');
    const deploymentGroup = find(model, 'Deployment');
    const set = upsert(api());
    assert.equal(set.all, false);
    assert.deepEqual(set.nodes, [before], 'the resource node only, same object');
    assert.equal(set.badgeChanged, true);
    assert.equal(model.badge(), 1);
    assert.equal(find(model, 'api'), before);
    assert.equal(find(model, 'Deployment'), deploymentGroup);
    assert.equal(model.item(before, NOW).collapsible, 'collapsed');
    const field = find(model, '.spec.replicas');
    upsert(api([aField('.spec.replicas', 3, 7, { source: sourceAt(FILE, 7) })]));
    assert.equal(find(model, '.spec.replicas'), field, 'field node identity kept');
    assert.equal(model.item(field, NOW).description, '3 → 7 · kubectl (scale) · 4 min ago');
  });

  it('refreshes the parent when membership changes, and the topmost appearing group through its parent', () => {
    const { model, upsert, remove } = setUp([api(), svc()]);
    let set = upsert(web());
    assert.deepEqual(labels(model, set), ['Deployment'], 'a new member: its kind group');
    assert.equal(set.badgeChanged, false);

    set = upsert(aResource('Secret', 'shop', 'token'));
    assert.deepEqual(labels(model, set), ['shop'], 'a new kind group: its namespace');

    set = upsert(aResource('Deployment', 'billing', 'api'));
    assert.deepEqual(labels(model, set), ['prod'], 'a new namespace: the environment');

    set = remove('apps/Deployment/billing/api');
    assert.deepEqual(labels(model, set), ['prod']);
    assert.doesNotMatch(render(model), /billing/);
    set = remove('apps/Deployment/shop/web');
    assert.deepEqual(labels(model, set), ['Deployment']);
  });

  it('with a filter, a resource entering or leaving the filter refreshes its parent', () => {
    const { model, upsert } = setUp([apiSynced(), web(), gone()], { filter: { onlyDrifted: true } });
    let set = upsert(api());
    assert.deepEqual(labels(model, set), ['shop'], 'Deployment group appears under shop');
    assert.match(render(model), /api — replicas 3 → 5/);
    set = upsert(apiSynced());
    assert.deepEqual(labels(model, set), ['shop']);
    set = upsert(web());
    assert.deepEqual(set.nodes, [], 'a hidden resource staying hidden refreshes nothing');
  });

  it('shows no roots while no kubeconfig was found (the welcome view says how to connect), all of them once one is', () => {
    const { store, model, sets } = setUp([api(), svc()]);
    assert.equal(model.roots().length, 1);
    store.applyEnvironments({ environments: [anEnvironment('prod', { state: 'NoKubeconfig', reason: 'no kubeconfig found' })], contexts: [], kubeconfigFound: false });
    assert.equal(sets.at(-1)?.all, true, 'VS Code reads the roots again');
    assert.deepEqual(model.roots(), []);
    store.applyEnvironments({ environments: [anEnvironment('prod', { context: 'kind-prod' })], contexts: ['kind-prod'], kubeconfigFound: true });
    assert.equal(sets.at(-1)?.all, true);
    assert.equal(model.roots().length, 1);
  });

  it('refreshes the environment on reset and on a state change, the whole tree when the list changes', () => {
    const { store, model, sets } = setUp([api(), svc()]);
    const apiNode = find(model, 'api');
    store.applyDelta({ environmentId: PROD, reset: true, removed: [], upserted: [api(), svc()] });
    assert.deepEqual(labels(model, sets.at(-1) as DriftTreeChangeSet), ['prod']);
    assert.equal(find(model, 'api'), apiNode, 'a reset with the same resources keeps node identity');

    store.applyEnvironments({ environments: [anEnvironment('prod', { context: 'kind-prod', state: 'Unreachable', reason: 'connection refused', unit: aUnit('apps', { ready: 'True' }) })], contexts: [], kubeconfigFound: true });
    assert.deepEqual(labels(model, sets.at(-1) as DriftTreeChangeSet), ['prod']);
    assert.equal(model.item(model.roots()[0] as DriftTreeNode, NOW).description, 'kind-prod · Unreachable');

    store.applyEnvironments({ environments: [anEnvironment('prod', { context: 'kind-prod', state: 'Unreachable', reason: 'connection refused', unit: aUnit('apps', { ready: 'True' }) }), anEnvironment('')], contexts: [], kubeconfigFound: true });
    assert.equal(sets.at(-1)?.all, true);
    assert.equal(model.item(model.roots()[1] as DriftTreeNode, NOW).label, 'repo', 'the whole repository is named by its folder');
    store.applyDelta({ environmentId: 'file:///repo#', reset: false, removed: [], upserted: [svc()] });
    assert.deepEqual(labels(model, sets.at(-1) as DriftTreeChangeSet), ['repo'], 'a first resource in a new environment');

    store.clear();
    assert.equal(sets.at(-1)?.all, true);
    assert.deepEqual(model.roots(), []);
    assert.equal(model.badge(), 0);
  });

  it('gives parents for reveal and lists drifted resources for age refreshes', () => {
    const { model } = setUp([api(), svc()]);
    const field = find(model, '.spec.replicas');
    const chain: string[] = [];
    for (let n: DriftTreeNode | undefined = field; n; n = model.parent(n)) chain.push(model.item(n, NOW).label);
    assert.deepEqual(chain, ['.spec.replicas', 'api', 'Deployment', 'shop', 'prod']);
    assert.deepEqual(model.driftedResourceNodes().map((n) => n.resourceId), ['apps/Deployment/shop/api']);
  });

  it('explains an environment without resources by its state', () => {
    const store = new DriftStore();
    store.applyEnvironments({ environments: [anEnvironment('prod', { state: 'Unauthorized', reason: '401 from the API server' })], contexts: [], kubeconfigFound: true });
    const model = new DriftTreeModel(store);
    assert.equal(render(model), 'prod — kind-test · Unauthorized [driftEnvironment]\n  Unauthorized: 401 from the API server [driftMessage]');
  });
});
