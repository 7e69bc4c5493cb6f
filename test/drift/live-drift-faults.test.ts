// The live drift session against the test API server: watch events recompute one resource; faults (watch
// drops, 410, 429/500 bursts, restart, outage) degrade the status and results go Unknown — never stale
// Synced — and everything recovers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';
import { extractResources } from '../../src/core/resource/manifest-resource.js';
import { desiredFromManifests } from '../../src/core/drift/desired-from-manifests.js';
import type { ResourceDrift } from '../../src/core/drift/drift-types.js';
import { Backoff } from '../../src/adapters/kube/backoff.js';
import { discoverResources } from '../../src/adapters/kube/discovery.js';
import { InformerPool } from '../../src/adapters/kube/informer-pool.js';
import { KubeClient } from '../../src/adapters/kube/kube-client.js';
import { LiveDriftSession, watchTargetsFor } from '../../src/adapters/kube/live-drift-session.js';
import { loadKubeconfig } from '../../src/adapters/kube/load-kubeconfig.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { APP } from './drift-e2e-support.js';

let cluster: TestCluster;
let pool: InformerPool;
let session: LiveDriftSession;
const DEPLOY = 'Deployment.apps shop/api-server';

/** Resolves when `check` holds over the session's results (checked on every event), or fails at the deadline. */
function until(what: string, check: (results: readonly ResourceDrift[]) => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const test = () => {
      if (check(session.results())) {
        cleanup();
        resolve();
      }
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for: ${what}; status ${pool.status} (${pool.statusReason ?? ''}); results ${JSON.stringify(session.results().map((r) => [r.id, r.status, r.reason]))}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      session.off('changed', test);
      session.off('reset', test);
    };
    session.on('changed', test);
    session.on('reset', test);
    test();
  });
}

const statusOf = (results: readonly ResourceDrift[], id: string) => results.find((r) => r.id === id)?.status;
const allSynced = (results: readonly ResourceDrift[]) => results.length === 4 && results.every((r) => r.status === 'Synced');

before(async () => {
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }], bookmarkIntervalMs: 200 });
  await cluster.run('apply', '-f', cluster.write('app.yaml', APP));
  const kube = loadKubeconfig({ kubeconfig: cluster.handle.kubeconfigPath });
  const client = new KubeClient(kube.kc, kube.server, 2000);
  const desired = desiredFromManifests(extractResources(parseManifest('apps/app.yaml', APP)), { defaultNamespace: 'default' });
  const targets = watchTargetsFor(desired);
  const discovery = await discoverResources(client, targets);
  // Short backoff for the test; the default is 0.5 s doubling to 30 s.
  pool = new InformerPool(client, discovery, targets, { backoff: new Backoff(20, 200) });
  session = new LiveDriftSession(pool, { desired });
  pool.start();
  await pool.whenSynced(10_000);
});

after(async () => {
  session?.dispose();
  pool?.stop();
  await cluster?.stop();
});

test('informers only for the kinds and namespaces Git uses, bookmarks asked for', () => {
  const watches = cluster.handle.requests.filter((r) => r.query.watch === '1' || r.query.watch === 'true');
  const paths = [...new Set(watches.map((r) => r.path))].sort();
  assert.deepEqual(paths, ['/api/v1/namespaces/shop/configmaps', '/api/v1/namespaces/shop/secrets', '/api/v1/namespaces/shop/services', '/apis/apps/v1/namespaces/shop/deployments']);
  assert.ok(watches.every((r) => r.query.allowWatchBookmarks === 'true'));
  // Nothing cluster-wide was listed: only the namespaces the desired state names.
  const lists = cluster.handle.requests.filter((r) => r.userAgent.startsWith('gitops-authoring') && r.query.limit !== undefined);
  assert.ok(lists.length >= 4, JSON.stringify(cluster.handle.requests.filter((r) => !r.userAgent.startsWith('kubectl')).slice(0, 12).map((r) => [r.verb, r.path, r.userAgent])));
  assert.ok(lists.every((r) => r.path.includes('/namespaces/shop/')));
});

test('a watch event recomputes the resource and pushes the result', async () => {
  await until('all synced', allSynced);
  const pushed: ResourceDrift[] = [];
  const onResult = (upserted: readonly ResourceDrift[]) => pushed.push(...upserted);
  session.on('changed', onResult);
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=7', '-n', 'shop');
  await until('deployment drifted', (rs) => statusOf(rs, DEPLOY) === 'Drifted');
  session.off('changed', onResult);
  const last = pushed.filter((r) => r.id === DEPLOY).at(-1);
  assert.equal(last?.fields[0]?.attribution?.subresource, 'scale');
  // Only the touched resource was pushed.
  assert.ok(pushed.every((r) => r.id === DEPLOY), JSON.stringify(pushed.map((r) => r.id)));
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=2', '-n', 'shop');
  await until('deployment back in sync', allSynced);
});

test('dropped watches resume without losing changes', async () => {
  assert.ok(cluster.handle.faults.dropWatches() > 0);
  await cluster.run('patch', 'configmap', 'api-config', '-n', 'shop', '--type=merge', '-p', '{"data":{"mode":"debug"}}');
  await until('configmap drift seen after the drop', (rs) => statusOf(rs, 'ConfigMap shop/api-config') === 'Drifted');
  assert.equal(pool.status, 'Connected');
});

test('410 Gone after compaction relists and stays correct', async () => {
  cluster.handle.faults.compact();
  cluster.handle.faults.dropWatches();
  await cluster.run('patch', 'configmap', 'api-config', '-n', 'shop', '--type=merge', '-p', '{"data":{"mode":"production"}}');
  await until('configmap back in sync after relist', allSynced);
});

test('a 500 burst degrades to Unknown (never stale Synced), then recovers', async () => {
  cluster.handle.faults.set({ errorRate: 1, errorCode: 500, pathFilter: /configmaps/ });
  cluster.handle.faults.dropWatches();
  await until('configmaps Unknown while failing', (rs) => statusOf(rs, 'ConfigMap shop/api-config') === 'Unknown');
  assert.equal(pool.status, 'Degraded');
  // Kinds that still work keep their real status.
  assert.equal(statusOf(session.results(), DEPLOY), 'Synced');
  cluster.handle.faults.reset();
  await until('recovered', allSynced);
  assert.equal(pool.status, 'Connected');
});

test('429 with Retry-After is honoured and recovers', async () => {
  cluster.handle.faults.set({ errorRate: 1, errorCode: 429, retryAfterSeconds: 1, pathFilter: /secrets/ });
  cluster.handle.faults.dropWatches();
  await until('secrets Unknown while throttled', (rs) => statusOf(rs, 'Secret shop/api-db') === 'Unknown');
  cluster.handle.faults.reset();
  await until('recovered after throttling', allSynced);
});

test('a server restart (state kept) goes Unknown or stays correct, then Synced; changes during the outage are seen', async () => {
  await cluster.handle.faults.restart({ keepState: true });
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=4', '-n', 'shop');
  await until('change after restart seen', (rs) => statusOf(rs, DEPLOY) === 'Drifted');
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=2', '-n', 'shop');
  await until('back in sync after restart', allSynced);
});

test('a restart that lost every object shows them Missing after the relist (nothing stale)', async () => {
  await cluster.handle.faults.restart({ keepState: false });
  await until('all Missing', (rs) => rs.length === 4 && rs.every((r) => r.status === 'Missing'));
  assert.equal(pool.status, 'Connected');
});

test('an outage makes every result Unknown with the reason; nothing stale', async () => {
  await cluster.handle.faults.goAway();
  await until('all Unknown', (rs) => rs.length > 0 && rs.every((r) => r.status === 'Unknown'));
  assert.equal(pool.status, 'Unreachable');
  assert.match(session.results()[0]?.reason ?? '', /unreachable|cannot reach/i);
});
