// Strategic merge patch directives the way kubectl produces them ($patch: delete/replace,
// $setElementOrder, $retainKeys, $deleteFromPrimitiveList), and kubectl apply removing list items.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { startTestCluster, type TestCluster } from './harness.js';
import { apiClient } from './http-client.js';

const SMP = 'application/strategic-merge-patch+json';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';

function twoContainers(name: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  selector:',
    '    matchLabels: {app: multi}',
    '  template:',
    '    metadata:',
    '      labels: {app: multi}',
    '    spec:',
    '      containers:',
    '        - name: app',
    '          image: app:1',
    '          ports: [{containerPort: 8080}, {containerPort: 9090, name: metrics}]',
    '          env: [{name: A, value: "1"}, {name: B, value: "2"}]',
    '        - name: sidecar',
    '          image: sidecar:1',
    '',
  ].join('\n');
}

const containersOf = (d: JsonObject) => (((d.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[];

describe('strategic merge patch directives', () => {
  let c: TestCluster;
  let api: ReturnType<typeof apiClient>;
  before(async () => {
    c = await startTestCluster();
    api = apiClient(c.handle);
  });
  after(() => c.stop());

  it('kubectl apply removes a container and a port, and reorders env, as the manifest says', async () => {
    const file = c.write('multi.yaml', twoContainers('multi'));
    await c.run('apply', '-f', file);
    const edited = twoContainers('multi')
      .replace('          ports: [{containerPort: 8080}, {containerPort: 9090, name: metrics}]', '          ports: [{containerPort: 8080}]')
      .replace('[{name: A, value: "1"}, {name: B, value: "2"}]', '[{name: B, value: "2"}, {name: A, value: "1"}]')
      .replace('        - name: sidecar\n          image: sidecar:1\n', '');
    c.write('multi.yaml', edited);
    c.handle.requests.length = 0;
    await c.run('apply', '-f', file);
    const d = await c.getJson('get', 'deployment', 'multi');
    const containers = containersOf(d);
    assert.deepEqual(containers.map((x) => x.name), ['app']);
    assert.deepEqual(containers[0]?.ports, [{ containerPort: 8080, protocol: 'TCP' }]);
    assert.deepEqual(containers[0]?.env, [{ name: 'B', value: '2' }, { name: 'A', value: '1' }]);
  });

  it('applies $patch: replace and $patch: delete on lists and maps', async () => {
    const body = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { a: '1', b: '2' } }, spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'x', image: 'x' }, { name: 'y', image: 'y' }] } } } };
    assert.equal((await api('POST', DEPLOY, body)).status, 201);
    const del = await api('PATCH', `${DEPLOY}/d`, { spec: { template: { spec: { containers: [{ name: 'y', $patch: 'delete' }] } } } }, SMP);
    assert.equal(del.status, 200);
    assert.deepEqual(containersOf(del.body).map((x) => x.name), ['x']);
    const replace = await api('PATCH', `${DEPLOY}/d`, { metadata: { labels: { $patch: 'replace', c: '3' } } }, SMP);
    assert.deepEqual((replace.body.metadata as JsonObject).labels, { c: '3' });
    const list = await api('PATCH', `${DEPLOY}/d`, { spec: { template: { spec: { containers: [{ name: 'z', image: 'z' }, { $patch: 'replace' }] } } } }, SMP);
    assert.deepEqual(containersOf(list.body).map((x) => x.name), ['z']);
  });

  it('keeps only the listed keys with $retainKeys and removes primitives with $deleteFromPrimitiveList', async () => {
    const r = await api('PATCH', `${DEPLOY}/d`, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } }, SMP);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual((r.body.spec as JsonObject).strategy, { type: 'Recreate' });
    await api('PATCH', `${DEPLOY}/d`, { metadata: { finalizers: ['a.example/x', 'a.example/y'] } }, SMP);
    const fin = await api('PATCH', `${DEPLOY}/d`, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/x'] } }, SMP);
    assert.deepEqual((fin.body.metadata as JsonObject).finalizers, ['a.example/y']);
  });

  it('rejects an invalid JSON patch with 422 and a test failure with 422', async () => {
    const r = await api('PATCH', `${DEPLOY}/d`, [{ op: 'test', path: '/spec/replicas', value: 99 }], 'application/json-patch+json');
    assert.equal(r.status, 422);
    const missing = await api('PATCH', `${DEPLOY}/d`, [{ op: 'remove', path: '/metadata/labels/nope' }], 'application/json-patch+json');
    assert.equal(missing.status, 422);
  });
});
