// StatefulSets, DaemonSets and Jobs: server defaults, and the status their controllers would write on a
// one-node cluster, enough for kubectl rollout status and kubectl wait.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { managedEntry, startTestCluster, type TestCluster } from './harness.js';

const FIXTURE = join(__dirname, '..', 'fixtures', 'cluster', 'workloads', 'statefulset-daemonset-job.yaml');

describe('StatefulSet, DaemonSet and Job', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
    await c.run('apply', '-f', FIXTURE);
  });
  after(() => c.stop());

  it('defaults a StatefulSet and its volume claim templates, and reports it rolled out', async () => {
    const out = await c.run('rollout', 'status', 'statefulset/db', '--timeout=20s');
    assert.match(out, /roll out complete: 2 new pods have been updated/);
    const sts = await c.getJson('get', 'statefulset', 'db');
    const spec = sts.spec as JsonObject;
    assert.equal(spec.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    const claim = (spec.volumeClaimTemplates as JsonObject[])[0] as JsonObject;
    assert.equal(claim.apiVersion, 'v1');
    assert.equal(claim.kind, 'PersistentVolumeClaim');
    assert.deepEqual(claim.status, { phase: 'Pending' });
    assert.equal((claim.spec as JsonObject).volumeMode, 'Filesystem');
    const status = sts.status as JsonObject;
    assert.equal(status.readyReplicas, 2);
    assert.equal(status.currentRevision, status.updateRevision);
    assert.ok(managedEntry(sts, 'kube-controller-manager', 'Update', 'status'));
  });

  it('reports the DaemonSet rolled out with its update strategy defaults', async () => {
    const out = await c.run('rollout', 'status', 'daemonset/agent', '--timeout=20s');
    assert.match(out, /daemon set "agent" successfully rolled out/);
    const ds = await c.getJson('get', 'daemonset', 'agent');
    assert.deepEqual((ds.spec as JsonObject).updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
  });

  it('completes the Job, with the selector and labels the job registry adds', async () => {
    const out = await c.run('wait', '--for=condition=complete', 'job/once', '--timeout=20s');
    assert.match(out, /job.batch\/once condition met/);
    const job = await c.getJson('get', 'job', 'once');
    const uid = String((job.metadata as JsonObject).uid);
    assert.deepEqual((job.spec as JsonObject).selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    const labels = (((job.spec as JsonObject).template as JsonObject).metadata as JsonObject).labels as JsonObject;
    assert.equal(labels['job-name'], 'once');
    assert.equal((job.status as JsonObject).succeeded, 1);
    assert.equal((job.spec as JsonObject).backoffLimit, 6);
  });

  it('keeps ControllerRevisions so rollout history and undo work on a StatefulSet', async () => {
    await c.run('set', 'image', 'statefulset/db', 'pg=postgres:17');
    await c.run('rollout', 'status', 'statefulset/db', '--timeout=20s');
    assert.match(await c.run('rollout', 'history', 'statefulset/db'), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    await c.run('rollout', 'undo', 'statefulset/db');
    const sts = await c.getJson('get', 'statefulset', 'db');
    const container = ((((sts.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0] as JsonObject;
    assert.equal(container.image, 'postgres:16');
    assert.match(await c.run('rollout', 'history', 'statefulset/db'), /\n2\s+<none>\n3\s+<none>/);
  });
});
