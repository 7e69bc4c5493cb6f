// The managedFields entries the "just this once" kubectl commands leave, as a real kube-apiserver 1.32
// records them: the manager kubectl names with ?fieldManager, operation Update, no subresource, and the
// field set of exactly what the request created or changed, with the defaults the server filled into what it
// created (a new container's terminationMessagePath) and `.` on maps and items the request created. Drift's
// managedFields rules (docs/drift.md) and the recorded fixtures of test/fixtures/drift depend on these.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { managedEntry, startTestCluster, type TestCluster } from './harness.js';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        livenessProbe: {tcpSocket: {port: 80}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;

const CONTAINER = 'k:{"name":"web"}';
const inContainer = (fields: JsonObject): JsonObject => ({ 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { [CONTAINER]: fields } } } } });

describe('managedFields of kubectl set, patch, edit, rollout restart, label, annotate', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
    await c.run('apply', '-f', c.write('app.yaml', APP));
  });
  after(() => c.stop());

  /** The entry of `manager` on the main resource: Update, no subresource, its field set. */
  async function entryOf(object: string, manager: string): Promise<JsonObject | undefined> {
    const o = await c.getJson('get', object);
    const e = managedEntry(o, manager, 'Update');
    if (!e) return undefined;
    assert.equal(e.subresource, undefined, `${manager}: main resource`);
    assert.equal(e.fieldsType, 'FieldsV1');
    assert.match(String(e.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    return e.fieldsV1 as JsonObject;
  }

  it('set env: kubectl-set owns the new list and its item', async () => {
    await c.run('set', 'env', 'deployment/web', 'DEBUG=1');
    assert.deepEqual(await entryOf('deployment/web', 'kubectl-set'), inContainer({ 'f:env': { '.': {}, 'k:{"name":"DEBUG"}': { '.': {}, 'f:name': {}, 'f:value': {} } } }));
  });

  it('set resources on a container without limits: the new limits map, not the resources map the server created', async () => {
    await c.run('set', 'resources', 'deployment/web', '--limits=cpu=200m');
    const set = await entryOf('deployment/web', 'kubectl-set');
    const container = ((((set?.['f:spec'] as JsonObject)['f:template'] as JsonObject)['f:spec'] as JsonObject)['f:containers'] as JsonObject)[CONTAINER] as JsonObject;
    assert.deepEqual(container['f:resources'], { 'f:limits': { '.': {}, 'f:cpu': {} } });
  });

  it('patch adding a sidecar: kubectl-patch owns the item and the defaults filled into it', async () => {
    await c.run('patch', 'deployment/web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"debug","image":"busybox:1.36"}]}}}}');
    assert.deepEqual(await entryOf('deployment/web', 'kubectl-patch'), { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"debug"}': {
      '.': {}, 'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:resources': {}, 'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {},
    } } } } } });
  });

  it('patch of a defaulted Service field: kubectl-patch takes it from the applier, with the config the server defaults alongside', async () => {
    await c.run('patch', 'service/web', '-p', '{"spec":{"sessionAffinity":"ClientIP"}}');
    assert.deepEqual(await entryOf('service/web', 'kubectl-patch'), { 'f:spec': { 'f:sessionAffinity': {}, 'f:sessionAffinityConfig': { '.': {}, 'f:clientIP': { '.': {}, 'f:timeoutSeconds': {} } } } });
    const csa = await entryOf('service/web', 'kubectl-client-side-apply');
    assert.equal((csa?.['f:spec'] as JsonObject)['f:sessionAffinity'], undefined, 'an Update takes the field over');
  });

  it('edit adding a probe: kubectl-edit owns the probe with its defaulted timings', async () => {
    const script = c.write('add-probe.mjs', [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      'const f = process.argv[2];',
      "writeFileSync(f, readFileSync(f, 'utf8').replace(/^( *)image: nginx:1.27$/m, '$1image: nginx:1.27\\n$1startupProbe:\\n$1  tcpSocket:\\n$1    port: 80'));",
    ].join('\n'));
    const r = await c.kubectl(['edit', 'deployment/web'], { env: { KUBE_EDITOR: `node ${script}` } });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await entryOf('deployment/web', 'kubectl-edit'), inContainer({ 'f:startupProbe': {
      '.': {}, 'f:failureThreshold': {}, 'f:periodSeconds': {}, 'f:successThreshold': {}, 'f:tcpSocket': { '.': {}, 'f:port': {} }, 'f:timeoutSeconds': {},
    } }));
  });

  it('rollout restart, label, annotate: kubectl-rollout, kubectl-label, kubectl-annotate', async () => {
    await c.run('rollout', 'restart', 'deployment/web');
    await c.run('label', 'deployment/web', 'owner=alice');
    await c.run('annotate', 'deployment/web', 'note=checked');
    assert.deepEqual(await entryOf('deployment/web', 'kubectl-rollout'), { 'f:spec': { 'f:template': { 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/restartedAt': {} } } } } });
    assert.deepEqual(await entryOf('deployment/web', 'kubectl-label'), { 'f:metadata': { 'f:labels': { '.': {}, 'f:owner': {} } } });
    // The last-applied annotation made the annotations map: annotate only adds its key.
    assert.deepEqual(await entryOf('deployment/web', 'kubectl-annotate'), { 'f:metadata': { 'f:annotations': { 'f:note': {} } } });
  });

  it('a patch that only removes leaves its manager no entry (an empty field set is dropped), and the applier loses what went', async () => {
    await c.run('patch', 'service/web', '--field-manager', 'remover', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/selector"}]');
    const svc = await c.getJson('get', 'service/web');
    assert.equal(managedEntry(svc, 'remover', 'Update'), undefined);
    const csa = await entryOf('service/web', 'kubectl-client-side-apply');
    assert.equal((csa?.['f:spec'] as JsonObject)['f:selector'], undefined);
  });
});
