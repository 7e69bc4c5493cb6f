// @kubernetes/client-node against the server: typed calls, an informer (list, then watch from the list's
// resourceVersion), and its relist after 410 Gone once the history was compacted and the watch dropped.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { start, type ClusterHandle } from './api-server/start.js';
import { eventually } from './harness.js';

describe('@kubernetes/client-node', () => {
  let handle: ClusterHandle;
  let kc: k8s.KubeConfig;
  before(async () => {
    handle = await start({ token: 'client-node-token' });
    kc = new k8s.KubeConfig();
    kc.loadFromFile(handle.kubeconfigPath);
  });
  after(() => handle.stop());

  it('creates, reads and server-side applies through the typed API', async () => {
    const apps = kc.makeApiClient(k8s.AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: 'default',
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'typed' },
        spec: { selector: { matchLabels: { app: 'typed' } }, template: { metadata: { labels: { app: 'typed' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      },
    });
    const d = await apps.readNamespacedDeployment({ name: 'typed', namespace: 'default' });
    assert.equal(d.spec?.replicas, 1);
    assert.equal(d.spec?.template.spec?.containers[0]?.imagePullPolicy, 'Always', 'untagged images are pulled always');
    const create = handle.requests.find((r) => r.method === 'POST');
    assert.match(create?.userAgent ?? '', /node/i);
    const client = k8s.KubernetesObjectApi.makeApiClient(kc);
    await client.patch(
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'typed', namespace: 'default', labels: { via: 'ssa' } } },
      undefined,
      undefined,
      'my-controller',
      true,
      k8s.PatchStrategy.ServerSideApply,
    );
    const after = await apps.readNamespacedDeployment({ name: 'typed', namespace: 'default' });
    assert.equal(after.metadata?.labels?.via, 'ssa');
    const entry = after.metadata?.managedFields?.find((e) => e.manager === 'my-controller');
    assert.equal(entry?.operation, 'Apply');
  });

  it('runs an informer: list, watch, and relist after 410 Gone', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () => core.listNamespacedConfigMap({ namespace: 'default' }));
    const seen: string[] = [];
    informer.on('add', (o) => seen.push(`add ${o.metadata?.name ?? ''}`));
    informer.on('update', (o) => seen.push(`update ${o.metadata?.name ?? ''}`));
    informer.on('delete', (o) => seen.push(`delete ${o.metadata?.name ?? ''}`));
    await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'before' }, data: { a: '1' } } });
    await informer.start();
    try {
      await eventually(() => (seen.includes('add before') ? true : undefined), 'the listed object');
      await eventually(() => (handle.requests.some((r) => r.verb === 'watch' && r.path.endsWith('/configmaps')) ? true : undefined), 'the watch');
      const watch = handle.requests.find((r) => r.verb === 'watch' && r.path.endsWith('/configmaps'));
      assert.match(watch?.query.resourceVersion ?? '', /^\d+$/, 'the watch starts from the list\'s resourceVersion');
      await core.patchNamespacedConfigMap({ name: 'before', namespace: 'default', body: { data: { a: '2' } } }, k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch));
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'during' } } });
      await eventually(() => (seen.includes('update before') && seen.includes('add during') ? true : undefined), 'watched changes');

      const listsBefore = handle.requests.filter((r) => r.verb === 'list' && r.path.endsWith('/configmaps')).length;
      // Hold the informer's next watch back long enough to change and compact behind its back.
      handle.faults.set({ latencyMs: 400, pathFilter: /watch=/ });
      handle.faults.dropWatches();
      await core.deleteNamespacedConfigMap({ name: 'during', namespace: 'default' });
      handle.faults.compact();
      await eventually(() => (handle.requests.filter((r) => r.verb === 'list' && r.path.endsWith('/configmaps')).length > listsBefore ? true : undefined), 'a relist after 410');
      handle.faults.reset();
      await eventually(() => (seen.includes('delete during') ? true : undefined), 'the relist to notice the deletion');
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'after' } } });
      await eventually(() => (seen.includes('add after') ? true : undefined), 'events after the relist');
      assert.ok(!informer.list('default').some((o) => o.metadata?.name === 'during'), 'the relist dropped the deleted object');
    } finally {
      await informer.stop();
    }
  });
});
