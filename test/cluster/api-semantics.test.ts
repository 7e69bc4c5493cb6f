// API semantics checked over HTTP: optimistic concurrency, validation Status objects, selectors and
// pagination, watches (bookmarks, 410 Gone), dry runs, generation, Secret stringData, owner propagation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClusterHandle } from './api-server/start.js';
import { start } from './api-server/start.js';
import type { JsonObject } from './api-server/types.js';
import { eventually } from './harness.js';
import { apiClient, readWatch } from './http-client.js';

const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

const deployment = (name: string, labels = { app: name }) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
});

describe('API semantics', () => {
  let handle: ClusterHandle;
  let api: ReturnType<typeof apiClient>;
  before(async () => {
    handle = await start({ bookmarkIntervalMs: 100 });
    api = apiClient(handle);
  });
  after(() => handle.stop());

  it('answers 409 Conflict for an update with a stale resourceVersion', async () => {
    const created = await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'occ' }, data: { a: '1' } });
    assert.equal(created.status, 201);
    const rv = (created.body.metadata as JsonObject).resourceVersion;
    const first = await api('PUT', `${CM}/occ`, { ...created.body, data: { a: '2' } });
    assert.equal(first.status, 200);
    assert.ok(Number((first.body.metadata as JsonObject).resourceVersion) > Number(rv));
    const stale = await api('PUT', `${CM}/occ`, { ...created.body, data: { a: '3' } });
    assert.equal(stale.status, 409);
    assert.deepEqual(stale.body, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Operation cannot be fulfilled on configmaps "occ": the object has been modified; please apply your changes to the latest version and try again',
      reason: 'Conflict',
      details: { name: 'occ', kind: 'configmaps' },
      code: 409,
    });
    const exists = await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'occ' } });
    assert.equal(exists.status, 409);
    assert.equal(exists.body.reason, 'AlreadyExists');
  });

  it('answers 422 with causes when the selector does not match the template labels', async () => {
    const r = await api('POST', DEPLOY, deployment('bad', { app: 'other' }));
    assert.equal(r.status, 422);
    assert.equal(r.body.reason, 'Invalid');
    assert.equal(r.body.message, 'Deployment.apps "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`');
    assert.deepEqual((r.body.details as JsonObject).causes, [
      { reason: 'FieldValueInvalid', message: 'Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`', field: 'spec.template.metadata.labels' },
    ]);
    const missing = await api('POST', DEPLOY, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'empty' }, spec: {} });
    assert.equal(missing.status, 422);
    assert.match(String(missing.body.message), /spec.selector: Required value/);
    assert.match(String(missing.body.message), /spec.template.spec.containers: Required value/);
  });

  it('bumps generation on spec changes only, and folds Secret stringData into data', async () => {
    const d = await api('POST', DEPLOY, deployment('gen'));
    assert.equal((d.body.metadata as JsonObject).generation, 1);
    const labelled = await api('PATCH', `${DEPLOY}/gen`, { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json');
    assert.equal((labelled.body.metadata as JsonObject).generation, 1);
    const scaled = await api('PATCH', `${DEPLOY}/gen`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
    assert.equal((scaled.body.metadata as JsonObject).generation, 2);
    const s = await api('POST', '/api/v1/namespaces/default/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' } });
    assert.equal(s.status, 201);
    assert.deepEqual(s.body.data, { password: Buffer.from('hunter2').toString('base64') });
    assert.equal(s.body.stringData, undefined);
    assert.equal(s.body.type, 'Opaque');
  });

  it('lists with label and field selectors and pages with limit/continue', async () => {
    for (const [name, tier] of [['p1', 'a'], ['p2', 'b'], ['p3', 'a'], ['p4', 'a']]) {
      await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels: { tier: tier as string } } });
    }
    const byLabel = await api('GET', `${CM}?labelSelector=${encodeURIComponent('tier=a')}`);
    assert.deepEqual((byLabel.body.items as JsonObject[]).map((i) => (i.metadata as JsonObject).name), ['p1', 'p3', 'p4']);
    assert.equal(byLabel.body.kind, 'ConfigMapList');
    assert.equal((byLabel.body.items as JsonObject[])[0]?.kind, undefined, 'typed list items carry no kind');
    const notIn = await api('GET', `${CM}?labelSelector=${encodeURIComponent('tier notin (a),tier')}`);
    assert.deepEqual((notIn.body.items as JsonObject[]).map((i) => (i.metadata as JsonObject).name), ['p2']);
    const byField = await api('GET', `${CM}?fieldSelector=metadata.name%3Dp3`);
    assert.deepEqual((byField.body.items as JsonObject[]).map((i) => (i.metadata as JsonObject).name), ['p3']);
    const page1 = await api('GET', `${CM}?labelSelector=tier%3Da&limit=2`);
    const meta1 = page1.body.metadata as JsonObject;
    assert.equal((page1.body.items as JsonObject[]).length, 2);
    assert.equal(meta1.remainingItemCount, 1);
    const page2 = await api('GET', `${CM}?labelSelector=tier%3Da&limit=2&continue=${encodeURIComponent(String(meta1.continue))}`);
    assert.deepEqual((page2.body.items as JsonObject[]).map((i) => (i.metadata as JsonObject).name), ['p4']);
    assert.equal((page2.body.metadata as JsonObject).continue, undefined);
  });

  it('dryRun=All validates and defaults without storing', async () => {
    const before = handle.resourceVersion();
    const r = await api('POST', `${DEPLOY}?dryRun=All`, deployment('dry'));
    assert.equal(r.status, 201);
    assert.equal((r.body.spec as JsonObject).revisionHistoryLimit, 10);
    assert.equal(handle.resourceVersion(), before);
    assert.equal((await api('GET', `${DEPLOY}/dry`)).status, 404);
    const del = await api('DELETE', `${CM}/p1?dryRun=All`);
    assert.equal(del.status, 200);
    assert.equal((await api('GET', `${CM}/p1`)).status, 200);
  });

  it('watches from a resourceVersion: ADDED, MODIFIED, DELETED and BOOKMARK events', async () => {
    const list = await api('GET', CM);
    const rv = (list.body.metadata as JsonObject).resourceVersion;
    const watching = readWatch(handle, `${CM}?watch=true&resourceVersion=${String(rv)}&allowWatchBookmarks=true`, (ev) => ev.some((e) => e.type === 'DELETED') && ev.some((e) => e.type === 'BOOKMARK'));
    await eventually(() => (handle.requests.some((r) => r.verb === 'watch' && r.query.resourceVersion === String(rv)) ? true : undefined), 'the watch to start');
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'w' } });
    await api('PATCH', `${CM}/w`, { data: { k: 'v' } }, 'application/merge-patch+json');
    await api('DELETE', `${CM}/w`);
    const events = await watching;
    const types = events.filter((e) => e.type !== 'BOOKMARK').map((e) => `${String(e.type)} ${String(((e.object as JsonObject).metadata as JsonObject).name)}`);
    assert.deepEqual(types, ['ADDED w', 'MODIFIED w', 'DELETED w']);
    const bookmark = events.find((e) => e.type === 'BOOKMARK')?.object as JsonObject;
    assert.equal(bookmark.kind, 'ConfigMap');
    assert.match(String((bookmark.metadata as JsonObject).resourceVersion), /^\d+$/);
  });

  it('replays history from a resourceVersion and follows objects entering and leaving a label selector', async () => {
    const rv = handle.resourceVersion();
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sel', labels: { watch: 'no' } } });
    await api('PATCH', `${CM}/sel`, { metadata: { labels: { watch: 'yes' } } }, 'application/merge-patch+json');
    await api('PATCH', `${CM}/sel`, { data: { k: '1' } }, 'application/merge-patch+json');
    await api('PATCH', `${CM}/sel`, { metadata: { labels: { watch: 'no' } } }, 'application/merge-patch+json');
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'sel2', labels: { watch: 'yes' } } });
    const events = await readWatch(handle, `${CM}?watch=true&resourceVersion=${rv}&labelSelector=watch%3Dyes`, (ev) => ev.length >= 4);
    const seen = events.map((e) => `${String(e.type)} ${String(((e.object as JsonObject).metadata as JsonObject).name)}`);
    assert.deepEqual(seen, ['ADDED sel', 'MODIFIED sel', 'DELETED sel', 'ADDED sel2']);
    const left = events[2]?.object as JsonObject;
    assert.equal(((left.metadata as JsonObject).labels as JsonObject).watch, 'yes', 'the object leaving is sent as it was');
  });

  it('answers a watch from a compacted resourceVersion with a 410 Gone ERROR event', async () => {
    const rv = handle.resourceVersion();
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-compaction' } });
    handle.faults.compact();
    const events = await readWatch(handle, `${CM}?watch=true&resourceVersion=${rv}`, (ev) => ev.length > 0);
    assert.equal(events[0]?.type, 'ERROR');
    const status = events[0]?.object as JsonObject;
    assert.equal(status.code, 410);
    assert.equal(status.reason, 'Expired');
    assert.match(String(status.message), /^too old resource version: \d+ \(\d+\)$/);
  });

  it('deletes owned objects in the background, and orphans them on request', async () => {
    const owner = await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner' } });
    const uid = String((owner.body.metadata as JsonObject).uid);
    const ref = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid, controller: true, blockOwnerDeletion: true }];
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dependent', ownerReferences: ref } });
    const del = await api('DELETE', `${CM}/owner`);
    assert.equal(del.status, 200);
    await eventually(async () => ((await api('GET', `${CM}/dependent`)).status === 404 ? true : undefined), 'the dependent to be collected');

    const owner2 = await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner2' } });
    const ref2 = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner2', uid: String((owner2.body.metadata as JsonObject).uid) }];
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'orphan', ownerReferences: ref2 } });
    await api('DELETE', `${CM}/owner2?propagationPolicy=Orphan`);
    const orphan = await api('GET', `${CM}/orphan`);
    assert.equal(orphan.status, 200);
    assert.equal((orphan.body.metadata as JsonObject).ownerReferences, undefined);
  });

  it('keeps an object with finalizers until they are removed', async () => {
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
    const del = await api('DELETE', `${CM}/fin`);
    assert.equal(del.status, 200);
    const held = await api('GET', `${CM}/fin`);
    assert.ok((held.body.metadata as JsonObject).deletionTimestamp);
    await api('PATCH', `${CM}/fin`, { metadata: { finalizers: null } }, 'application/merge-patch+json');
    assert.equal((await api('GET', `${CM}/fin`)).status, 404);
  });
});

describe('bearer tokens', () => {
  let handle: ClusterHandle;
  before(async () => {
    handle = await start({ token: 'admin-token', readOnlyTokens: ['reader-token'] });
  });
  after(() => handle.stop());

  it('answers 401 without a valid token and 403 when a read-only token writes', async () => {
    const anonymous = await apiClient(handle, '')('GET', CM);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(anonymous.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    assert.equal((await apiClient(handle, 'wrong')('GET', CM)).status, 401);
    const reader = apiClient(handle, 'reader-token');
    assert.equal((await reader('GET', CM)).status, 200);
    const write = await reader('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    assert.equal(write.status, 403);
    assert.equal(write.body.message, 'configmaps is forbidden: User "readonly" cannot create resource "configmaps" in API group "" in the namespace "default"');
    assert.equal((await apiClient(handle)('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).status, 201);
  });
});
