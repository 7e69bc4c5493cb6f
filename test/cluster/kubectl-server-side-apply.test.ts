// kubectl apply --server-side: Apply entries, conflicts with their managers, --force-conflicts, pruning
// of fields the applier stopped setting, shared ownership, dry runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { managedEntry, startTestCluster, type TestCluster } from './harness.js';

const MANIFEST = readFileSync(join(__dirname, '..', 'fixtures', 'cluster', 'demo-app', 'deployment.yaml'), 'utf8');

const APPLY_FIELDS = {
  'f:metadata': { 'f:labels': { 'f:app': {}, 'f:team': {} } },
  'f:spec': {
    'f:replicas': {},
    'f:selector': {},
    'f:template': {
      'f:metadata': { 'f:labels': { 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:env': { 'k:{"name":"MODE"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
            'f:image': {},
            'f:name': {},
            'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
          },
        },
      },
    },
  },
};

describe('kubectl apply --server-side', () => {
  let c: TestCluster;
  let file: string;
  before(async () => {
    c = await startTestCluster();
    file = c.write('deployment.yaml', MANIFEST);
  });
  after(() => c.stop());

  it('creates the object owned by an Apply entry of manager kubectl', async () => {
    const out = await c.run('apply', '--server-side', '-f', file);
    assert.match(out, /deployment.apps\/web serverside-applied/);
    const req = c.handle.requests.find((r) => r.method === 'PATCH');
    assert.equal(req?.contentType, 'application/apply-patch+yaml');
    assert.equal(req?.query.fieldManager, 'kubectl');
    const d = await c.getJson('get', 'deployment', 'web');
    const entry = managedEntry(d, 'kubectl', 'Apply');
    assert.deepEqual(entry?.fieldsV1, APPLY_FIELDS);
    assert.equal(((d.metadata as JsonObject).annotations as JsonObject)['kubectl.kubernetes.io/last-applied-configuration'], undefined);
    assert.equal((d.spec as JsonObject).revisionHistoryLimit, 10, 'defaults are applied but not owned');
  });

  it('reports a conflict with the manager that changed a field, and takes it over with --force-conflicts', async () => {
    await c.run('scale', 'deployment/web', '--replicas=5');
    const r = await c.kubectl(['apply', '--server-side', '-f', file]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps\/v1: \.spec\.replicas/);
    await c.run('apply', '--server-side', '--force-conflicts', '-f', file);
    const d = await c.getJson('get', 'deployment', 'web');
    assert.equal((d.spec as JsonObject).replicas, 2);
    assert.equal(managedEntry(d, 'kubectl', 'Update', 'scale'), undefined);
  });

  it('removes fields the applier no longer sets and nobody else owns', async () => {
    const trimmed = c.write('trimmed.yaml', MANIFEST.replace(/ {10}env:\n {12}- name: MODE\n {14}value: demo\n/, ''));
    await c.run('apply', '--server-side', '-f', trimmed);
    const d = await c.getJson('get', 'deployment', 'web');
    const container = (((((d.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0]) as JsonObject;
    assert.equal(container.env, undefined);
    const owned = (managedEntry(d, 'kubectl', 'Apply')?.fieldsV1 as JsonObject)['f:spec'] as JsonObject;
    assert.doesNotMatch(JSON.stringify(owned), /f:env/);
  });

  it('shares fields applied with the same value and keeps another manager\'s fields', async () => {
    const other = c.write('other.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web\n    owner: other\n');
    await c.run('apply', '--server-side', '--field-manager=other', '-f', other);
    const d = await c.getJson('get', 'deployment', 'web');
    assert.deepEqual(managedEntry(d, 'other', 'Apply')?.fieldsV1, { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:owner': {} } } });
    assert.ok(((managedEntry(d, 'kubectl', 'Apply')?.fieldsV1 as JsonObject)['f:metadata'] as JsonObject)['f:labels'], 'kubectl still co-owns labels');
    const managers = ((d.metadata as JsonObject).managedFields as JsonObject[]).map((e) => `${String(e.manager)}/${String(e.operation)}`);
    assert.deepEqual(managers.slice(0, 2).sort(), ['kubectl/Apply', 'other/Apply'], 'Apply entries sort before Update entries');
  });

  it('changes nothing on --dry-run=server', async () => {
    const before = await c.getJson('get', 'deployment', 'web');
    const changed = c.write('changed.yaml', MANIFEST.replace('replicas: 2', 'replicas: 9'));
    const out = await c.run('apply', '--server-side', '--dry-run=server', '-f', changed);
    assert.match(out, /serverside-applied \(server dry run\)/);
    const now = await c.getJson('get', 'deployment', 'web');
    assert.equal((now.metadata as JsonObject).resourceVersion, (before.metadata as JsonObject).resourceVersion);
    assert.equal((now.spec as JsonObject).replicas, 2);
  });
});
