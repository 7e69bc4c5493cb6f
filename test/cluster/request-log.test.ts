// The request log: every request with its verb as an audit log names it (get, list, watch, create, update,
// patch, delete) and its User-Agent, so a test can prove who read and who wrote — e.g. that the extension
// never writes. Driven by the real kubectl, client-node 1.4 and our drift adapters' own client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { KubeClient } from '../../src/adapters/kube/kube-client.js';
import { loadKubeconfig } from '../../src/adapters/kube/load-kubeconfig.js';
import { isWriteRequest, REQUEST_LOG_PATH, type RecordedRequest } from './api-server/api-server.js';
import { eventually, startTestCluster, type TestCluster } from './harness.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
const DEPLOYMENTS = '/apis/apps/v1/namespaces/default/deployments';

describe('request log', () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startTestCluster();
    await cluster.run('apply', '-f', cluster.write('web.yaml', DEPLOYMENT));
  });
  after(() => cluster?.stop());

  /** The requests a body made (those recorded while it ran). */
  async function requestsOf(body: () => Promise<unknown>): Promise<RecordedRequest[]> {
    const from = cluster.handle.requests.length;
    await body();
    return cluster.handle.requests.slice(from);
  }

  it('kubectl get NAME is a get, kubectl get (all) a list, both from kubectl\'s User-Agent', async () => {
    const one = await requestsOf(() => cluster.run('get', 'deployment', 'web'));
    const byName = one.filter((r) => r.path === `${DEPLOYMENTS}/web`);
    assert.deepEqual(byName.map((r) => [r.method, r.verb]), [['GET', 'get']]);
    assert.match(byName[0]?.userAgent ?? '', /^kubectl\/v1\.32\.\d+ /);
    const all = await requestsOf(() => cluster.run('get', 'deployments'));
    assert.deepEqual(all.filter((r) => r.path === DEPLOYMENTS).map((r) => r.verb), ['list']);
    assert.ok([...one, ...all].every((r) => !isWriteRequest(r)), 'reading writes nothing');
  });

  it('kubectl scale is a patch of the scale subresource, recorded under the manager kubectl', async () => {
    const scale = await requestsOf(() => cluster.run('scale', 'deployment', 'web', '--replicas=4'));
    const writes = scale.filter(isWriteRequest);
    assert.deepEqual(writes.map((r) => [r.method, r.verb, r.path, r.fieldManager]), [['PATCH', 'patch', `${DEPLOYMENTS}/web/scale`, 'kubectl']]);
    assert.match(writes[0]?.userAgent ?? '', /^kubectl\//);
    assert.equal(writes[0]?.status, 200);
  });

  it('kubectl delete is a delete, kubectl watch a watch', async () => {
    const watch = cluster.kubectl(['get', 'deployments', '--watch', '--request-timeout=2s']);
    await eventually(() => cluster.handle.requests.some((r) => r.verb === 'watch' && r.path === DEPLOYMENTS), 'kubectl\'s watch request');
    await watch;
    const deleted = await requestsOf(() => cluster.run('delete', 'deployment', 'web', '--wait=false'));
    assert.deepEqual(deleted.filter(isWriteRequest).map((r) => [r.verb, r.path]), [['delete', `${DEPLOYMENTS}/web`]]);
    await cluster.run('apply', '-f', cluster.write('web.yaml', DEPLOYMENT));
  });

  it('our drift adapters and client-node tell themselves apart from kubectl by their User-Agent', async () => {
    const kube = loadKubeconfig({ kubeconfig: cluster.handle.kubeconfigPath });
    const ours = await requestsOf(() => new KubeClient(kube.kc, kube.server).getJson(DEPLOYMENTS, { limit: '500' }));
    assert.deepEqual(ours.map((r) => [r.verb, r.userAgent]), [['list', 'gitops-authoring']]);
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(cluster.handle.kubeconfigPath);
    const typed = await requestsOf(() => kc.makeApiClient(k8s.AppsV1Api).readNamespacedDeployment({ name: 'web', namespace: 'default' }));
    assert.deepEqual(typed.map((r) => r.verb), ['get']);
    assert.match(typed[0]?.userAgent ?? '', /^node-fetch\//, 'client-node 1.4 sends node-fetch\'s default User-Agent');
  });

  it(`GET ${REQUEST_LOG_PATH} answers the log as JSON without logging itself`, async () => {
    const before = cluster.handle.requests.length;
    const res = await fetch(`${cluster.handle.url}${REQUEST_LOG_PATH}`);
    assert.equal(res.status, 200);
    const { requests } = (await res.json()) as { requests: RecordedRequest[] };
    assert.equal(requests.length, before);
    assert.equal(cluster.handle.requests.length, before, 'reading the log is not a request in it');
    assert.ok(requests.some((r) => r.verb === 'patch' && r.path.endsWith('/web/scale') && r.userAgent.startsWith('kubectl/')));
  });
});
