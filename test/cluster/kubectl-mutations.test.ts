// kubectl's imperative commands against one Deployment: the requests they send and the managedFields
// entries a real server records for them (scale has no fieldManager: the User-Agent names it).
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { eventually, managedEntry, startTestCluster, type TestCluster } from './harness.js';

const DEMO = join(__dirname, '..', 'fixtures', 'cluster', 'demo-app');

function fields(entry: JsonObject | undefined): JsonObject {
  assert.ok(entry, 'managedFields entry expected');
  return entry.fieldsV1 as JsonObject;
}

describe('kubectl scale, set image, edit, patch, label, annotate, diff, rollout status, delete', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
    await c.run('apply', '-f', join(DEMO, 'deployment.yaml'));
  });
  after(() => c.stop());

  it('scale patches the scale subresource without a fieldManager; the manager is the User-Agent prefix', async () => {
    c.handle.requests.length = 0;
    await c.run('scale', 'deployment/web', '--replicas=4');
    const req = c.handle.requests.find((r) => r.method === 'PATCH');
    assert.equal(req?.path, '/apis/apps/v1/namespaces/default/deployments/web/scale');
    assert.equal(req?.query.fieldManager, undefined);
    assert.equal(req?.fieldManager, 'kubectl');
    const d = await c.getJson('get', 'deployment', 'web');
    assert.equal((d.spec as JsonObject).replicas, 4);
    const entry = managedEntry(d, 'kubectl', 'Update', 'scale');
    assert.deepEqual(fields(entry), { 'f:spec': { 'f:replicas': {} } });
    assert.equal(entry?.apiVersion, 'apps/v1');
    const csa = fields(managedEntry(d, 'kubectl-client-side-apply'));
    assert.equal((csa['f:spec'] as JsonObject)['f:replicas'], undefined, 'scale took spec.replicas over');
    assert.equal((d.metadata as JsonObject).generation, 2);
  });

  it('set image sends a strategic merge patch with $setElementOrder as kubectl-set', async () => {
    c.handle.requests.length = 0;
    await c.run('set', 'image', 'deployment/web', 'nginx=nginx:1.27');
    const req = c.handle.requests.find((r) => r.method === 'PATCH');
    assert.equal(req?.contentType, 'application/strategic-merge-patch+json');
    assert.equal(req?.query.fieldManager, 'kubectl-set');
    const d = await c.getJson('get', 'deployment', 'web');
    const containers = ((((d.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[]);
    assert.equal(containers.length, 1);
    assert.equal(containers[0]?.image, 'nginx:1.27');
    assert.deepEqual(fields(managedEntry(d, 'kubectl-set')), {
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:image': {} } } } } },
    });
    const revision = await eventually(async () => {
      const now = await c.getJson('get', 'deployment', 'web');
      const rev = ((now.metadata as JsonObject).annotations as JsonObject)['deployment.kubernetes.io/revision'];
      return rev === '2' ? rev : undefined;
    }, 'revision 2');
    assert.equal(revision, '2');
  });

  it('edit through a scripted EDITOR patches as kubectl-edit', async () => {
    const editor = c.write('editor.sh', '#!/bin/sh\nsed -i "s/image: nginx:1.27/image: nginx:1.28/" "$1"\n');
    chmodSync(editor, 0o755);
    const r = await c.kubectl(['edit', 'deployment/web'], { env: { EDITOR: editor, KUBE_EDITOR: editor } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /deployment.apps\/web edited/);
    assert.ok(c.handle.requests.some((x) => x.method === 'PATCH' && x.query.fieldManager === 'kubectl-edit'));
    const d = await c.getJson('get', 'deployment', 'web');
    assert.deepEqual(fields(managedEntry(d, 'kubectl-edit')), {
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:image': {} } } } } },
    });
    assert.equal(managedEntry(d, 'kubectl-set'), undefined, 'kubectl-set lost its only field');
  });

  it('patch with the three patch types, as kubectl-patch', async () => {
    await c.run('patch', 'deployment/web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]');
    await c.run('patch', 'deployment/web', '--type=merge', '-p', '{"metadata":{"labels":{"patched":"merge"}}}');
    await c.run('patch', 'deployment/web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"EXTRA","value":"1"}]}]}}}}');
    const types = c.handle.requests.filter((r) => r.method === 'PATCH' && r.query.fieldManager === 'kubectl-patch').map((r) => r.contentType);
    assert.deepEqual(types, ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
    const d = await c.getJson('get', 'deployment', 'web');
    assert.equal((d.spec as JsonObject).replicas, 2);
    const env = (((((d.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0] as JsonObject).env;
    assert.deepEqual(env, [{ name: 'MODE', value: 'demo' }, { name: 'EXTRA', value: '1' }], 'strategic merge keeps MODE and adds EXTRA');
    assert.equal(managedEntry(d, 'kubectl', 'Update', 'scale'), undefined, 'the json patch took replicas from the scale entry');
    assert.deepEqual(fields(managedEntry(d, 'kubectl-patch')), {
      'f:metadata': { 'f:labels': { 'f:patched': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:env': { 'k:{"name":"EXTRA"}': { '.': {}, 'f:name': {}, 'f:value': {} } } } } } },
      },
    });
  });

  it('label and annotate are recorded under their own managers', async () => {
    await c.run('label', 'deployment/web', 'tier=frontend');
    await c.run('annotate', 'deployment/web', 'owner=team-a');
    const d = await c.getJson('get', 'deployment', 'web');
    assert.equal(((d.metadata as JsonObject).labels as JsonObject).tier, 'frontend');
    assert.deepEqual(fields(managedEntry(d, 'kubectl-label')), { 'f:metadata': { 'f:labels': { 'f:tier': {} } } });
    assert.deepEqual(fields(managedEntry(d, 'kubectl-annotate')), { 'f:metadata': { 'f:annotations': { 'f:owner': {} } } });
    const annotate = c.handle.requests.find((r) => r.query.fieldManager === 'kubectl-annotate');
    assert.equal(annotate?.contentType, 'application/merge-patch+json');
  });

  it('diff exits 1 with a diff when the live object differs, 0 when it does not', async () => {
    const changed = await c.kubectl(['diff', '-f', join(DEMO, 'deployment.yaml')]);
    assert.equal(changed.code, 1, changed.stderr);
    assert.match(changed.stdout, /-\s+image: nginx:1.28\n\+\s+image: nginx:1.25/);
    assert.ok(c.handle.requests.some((r) => r.method === 'PATCH' && r.query.dryRun === 'All'), 'diff asks for a server-side dry run');
    const before = await c.getJson('get', 'deployment', 'web');
    const live = await c.run('get', 'deployment', 'web', '-o', 'yaml');
    const same = await c.kubectl(['diff', '-f', '-'], { input: live });
    assert.equal(same.code, 0, same.stdout + same.stderr);
    const afterDiff = await c.getJson('get', 'deployment', 'web');
    assert.equal((afterDiff.metadata as JsonObject).resourceVersion, (before.metadata as JsonObject).resourceVersion, 'dry runs change nothing');
  });

  it('rollout status reports success once the controller caught up', async () => {
    const out = await c.run('rollout', 'status', 'deployment/web', '--timeout=20s');
    assert.match(out, /deployment "web" successfully rolled out/);
    const d = await c.getJson('get', 'deployment', 'web');
    const status = d.status as JsonObject;
    assert.equal(status.observedGeneration, (d.metadata as JsonObject).generation);
    assert.equal(status.updatedReplicas, 2);
    const controller = managedEntry(d, 'kube-controller-manager', 'Update', 'status');
    assert.ok(controller, 'the controller writes through status as kube-controller-manager');
    assert.deepEqual((fields(controller)['f:metadata'] as JsonObject)['f:annotations'], { 'f:deployment.kubernetes.io/revision': {} });
  });

  it('rollout history and undo work from the ReplicaSets the controller keeps', async () => {
    const history = await c.run('rollout', 'history', 'deployment/web');
    assert.match(history, /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n3\s+<none>\n4\s+<none>/);
    const rs = JSON.parse(await c.run('get', 'replicasets', '-o', 'json', '--show-managed-fields')) as JsonObject;
    const items = rs.items as JsonObject[];
    assert.equal(items.length, 4);
    for (const item of items) {
      const ref = ((item.metadata as JsonObject).ownerReferences as JsonObject[])[0];
      assert.equal(ref?.kind, 'Deployment');
      assert.equal(ref?.controller, true);
      assert.ok(managedEntry(item, 'kube-controller-manager'), 'ReplicaSets are written by kube-controller-manager');
    }
    await c.run('rollout', 'undo', 'deployment/web');
    const d = await eventually(async () => {
      const now = await c.getJson('get', 'deployment', 'web');
      return ((now.metadata as JsonObject).annotations as JsonObject)['deployment.kubernetes.io/revision'] === '5' ? now : undefined;
    }, 'revision 5 after the undo');
    const container = ((((d.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0] as JsonObject;
    assert.equal(container.image, 'nginx:1.28');
    assert.deepEqual(container.env, [{ name: 'MODE', value: 'demo' }], 'back to revision 3, before the EXTRA variable');
    const after = await c.run('rollout', 'history', 'deployment/web');
    assert.match(after, /\n2\s+<none>\n4\s+<none>\n5\s+<none>/, 'revision 3 became 5');
  });

  it('delete removes the object and the garbage collector its ReplicaSets', async () => {
    const out = await c.run('delete', 'deployment', 'web');
    assert.match(out, /deployment.apps "web" deleted/);
    const r = await c.kubectl(['get', 'deployment', 'web']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error from server \(NotFound\): deployments.apps "web" not found/);
    await eventually(async () => ((JSON.parse(await c.run('get', 'replicasets', '-o', 'json')) as JsonObject).items as JsonObject[]).length === 0 || undefined, 'the ReplicaSets to be collected');
  });
});
