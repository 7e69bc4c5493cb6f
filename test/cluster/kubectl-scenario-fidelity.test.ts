// kubectl commands beyond the everyday ones, answered as a real API server answers them: values of the
// wrong JSON type (400 on create, 422 on patches, structured-merge-diff's 500 on server-side apply), a
// paused rollout, scale preconditions, replace, dry runs, set subject, rollout pause, cordon and taint.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { eventually, managedEntry, startTestCluster, type TestCluster } from './harness.js';

const DEMO = join(__dirname, '..', 'fixtures', 'cluster', 'demo-app');
const WORKLOADS = join(__dirname, '..', 'fixtures', 'cluster', 'workloads', 'statefulset-daemonset-job.yaml');

const WRONG_REPLICAS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: typo}
spec:
  replicas: "3"
  selector: {matchLabels: {app: typo}}
  template:
    metadata: {labels: {app: typo}}
    spec:
      containers: [{name: c, image: busybox}]
`;

function spec(obj: JsonObject): JsonObject {
  return obj.spec as JsonObject;
}

describe('kubectl scenarios: status codes, objects and managedFields as a real API server', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
    await c.run('apply', '-f', DEMO);
    await c.run('apply', '-f', WORKLOADS);
  });
  after(() => c.stop());

  it('a value of the wrong JSON type: 400 on create and client-side apply, in Go\'s decoder words; nothing stored', async () => {
    const file = c.write('typo.yaml', WRONG_REPLICAS);
    for (const args of [['apply', '-f', file], ['create', '-f', file]]) {
      const r = await c.kubectl(args);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Error from server \(BadRequest\): error when creating ".*typo.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32/);
    }
    const failed = c.handle.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/deployments')).map((r) => r.status);
    assert.deepEqual(failed.slice(-2), [400, 400]);
    assert.equal((await c.kubectl(['get', 'deployment', 'typo'])).code, 1, 'nothing was stored');
  });

  it('the wrong type through server-side apply: structured-merge-diff\'s message, as the real server (500, no reason)', async () => {
    const r = await c.kubectl(['apply', '--server-side', '-f', c.write('typo-ssa.yaml', WRONG_REPLICAS)]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Error from server: failed to create typed patch object \(apps\/v1, Kind=Deployment\): \.spec\.replicas: expected numeric \(int or float\), got string/);
  });

  it('the wrong type through merge, JSON and strategic patches: 422 on the field "patch"; an env value or a label must be a string', async () => {
    const before = await c.getJson('get', 'deployment', 'web');
    const cases: [string[], RegExp][] = [
      [['--type=merge', '-p', '{"spec":{"replicas":"x"}}'], /Go struct field DeploymentSpec\.spec\.replicas of type int32/],
      [['--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":true}]'], /cannot unmarshal bool into Go struct field DeploymentSpec\.spec\.replicas of type int32/],
      [['-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"PORT","value":8080}]}]}}}}'], /cannot unmarshal number into Go struct field EnvVar\.spec\.template\.spec\.containers\.env\.value of type string/],
      [['--type=merge', '-p', '{"metadata":{"labels":{"version":2}}}'], /cannot unmarshal number into Go struct field ObjectMeta\.metadata\.labels of type string/],
    ];
    for (const [args, message] of cases) {
      const r = await c.kubectl(['patch', 'deployment/web', ...args]);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, /^The request is invalid: patch: Invalid value: "/);
      assert.match(r.stderr, message);
    }
    assert.ok(c.handle.requests.filter((r) => r.method === 'PATCH').slice(-4).every((r) => r.status === 422));
    const afterPatches = await c.getJson('get', 'deployment', 'web');
    assert.equal((afterPatches.metadata as JsonObject).resourceVersion, (before.metadata as JsonObject).resourceVersion, 'nothing was written');
    await c.run('patch', 'deployment/web', '--type=merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.25","resources":{"requests":{"cpu":0.5}}}]}}}}');
    const quantity = await c.getJson('get', 'deployment', 'web');
    const container = ((spec(spec(quantity).template as JsonObject).containers as JsonObject[])[0]) as JsonObject;
    assert.deepEqual(container.resources, { requests: { cpu: '500m' } }, 'a quantity may be a number');
  });

  it('scale --current-replicas: a wrong precondition fails before any write; StatefulSets and ReplicaSets scale through scale', async () => {
    const wrong = await c.kubectl(['scale', 'statefulset/db', '--replicas=3', '--current-replicas=5']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Expected replicas to be 5, was 2/);
    await c.run('scale', 'statefulset/db', '--replicas=3', '--current-replicas=2');
    const sts = await c.getJson('get', 'statefulset', 'db');
    assert.equal(spec(sts).replicas, 3);
    assert.deepEqual(managedEntry(sts, 'kubectl', 'Update', 'scale')?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
    const rs = (JSON.parse(await c.run('get', 'rs', '-o', 'json')) as JsonObject).items as JsonObject[];
    const name = String((rs[0]?.metadata as JsonObject).name);
    await c.run('scale', `rs/${name}`, '--replicas=1');
    assert.ok(c.handle.requests.some((r) => r.method === 'PATCH' && r.path.endsWith(`/replicasets/${name}/scale`) && r.status === 200));
  });

  it('replace keeps managedFields it was not sent (the applier loses only the annotation); replace --force recreates as kubectl-replace', async () => {
    const before = await c.getJson('get', 'configmap', 'web-config');
    await c.run('replace', '-f', join(DEMO, 'configmap.yaml'));
    const replaced = await c.getJson('get', 'configmap', 'web-config');
    assert.equal((replaced.metadata as JsonObject).uid, (before.metadata as JsonObject).uid);
    assert.equal(((replaced.metadata as JsonObject).annotations as JsonObject | undefined)?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
    assert.deepEqual(managedEntry(replaced, 'kubectl-client-side-apply')?.fieldsV1, { 'f:data': { '.': {}, 'f:color': {}, 'f:greeting': {} } });
    assert.equal(managedEntry(replaced, 'kubectl-replace'), undefined, 'a replace that changed no field leaves no entry');
    const out = await c.run('replace', '--force', '-f', join(DEMO, 'configmap.yaml'));
    assert.match(out, /configmap "web-config" deleted\nconfigmap\/web-config replaced/);
    const forced = await c.getJson('get', 'configmap', 'web-config');
    assert.notEqual((forced.metadata as JsonObject).uid, (before.metadata as JsonObject).uid);
    assert.deepEqual((forced.metadata as JsonObject).managedFields, [
      { manager: 'kubectl-replace', operation: 'Update', apiVersion: 'v1', time: (((forced.metadata as JsonObject).managedFields as JsonObject[])[0] as JsonObject).time, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:color': {}, 'f:greeting': {} } } },
    ]);
  });

  it('create --dry-run=server answers the object and stores nothing', async () => {
    const out = await c.run('create', 'configmap', 'dry', '--from-literal=a=b', '--dry-run=server', '-o', 'json');
    assert.equal((JSON.parse(out) as JsonObject).kind, 'ConfigMap');
    assert.equal((await c.kubectl(['get', 'configmap', 'dry'])).code, 1);
    assert.ok(c.handle.requests.some((r) => r.method === 'POST' && r.query.dryRun === 'All' && r.status === 201));
  });

  it('set subject adds a ServiceAccount subject without an apiGroup (omitempty), set selector replaces the selector', async () => {
    await c.run('create', 'rolebinding', 'viewers', '--clusterrole=view', '--user=bob');
    await c.run('set', 'subject', 'rolebinding/viewers', '--serviceaccount=default:builder');
    const rb = await c.getJson('get', 'rolebinding', 'viewers');
    assert.deepEqual(rb.subjects, [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'bob' },
      { kind: 'ServiceAccount', name: 'builder', namespace: 'default' },
    ]);
    assert.ok(managedEntry(rb, 'kubectl-set'));
    await c.run('set', 'selector', 'service/web', 'app=web,tier=front');
    assert.deepEqual(spec(await c.getJson('get', 'service', 'web')).selector, { app: 'web', tier: 'front' });
  });

  it('rollout pause: spec.paused by kubectl-rollout; a template changed while paused updates no replica until resume', async () => {
    await c.run('rollout', 'pause', 'deployment/web');
    const paused = await c.getJson('get', 'deployment', 'web');
    assert.equal(spec(paused).paused, true);
    assert.deepEqual(managedEntry(paused, 'kubectl-rollout')?.fieldsV1, { 'f:spec': { 'f:paused': {} } });
    await c.run('set', 'image', 'deployment/web', 'nginx=nginx:1.29');
    const waiting = await eventually(async () => {
      const d = await c.getJson('get', 'deployment', 'web');
      const status = d.status as JsonObject;
      return status.observedGeneration === (d.metadata as JsonObject).generation ? status : undefined;
    }, 'the controller to observe the paused template change');
    assert.equal(waiting.updatedReplicas, undefined);
    const progressing = (waiting.conditions as JsonObject[]).find((x) => x.type === 'Progressing');
    assert.deepEqual([progressing?.status, progressing?.reason], ['Unknown', 'DeploymentPaused']);
    const status = await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=3s']);
    assert.notEqual(status.code, 0);
    assert.match(status.stdout, /Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated/);
    await c.run('rollout', 'resume', 'deployment/web');
    assert.match(await c.run('rollout', 'status', 'deployment/web', '--timeout=20s'), /successfully rolled out/);
  });

  it('auth can-i --list answers the caller\'s rules (SelfSubjectRulesReview); get --subresource=scale prints Desired and Available', async () => {
    const rules = await c.run('auth', 'can-i', '--list');
    assert.match(rules, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n\*\.\*\s+\[\]\s+\[\]\s+\[\*\]\n/);
    assert.match(rules, /selfsubjectrulesreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
    assert.ok(c.handle.requests.some((r) => r.method === 'POST' && r.path === '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'));
    assert.match(await c.run('get', 'statefulset', 'db', '--subresource=scale'), /^NAME\s+DESIRED\s+AVAILABLE\ndb\s+3\s+\d+\n$/);
    const scale = JSON.parse(await c.run('get', 'statefulset', 'db', '--subresource=scale', '-o', 'json')) as JsonObject;
    assert.deepEqual([scale.apiVersion, scale.kind, spec(scale).replicas], ['autoscaling/v1', 'Scale', 3]);
  });

  it('get --watch-only prints only changes made after it started; wait --for=delete returns when the object goes', async () => {
    await c.run('create', 'configmap', 'watched', '--from-literal=color=blue');
    const child = spawn('kubectl', ['get', 'configmap', 'watched', '--watch-only', '-o', 'jsonpath={.data.color}{"\\n"}'], {
      env: { PATH: process.env.PATH ?? '', HOME: c.dir, KUBECONFIG: c.handle.kubeconfigPath, KUBECACHEDIR: join(c.dir, 'kube-cache') },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const watches = () => c.handle.requests.filter((r) => r.verb === 'watch' && r.path.endsWith('/configmaps')).length;
      await eventually(() => (watches() > 0 ? true : undefined), 'the watch request');
      const waiting = c.kubectl(['wait', '--for=delete', 'configmap/watched', '--timeout=20s']);
      await eventually(() => (watches() > 1 ? true : undefined), 'kubectl wait to watch');
      await c.run('patch', 'configmap', 'watched', '--type=merge', '-p', '{"data":{"color":"green"}}');
      await eventually(() => (out.includes('green\n') ? true : undefined), 'the change through the watch');
      assert.equal(out, 'green\n', 'the state before the watch is not printed');
      await c.run('delete', 'configmap', 'watched');
      const waited = await waiting;
      assert.equal(waited.code, 0, waited.stderr);
      assert.match(waited.stdout, /configmap\/watched condition met/);
    } finally {
      child.kill();
    }
  });

  it('create token posts a TokenRequest: a JWT bound to the service account, with the asked audience and duration; an unknown account is 404', async () => {
    const token = (await c.run('create', 'token', 'default', '--duration=10m', '--audience=api')).trim();
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { aud: string[]; exp: number; iat: number; sub: string };
    assert.deepEqual([claims.aud, claims.exp - claims.iat, claims.sub], [['api'], 600, 'system:serviceaccount:default:default']);
    assert.ok(c.handle.requests.some((r) => r.method === 'POST' && r.path === '/api/v1/namespaces/default/serviceaccounts/default/token' && r.status === 201));
    const missing = await c.kubectl(['create', 'token', 'nobody']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /failed to create token: serviceaccounts "nobody" not found/);
  });

  it('api-resources and explain of built-ins, as a user looks up a field before a patch', async () => {
    const clusterScoped = (await c.run('api-resources', '--namespaced=false', '-o', 'name')).split('\n');
    for (const r of ['namespaces', 'nodes', 'clusterroles.rbac.authorization.k8s.io', 'customresourcedefinitions.apiextensions.k8s.io']) assert.ok(clusterScoped.includes(r), r);
    assert.ok(!clusterScoped.includes('deployments.apps'));
    assert.match(await c.run('api-resources', '--api-group=autoscaling'), /horizontalpodautoscalers\s+hpa\s+autoscaling\/v2\s+true\s+HorizontalPodAutoscaler/);
    const explained = await c.run('explain', 'deployment.spec.paused');
    assert.match(explained, /GROUP:\s+apps\nKIND:\s+Deployment\nVERSION:\s+v1\n\nFIELD: paused <boolean>/);
  });

  it('cordon and taint the one node; a node that does not exist is 404 NotFound', async () => {
    await c.run('cordon', 'test-node');
    await c.run('taint', 'node', 'test-node', 'dedicated=db:NoSchedule');
    const node = await c.getJson('get', 'node', 'test-node');
    assert.equal(spec(node).unschedulable, true);
    assert.deepEqual(spec(node).taints, [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    assert.deepEqual(managedEntry(node, 'kubectl')?.fieldsV1, { 'f:spec': { 'f:unschedulable': {} } }, 'cordon sends no fieldManager: the User-Agent names it');
    assert.ok(managedEntry(node, 'kubectl-taint'));
    const missing = await c.kubectl(['cordon', 'no-such-node']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /Error from server \(NotFound\): nodes "no-such-node" not found/);
    await c.run('uncordon', 'test-node');
    await c.run('taint', 'node', 'test-node', 'dedicated-');
    assert.equal(spec(await c.getJson('get', 'node', 'test-node')).taints, undefined);
  });
});
