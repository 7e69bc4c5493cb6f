import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DriftStore, type DriftStoreChange } from '../../../src/extension/drift/drift-store.js';
import { aField, anEnvironment, aResource, counts, sourceAt } from './drift-view-builders.js';

const A = 'file:///repo/apps/base/api.yaml';
const B = 'file:///repo/apps/prod/patch.yaml';

function storeWith(...names: string[]): { store: DriftStore; changes: DriftStoreChange[] } {
  const store = new DriftStore();
  const changes: DriftStoreChange[] = [];
  store.onChange((c) => changes.push(c));
  store.applyEnvironments({ environments: names.map((n) => anEnvironment(n)), contexts: ['kind-test', 'prod'], kubeconfigFound: true });
  changes.length = 0;
  return { store, changes };
}

const replicas = (line: number, uri = A) => aField('.spec.replicas', 3, 5, { source: sourceAt(uri, line, 12) });

describe('drift store', () => {
  it('keeps the environment list, contexts and kubeconfig state from the server', () => {
    const store = new DriftStore();
    const changes: DriftStoreChange[] = [];
    store.onChange((c) => changes.push(c));
    store.applyEnvironments({ environments: [anEnvironment('prod', { counts: counts({ Drifted: 2 }) }), anEnvironment('staging')], contexts: ['a', 'b'], kubeconfigFound: true });
    assert.deepEqual(store.environments().map((e) => e.name), ['prod', 'staging']);
    assert.equal(store.environment('file:///repo#prod')?.counts.Drifted, 2, 'server counts until results arrive');
    assert.deepEqual(store.contexts, ['a', 'b']);
    assert.equal(store.kubeconfigFound, true);
    assert.equal(changes.length, 1);
    assert.equal(changes[0]?.environments, true);
  });

  it('replaces an environment result set on reset and indexes drifted lines by uri', () => {
    const { store, changes } = storeWith('prod');
    const env = 'file:///repo#prod';
    store.applyDelta({ environmentId: env, reset: true, removed: [], upserted: [
      aResource('Deployment', 'shop', 'api', { fields: [replicas(7)], source: sourceAt(A, 0) }),
      aResource('Service', 'shop', 'api', { source: sourceAt(A, 30) }),
      aResource('ConfigMap', 'shop', 'gone', { status: 'Missing', source: sourceAt(B, 4), reason: 'not in the cluster' }),
    ] });
    assert.deepEqual(changes.at(-1)?.reset, [env]);
    assert.deepEqual([...(changes.at(-1)?.uris ?? [])].sort(), [A, B]);
    assert.equal(store.resources(env).length, 3);
    assert.deepEqual(store.findingsIn(A).map((f) => [f.line, f.field?.path]), [[7, '.spec.replicas']]);
    assert.deepEqual(store.findingsIn(B).map((f) => [f.line, f.resource.status, f.field]), [[4, 'Missing', undefined]]);
    assert.equal(store.environment(env)?.counts.Synced, 1);
    assert.equal(store.totals().Drifted, 1);

    store.applyDelta({ environmentId: env, reset: true, removed: [], upserted: [aResource('Service', 'shop', 'api', { source: sourceAt(A, 30) })] });
    assert.equal(store.resources(env).length, 1);
    assert.deepEqual(store.findingsIn(A), []);
    assert.deepEqual(store.findingsIn(B), []);
    assert.deepEqual([...(changes.at(-1)?.uris ?? [])].sort(), [A, B], 'the old sources are reported so their decorations go');
  });

  it('applies single-resource upserts and removals, reporting the resource and both uris of a move', () => {
    const { store, changes } = storeWith('prod');
    const env = 'file:///repo#prod';
    store.applyDelta({ environmentId: env, reset: true, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { source: sourceAt(A, 0) })] });
    const id = 'apps/Deployment/shop/api';

    store.applyDelta({ environmentId: env, reset: false, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { fields: [replicas(7)], source: sourceAt(A, 0) })] });
    let change = changes.at(-1);
    assert.deepEqual(change?.resources, [{ environmentId: env, id }]);
    assert.deepEqual(change?.reset, []);
    assert.equal(change?.environments, true, 'Synced → Drifted changes the counts');
    assert.deepEqual([...(change?.uris ?? [])], [A]);
    assert.equal(store.findingsIn(A).length, 1);

    // The overlay now sets replicas: the field's source moves from the base to the patch.
    store.applyDelta({ environmentId: env, reset: false, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { fields: [replicas(9, B)], source: sourceAt(A, 0) })] });
    change = changes.at(-1);
    assert.deepEqual([...(change?.uris ?? [])].sort(), [A, B]);
    assert.equal(change?.environments, false, 'same status: counts unchanged');
    assert.deepEqual(store.findingsIn(A), []);
    assert.deepEqual(store.findingsIn(B).map((f) => f.line), [9]);

    store.applyDelta({ environmentId: env, reset: false, removed: [id], upserted: [] });
    change = changes.at(-1);
    assert.deepEqual(change?.resources, [{ environmentId: env, id }]);
    assert.deepEqual([...(change?.uris ?? [])], [B]);
    assert.equal(store.resource(env, id), undefined);
    assert.deepEqual(store.findingsIn(B), []);
    assert.equal(store.totals().Drifted, 0);
  });

  it('does not report a Synced resource staying Synced as a decoration change', () => {
    const { store, changes } = storeWith('prod');
    const env = 'file:///repo#prod';
    store.applyDelta({ environmentId: env, reset: true, removed: [], upserted: [aResource('Service', 'shop', 'api', { source: sourceAt(A, 0) })] });
    store.applyDelta({ environmentId: env, reset: false, removed: [], upserted: [aResource('Service', 'shop', 'api', { source: sourceAt(A, 0) })] });
    assert.equal(changes.at(-1)?.uris.size, 0);
    assert.equal(changes.at(-1)?.environments, false);
  });

  it('merges findings of several environments that share a base file, sorted by line', () => {
    const { store } = storeWith('prod', 'staging');
    store.applyDelta({ environmentId: 'file:///repo#staging', reset: true, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { fields: [replicas(7)], source: sourceAt(A, 0) })] });
    store.applyDelta({ environmentId: 'file:///repo#prod', reset: true, removed: [], upserted: [
      aResource('Deployment', 'shop', 'api', { fields: [replicas(7), aField('.spec.template.spec.containers[name="app"].image', 'api:1', 'api:2', { source: sourceAt(A, 3) })], source: sourceAt(A, 0) }),
      aResource('Secret', 'shop', 'orphan', { status: 'Orphan', reason: 'not in Git' }),
    ] });
    assert.deepEqual(store.findingsIn(A).map((f) => [f.line, f.environmentId]), [[3, 'file:///repo#prod'], [7, 'file:///repo#prod'], [7, 'file:///repo#staging']]);
  });

  it('keeps Unknown resources on their first line, so a cluster that cannot be read is never shown as quiet', () => {
    const { store } = storeWith('prod');
    store.applyDelta({ environmentId: 'file:///repo#prod', reset: true, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { status: 'Unknown', reason: 'cluster unreachable', source: sourceAt(A, 2) })] });
    assert.deepEqual(store.findingsIn(A).map((f) => [f.line, f.resource.status, f.field]), [[2, 'Unknown', undefined]]);
  });

  it('puts a drifted field without a source on the resource first line', () => {
    const { store } = storeWith('prod');
    store.applyDelta({ environmentId: 'file:///repo#prod', reset: true, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { fields: [aField('.metadata.labels.team', 'a', undefined, { change: 'removed-from-git' })], source: sourceAt(A, 2) })] });
    assert.deepEqual(store.findingsIn(A).map((f) => [f.line, f.field?.path]), [[2, '.metadata.labels.team']]);
  });

  it('drops the results of an environment the server no longer lists, and everything on clear', () => {
    const { store, changes } = storeWith('prod', 'staging');
    store.applyDelta({ environmentId: 'file:///repo#staging', reset: true, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { fields: [replicas(7)], source: sourceAt(A, 0) })] });
    store.applyEnvironments({ environments: [anEnvironment('prod')], contexts: [], kubeconfigFound: true });
    assert.deepEqual(changes.at(-1)?.reset, ['file:///repo#staging']);
    assert.deepEqual([...(changes.at(-1)?.uris ?? [])], [A]);
    assert.deepEqual(store.findingsIn(A), []);
    assert.equal(store.totals().Drifted, 0);

    store.applyDelta({ environmentId: 'file:///repo#prod', reset: true, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { fields: [replicas(7)], source: sourceAt(A, 0) })] });
    store.clear();
    assert.deepEqual(store.environments(), []);
    assert.deepEqual(store.findingsIn(A), []);
    assert.equal(store.kubeconfigFound, false);
    assert.deepEqual(changes.at(-1)?.reset, ['file:///repo#prod']);
    assert.ok(changes.at(-1)?.uris.has(A));
  });

  it('ignores a delta for an unknown environment and stops telling a disposed listener', () => {
    const store = new DriftStore();
    let calls = 0;
    const sub = store.onChange(() => calls++);
    store.applyDelta({ environmentId: 'nope', reset: true, removed: [], upserted: [aResource('Service', 'a', 'b')] });
    assert.equal(calls, 0);
    sub.dispose();
    store.applyEnvironments({ environments: [], contexts: [], kubeconfigFound: false });
    assert.equal(calls, 0);
  });
});
