// kubectl's typed commands (create …) send protobuf: every field kubectl sets must arrive, as the
// client's own --dry-run=client -o json rendering of the same object shows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject, JsonValue } from './api-server/types.js';
import { isObject } from './api-server/types.js';
import { eventually, managedEntry, startTestCluster, type TestCluster } from './harness.js';

const COMMANDS: string[][] = [
  ['create', 'namespace', 'team-a'],
  ['create', 'deployment', 'd1', '--image=nginx:1.25', '--replicas=3', '--port=8080'],
  ['create', 'configmap', 'c1', '--from-literal=a=b', '--from-literal=c=d'],
  ['create', 'secret', 'generic', 's1', '--from-literal=password=hunter2'],
  ['create', 'service', 'clusterip', 'svc1', '--tcp=80:8080'],
  ['create', 'serviceaccount', 'sa1'],
  ['create', 'job', 'j1', '--image=busybox', '--', 'echo', 'hi'],
  ['create', 'cronjob', 'cj1', '--image=busybox', '--schedule=*/5 * * * *'],
  ['create', 'role', 'r1', '--verb=get', '--verb=list', '--resource=pods'],
  ['create', 'rolebinding', 'rb1', '--role=r1', '--user=alice', '--serviceaccount=default:sa1'],
  ['create', 'clusterrole', 'cr1', '--verb=list', '--resource=deployments.apps'],
  ['create', 'clusterrolebinding', 'crb1', '--clusterrole=cr1', '--group=devs'],
  ['create', 'ingress', 'ing1', '--rule=foo.com/bar*=svc1:80', '--class=nginx'],
  ['create', 'poddisruptionbudget', 'pdb1', '--selector=app=x', '--min-available=50%'],
  ['create', 'quota', 'q1', '--hard=pods=10,requests.cpu=2'],
  ['create', 'priorityclass', 'pc1', '--value=1000', '--description=important'],
  ['run', 'p1', '--image=nginx', '--labels=app=p1', '--port=80', '--env=MODE=demo'],
];

/** Every value of expected is in actual (actual may have more: server defaults). */
function missingFrom(expected: JsonValue, actual: JsonValue | undefined, path = ''): string[] {
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${path}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([k, v]) => {
      if (k === 'creationTimestamp' || (actual[k] === undefined && (v === null || (isObject(v) && Object.keys(v).length === 0)))) return [];
      return missingFrom(v, actual[k], `${path}.${k}`);
    });
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`];
    return expected.flatMap((v, i) => missingFrom(v, actual[i], `${path}[${i}]`));
  }
  return expected === actual ? [] : [`${path}: ${JSON.stringify(expected)} vs ${JSON.stringify(actual)}`];
}

describe('kubectl create and run (protobuf requests)', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
  });
  after(() => c.stop());

  for (const args of COMMANDS) {
    it(`kubectl ${args.join(' ')}`, async () => {
      const dashDash = args.indexOf('--');
      const withFlags = (extra: string[]) => (dashDash < 0 ? [...args, ...extra] : [...args.slice(0, dashDash), ...extra, ...args.slice(dashDash)]);
      const expected = JSON.parse(await c.run(...withFlags(['--dry-run=client', '-o', 'json']))) as JsonObject;
      c.handle.requests.length = 0;
      await c.run(...args);
      const post = c.handle.requests.find((r) => r.method === 'POST');
      // kubectl create uses typed clients (protobuf); kubectl run sends JSON.
      assert.equal(post?.contentType, args[0] === 'create' ? 'application/vnd.kubernetes.protobuf' : 'application/json');
      assert.equal(post?.query.fieldManager, args[0] === 'run' ? 'kubectl-run' : 'kubectl-create');
      const meta = expected.metadata as JsonObject;
      const got = await c.getJson('get', String(expected.kind), String(meta.name));
      assert.deepEqual(missingFrom(expected, got), []);
      if (String(expected.kind) !== 'ServiceAccount') assert.ok(managedEntry(got, post?.query.fieldManager ?? ''), 'the create is recorded in managedFields');
    });
  }

  it('kubectl autoscale posts autoscaling/v1, served by conversion from the stored autoscaling/v2 object', async () => {
    await c.run('autoscale', 'deployment', 'd1', '--min=2', '--max=5', '--cpu-percent=70');
    const v1 = JSON.parse(await c.run('get', '--raw', '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers/d1')) as JsonObject;
    assert.equal(v1.apiVersion, 'autoscaling/v1');
    assert.deepEqual(v1.spec, { maxReplicas: 5, minReplicas: 2, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd1' }, targetCPUUtilizationPercentage: 70 });
    const v2 = await c.getJson('get', 'hpa', 'd1');
    assert.equal(v2.apiVersion, 'autoscaling/v2');
    assert.deepEqual((v2.spec as JsonObject).metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]);
    // No metrics-server: the HPA controller reports the current replicas and scales nothing (3 is within 2..5).
    const table = await eventually(async () => {
      const t = await c.run('get', 'hpa', 'd1');
      return /\s3\s+\S+\n$/.test(t) ? t : undefined;
    }, 'the HPA controller to write currentReplicas');
    assert.match(table, /d1\s+Deployment\/d1\s+cpu: <unknown>\/70%\s+2\s+5\s+3/);
  });
});
