// kubectl get -w sees a later change; kubectl kustomize and apply -k; apply after client-side apply
// migrates ownership to server-side apply.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { eventually, managedEntry, startTestCluster, type TestCluster } from './harness.js';

const FIXTURES = join(__dirname, '..', 'fixtures', 'cluster');

describe('kubectl get -w, kustomize, apply -k', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
    await c.run('apply', '-f', join(FIXTURES, 'demo-app', 'configmap.yaml'));
  });
  after(() => c.stop());

  it('get -w prints the object, then the change made after the watch started', async () => {
    const child = spawn('kubectl', ['get', 'configmap', 'web-config', '-w', '-o', 'jsonpath={.data.color}{"\\n"}'], {
      env: { PATH: process.env.PATH ?? '', HOME: c.dir, KUBECONFIG: c.handle.kubeconfigPath, KUBECACHEDIR: join(c.dir, 'cache') },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await eventually(() => (out.includes('blue\n') ? true : undefined), 'the initial object');
      await eventually(() => (c.handle.requests.some((r) => r.verb === 'watch') ? true : undefined), 'the watch request');
      await c.run('patch', 'configmap', 'web-config', '--type=merge', '-p', '{"data":{"color":"green"}}');
      await eventually(() => (out.includes('green\n') ? true : undefined), 'the change through the watch');
      const watch = c.handle.requests.find((r) => r.verb === 'watch');
      assert.ok(watch?.query.resourceVersion, 'kubectl watches from the resourceVersion it listed');
    } finally {
      child.kill();
    }
  });

  it('kustomize renders the overlay and apply -k creates what it rendered', async () => {
    const rendered = await c.run('kustomize', join(FIXTURES, 'demo-overlay'));
    assert.match(rendered, /name: shop-api-settings-/);
    const out = await c.run('apply', '-k', join(FIXTURES, 'demo-overlay'));
    assert.match(out, /namespace\/shop created/);
    assert.match(out, /deployment.apps\/shop-api created/);
    const d = await c.getJson('get', 'deployment', 'shop-api', '-n', 'shop');
    const container = ((((d.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0] as JsonObject;
    assert.equal(container.image, 'ghcr.io/example/api:2.1.0');
    assert.equal(container.imagePullPolicy, 'IfNotPresent');
    assert.ok(managedEntry(d, 'kubectl-client-side-apply'));
    const ns = await c.getJson('get', 'namespace', 'shop');
    assert.deepEqual((ns.metadata as JsonObject).labels, { 'app.kubernetes.io/part-of': 'shop', 'kubernetes.io/metadata.name': 'shop' });
    assert.deepEqual(ns.spec, { finalizers: ['kubernetes'] });
    const again = await c.run('apply', '-k', join(FIXTURES, 'demo-overlay'));
    assert.match(again, /deployment.apps\/shop-api unchanged/);
  });

  it('apply --server-side after client-side apply migrates kubectl-client-side-apply ownership to kubectl', async () => {
    await c.run('apply', '--server-side', '-k', join(FIXTURES, 'demo-overlay'));
    const d = await c.getJson('get', 'deployment', 'shop-api', '-n', 'shop');
    assert.equal(managedEntry(d, 'kubectl-client-side-apply'), undefined);
    const apply = managedEntry(d, 'kubectl', 'Apply');
    assert.ok(apply, 'kubectl Apply entry');
    assert.match(JSON.stringify(apply.fieldsV1), /f:envFrom/);
    assert.doesNotMatch(JSON.stringify(apply.fieldsV1), /f:imagePullPolicy/, 'the re-apply after migration owns exactly its configuration');
    const container = ((((d.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0] as JsonObject;
    assert.equal(container.imagePullPolicy, 'IfNotPresent', 'pruned defaults come back from defaulting');
    assert.ok(c.handle.requests.some((r) => r.method === 'PATCH' && r.contentType === 'application/json-patch+json' && r.query.fieldManager === 'kubectl'), 'kubectl rewrote managedFields with a JSON patch');
  });

  it('deleting the namespace removes what it contains', async () => {
    await c.run('delete', 'namespace', 'shop');
    await eventually(async () => ((await c.kubectl(['get', 'deployment', 'shop-api', '-n', 'shop'])).code === 1 ? true : undefined), 'the deployment to go');
  });
});
