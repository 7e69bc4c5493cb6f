// The kubectl scenario matrix of docs/drift.md, end to end: each scenario deploys the same small app (a
// Deployment, a Service, a ConfigMap) to its own namespace of one test cluster — with kubectl apply, or
// server-side as Flux's kustomize-controller — runs the real kubectl commands, then the drift CLI, and
// asserts the exact classification: status, field, change, value and who.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { eventually, startTestCluster, type TestCluster } from '../cluster/harness.js';
import { runDriftCli, writeRepo } from './drift-e2e-support.js';

interface FieldJson { path: string; change: string; gitValue?: unknown; gitDefault?: unknown; liveValue?: unknown; attribution?: { manager: string; operation: string; subresource?: string }; suggestedAction: string }
interface ResourceJson { id: string; status: string; reason?: string; fields: FieldJson[]; liveOnlyMetadata?: FieldJson[] }
interface DriftRun { code: number; byId: Map<string, ResourceJson>; unmanaged: { id: string; createdBy?: { manager: string } }[] }

const app = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}, labels: {app: web}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          ports: [{containerPort: 80}]
          env: [{name: MODE, value: demo}, {name: COLOR, value: blue}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 80}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: web-config, namespace: ${ns}}
data: {greeting: hello, color: blue}
`;

const workloads = (ns: string) => `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: ${ns}}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers: [{name: init, image: "busybox:1.36"}]
          containers: [{name: report, image: "busybox:1.36"}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      initContainers: [{name: init, image: "busybox:1.36"}]
      containers: [{name: a, image: "busybox:1.36"}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ${ns}}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: "postgres:16"}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: viewers, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects: [{kind: User, name: bob, apiGroup: rbac.authorization.k8s.io}]
`;

let cluster: TestCluster;
const repos: { cleanup(): void }[] = [];
let nextNamespace = 0;

before(async () => {
  cluster = await startTestCluster();
});

after(async () => {
  await cluster?.stop();
  for (const r of repos) r.cleanup();
});

interface Scenario {
  ns: string;
  dir: string;
  file: string;
  /** kubectl in the scenario's namespace; must succeed. */
  k(...args: string[]): Promise<string>;
  drift(...extra: string[]): Promise<DriftRun>;
}

/** A namespace with the app deployed from its own repository: client-side `kubectl apply`, or Flux's server-side apply. */
async function deploy(how: 'kubectl-apply' | 'flux', manifests = app): Promise<Scenario> {
  const ns = `s${++nextNamespace}`;
  const repo = writeRepo({ [`apps/${ns}.yaml`]: manifests(ns) });
  repos.push(repo);
  const file = join(repo.dir, 'apps', `${ns}.yaml`);
  await cluster.run('create', 'namespace', ns);
  await cluster.run(...(how === 'flux' ? ['apply', '--server-side', '--field-manager=kustomize-controller'] : ['apply']), '-f', file);
  const k = (...args: string[]) => cluster.run(...args, '-n', ns);
  const drift = async (...extra: string[]): Promise<DriftRun> => {
    const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json', ...extra]);
    const json = JSON.parse(r.stdout) as { resources: ResourceJson[]; unmanaged?: DriftRun['unmanaged'] };
    return { code: r.code, byId: new Map(json.resources.map((x) => [x.id, x])), unmanaged: json.unmanaged ?? [] };
  };
  return { ns, dir: repo.dir, file, k, drift };
}

/** The non-Synced results: id → status and [path, change, git, live, manager, subresource] per field. */
function notSynced(run: DriftRun): Record<string, [string, unknown[][]]> {
  const out: Record<string, [string, unknown[][]]> = {};
  for (const x of run.byId.values()) {
    if (x.status === 'Synced') continue;
    out[x.id] = [x.status, x.fields.map((f) => [f.path, f.change, f.gitValue, f.liveValue, f.attribution?.manager, f.attribution?.subresource])];
  }
  return out;
}

const NGINX = '.spec.template.spec.containers[name="nginx"]';

test('apply --server-side as another field manager with the same values: no conflict, shared ownership, Synced', async () => {
  const s = await deploy('flux');
  assert.match(await s.k('apply', '--server-side', '--field-manager=alice', '-f', s.file), /serverside-applied/);
  const r = await s.drift();
  assert.deepEqual(notSynced(r), {});
  assert.equal(r.code, 0);
});

test('apply --server-side of a changed image as another manager: 409 conflict without --force-conflicts; forced, Drifted and owned by that Apply', async () => {
  const s = await deploy('flux');
  const config = cluster.write(`alice-${s.ns}.yaml`, app(s.ns).replace('image: nginx:1.25', 'image: nginx:1.26'));
  const refused = await cluster.kubectl(['apply', '--server-side', '--field-manager=alice', '-f', config]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Apply failed with 1 conflict: conflict with "kustomize-controller": \.spec\.template\.spec\.containers\[name="nginx"\]\.image/);
  assert.deepEqual(notSynced(await s.drift()), {}, 'a refused apply changed nothing');
  await cluster.run('apply', '--server-side', '--field-manager=alice', '--force-conflicts', '-f', config);
  const r = await s.drift();
  const field = r.byId.get(`Deployment.apps ${s.ns}/web`)?.fields[0];
  assert.deepEqual(notSynced(r), { [`Deployment.apps ${s.ns}/web`]: ['Drifted', [[`${NGINX}.image`, 'changed', 'nginx:1.25', 'nginx:1.26', 'alice', undefined]]] });
  assert.equal(field?.attribution?.operation, 'Apply');
  assert.equal(r.code, 1);
});

test('a person\'s client-side kubectl apply of an edited manifest over what Flux applied: the changed and the extra key are the person\'s, suggest commit (not "Git no longer sets")', async () => {
  const s = await deploy('flux');
  const edited = cluster.write(`person-${s.ns}.yaml`, app(s.ns).replace('data: {greeting: hello, color: blue}', 'data: {greeting: hello, color: red, debug: "true"}'));
  await cluster.run('apply', '-f', edited);
  const r = await s.drift();
  assert.deepEqual(notSynced(r), {
    [`ConfigMap ${s.ns}/web-config`]: ['Drifted', [['.data.color', 'changed', 'blue', 'red', 'kubectl-client-side-apply', undefined], ['.data.debug', 'added-live', undefined, 'true', 'kubectl-client-side-apply', undefined]]],
  });
  assert.deepEqual(r.byId.get(`ConfigMap ${s.ns}/web-config`)?.fields.map((f) => f.suggestedAction), ['commit', 'commit']);
});

test('patch --type=json removing an env item by index and adding args: the removal is missing-live, the addition added-live by kubectl-patch', async () => {
  const s = await deploy('kubectl-apply');
  await s.k('patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"test","path":"/spec/template/spec/containers/0/env/1/name","value":"COLOR"},{"op":"remove","path":"/spec/template/spec/containers/0/env/1"},{"op":"add","path":"/spec/template/spec/containers/0/args","value":["-g","daemon off;"]}]');
  assert.deepEqual(notSynced(await s.drift()), {
    [`Deployment.apps ${s.ns}/web`]: ['Drifted', [
      [`${NGINX}.env[name="COLOR"]`, 'missing-live', { name: 'COLOR', value: 'blue' }, undefined, undefined, undefined],
      [`${NGINX}.args`, 'added-live', undefined, ['-g', 'daemon off;'], 'kubectl-patch', undefined],
    ]],
  });
  const failed = await cluster.kubectl(['patch', 'deployment', 'web', '-n', s.ns, '--type=json', '-p', '[{"op":"test","path":"/spec/replicas","value":7},{"op":"replace","path":"/spec/replicas","value":9}]']);
  assert.equal(failed.code, 1, 'a failed test op writes nothing');
  assert.match(failed.stderr, /The request is invalid: testing value \/spec\/replicas failed: test failed/);
});

test('patch --type=merge with null deletes a declared key (missing-live) and adds one (added-live)', async () => {
  const s = await deploy('kubectl-apply');
  await s.k('patch', 'configmap', 'web-config', '--type=merge', '-p', '{"data":{"color":null,"extra":"1"}}');
  assert.deepEqual(notSynced(await s.drift()), {
    [`ConfigMap ${s.ns}/web-config`]: ['Drifted', [['.data.color', 'missing-live', 'blue', undefined, undefined, undefined], ['.data.extra', 'added-live', undefined, '1', 'kubectl-patch', undefined]]],
  });
});

test('strategic merge patch with $patch: delete on a keyed env item, on an object Flux applied: missing-live', async () => {
  const s = await deploy('flux');
  await s.k('patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"COLOR","$patch":"delete"}]}]}}}}');
  assert.deepEqual(notSynced(await s.drift()), {
    [`Deployment.apps ${s.ns}/web`]: ['Drifted', [[`${NGINX}.env[name="COLOR"]`, 'missing-live', { name: 'COLOR', value: 'blue' }, undefined, undefined, undefined]]],
  });
});

test('strategic merge with $retainKeys (strategy Recreate) and $setElementOrder (env reordered, one value changed): changed-default and changed; the order is not drift', async () => {
  const s = await deploy('flux');
  await s.k('patch', 'deployment', 'web', '-p', '{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}');
  await s.k('patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","$setElementOrder/env":[{"name":"COLOR"},{"name":"MODE"}],"env":[{"name":"COLOR","value":"red"}]}]}}}}');
  const live = JSON.parse(await s.k('get', 'deployment', 'web', '-o', 'json')) as { spec: { strategy: unknown; template: { spec: { containers: { env: unknown }[] } } } };
  assert.deepEqual(live.spec.strategy, { type: 'Recreate' }, '$retainKeys dropped rollingUpdate');
  assert.deepEqual(live.spec.template.spec.containers[0]?.env, [{ name: 'COLOR', value: 'red' }, { name: 'MODE', value: 'demo' }]);
  const r = await s.drift();
  assert.deepEqual(notSynced(r), {
    [`Deployment.apps ${s.ns}/web`]: ['Drifted', [
      [`${NGINX}.env[name="COLOR"].value`, 'changed', 'blue', 'red', 'kubectl-patch', undefined],
      ['.spec.strategy.type', 'changed-default', undefined, 'Recreate', 'kubectl-patch', undefined],
    ]],
  });
  assert.equal(r.byId.get(`Deployment.apps ${s.ns}/web`)?.fields[1]?.gitDefault, 'RollingUpdate');
});

test('a Service patched to NodePort: the type is a changed default; the node port and externalTrafficPolicy the server assigned are not drift', async () => {
  const s = await deploy('flux');
  await s.k('patch', 'service', 'web', '-p', '{"spec":{"type":"NodePort"}}');
  const live = JSON.parse(await s.k('get', 'service', 'web', '-o', 'json')) as { spec: { externalTrafficPolicy?: string; ports: { nodePort?: number }[] } };
  assert.equal(live.spec.externalTrafficPolicy, 'Cluster');
  assert.ok(Number(live.spec.ports[0]?.nodePort) >= 30000);
  const r = await s.drift();
  assert.deepEqual(notSynced(r), { [`Service ${s.ns}/web`]: ['Drifted', [['.spec.type', 'changed-default', undefined, 'NodePort', 'kubectl-patch', undefined]]] });
  assert.equal(r.byId.get(`Service ${s.ns}/web`)?.fields[0]?.gitDefault, 'ClusterIP');
});

test('scale --current-replicas: a wrong precondition changes nothing (Synced); the right one is Drifted, by kubectl through scale', async () => {
  const s = await deploy('flux');
  const wrong = await cluster.kubectl(['scale', 'deployment/web', '--replicas=5', '--current-replicas=3', '-n', s.ns]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /Expected replicas to be 3, was 2/);
  assert.deepEqual(notSynced(await s.drift()), {});
  await s.k('scale', 'deployment/web', '--replicas=5', '--current-replicas=2');
  assert.deepEqual(notSynced(await s.drift()), { [`Deployment.apps ${s.ns}/web`]: ['Drifted', [['.spec.replicas', 'changed', 2, 5, 'kubectl', 'scale']]] });
});

test('set image of init containers in a CronJob and a DaemonSet, scale of a StatefulSet, set subject: each Drifted, by its kubectl manager', async () => {
  const s = await deploy('flux', workloads);
  assert.deepEqual(notSynced(await s.drift()), {}, 'the workloads as applied are Synced');
  await s.k('set', 'image', 'cronjob/nightly', 'init=busybox:1.37');
  await s.k('set', 'image', 'daemonset/agent', 'init=busybox:1.37', 'a=busybox:1.37');
  await s.k('scale', 'statefulset/db', '--replicas=3', '--current-replicas=2');
  await s.k('set', 'subject', 'rolebinding/viewers', `--serviceaccount=${s.ns}:builder`);
  const bob = { kind: 'User', name: 'bob', apiGroup: 'rbac.authorization.k8s.io' };
  assert.deepEqual(notSynced(await s.drift()), {
    [`CronJob.batch ${s.ns}/nightly`]: ['Drifted', [['.spec.jobTemplate.spec.template.spec.initContainers[name="init"].image', 'changed', 'busybox:1.36', 'busybox:1.37', 'kubectl-set', undefined]]],
    [`DaemonSet.apps ${s.ns}/agent`]: ['Drifted', [
      ['.spec.template.spec.initContainers[name="init"].image', 'changed', 'busybox:1.36', 'busybox:1.37', 'kubectl-set', undefined],
      ['.spec.template.spec.containers[name="a"].image', 'changed', 'busybox:1.36', 'busybox:1.37', 'kubectl-set', undefined],
    ]],
    [`RoleBinding.rbac.authorization.k8s.io ${s.ns}/viewers`]: ['Drifted', [['.subjects', 'changed', [bob], [{ apiGroup: bob.apiGroup, kind: 'User', name: 'bob' }, { kind: 'ServiceAccount', name: 'builder', namespace: s.ns }], 'kubectl-set', undefined]]],
    [`StatefulSet.apps ${s.ns}/db`]: ['Drifted', [['.spec.replicas', 'changed', 2, 3, 'kubectl', 'scale']]],
  });
});

test('set env --from=configmap over a declared value: value missing-live, valueFrom and the new variable added-live by kubectl-set', async () => {
  const s = await deploy('kubectl-apply');
  await s.k('set', 'env', 'deployment/web', '--from=configmap/web-config');
  const ref = (key: string) => ({ configMapKeyRef: { key, name: 'web-config' } });
  assert.deepEqual(notSynced(await s.drift()), {
    [`Deployment.apps ${s.ns}/web`]: ['Drifted', [
      [`${NGINX}.env[name="COLOR"].value`, 'missing-live', 'blue', undefined, undefined, undefined],
      [`${NGINX}.env[name="COLOR"].valueFrom`, 'added-live', undefined, ref('color'), 'kubectl-set', undefined],
      [`${NGINX}.env[name="GREETING"]`, 'added-live', undefined, { name: 'GREETING', valueFrom: ref('greeting') }, 'kubectl-set', undefined],
    ]],
  });
});

test('set env FOO- removes a declared variable; set serviceaccount is one finding (the server\'s deprecated serviceAccount copy is not drift)', async () => {
  const s = await deploy('flux');
  await s.k('set', 'env', 'deployment/web', 'COLOR-');
  await s.k('set', 'serviceaccount', 'deployment/web', 'builder');
  const live = JSON.parse(await s.k('get', 'deployment', 'web', '-o', 'json')) as { spec: { template: { spec: Record<string, unknown> } } };
  assert.deepEqual([live.spec.template.spec.serviceAccountName, live.spec.template.spec.serviceAccount], ['builder', 'builder']);
  assert.deepEqual(notSynced(await s.drift()), {
    [`Deployment.apps ${s.ns}/web`]: ['Drifted', [
      [`${NGINX}.env[name="COLOR"]`, 'missing-live', { name: 'COLOR', value: 'blue' }, undefined, undefined, undefined],
      ['.spec.template.spec.serviceAccountName', 'added-live', undefined, 'builder', 'kubectl-set', undefined],
    ]],
  });
});

test('label --overwrite of a declared label is Drifted; a new label and annotation are live-only metadata, not counted', async () => {
  const s = await deploy('kubectl-apply');
  await s.k('label', 'deployment', 'web', 'app=other', '--overwrite');
  await s.k('label', 'service', 'web', 'tier=edge');
  await s.k('annotate', 'configmap', 'web-config', 'note=checked');
  await s.k('annotate', 'configmap', 'web-config', 'note=rechecked', '--overwrite');
  const r = await s.drift();
  assert.deepEqual(notSynced(r), { [`Deployment.apps ${s.ns}/web`]: ['Drifted', [['.metadata.labels.app', 'changed', 'web', 'other', 'kubectl-label', undefined]]] });
  assert.deepEqual(r.byId.get(`Service ${s.ns}/web`)?.liveOnlyMetadata?.map((f) => [f.path, f.attribution?.manager]), [['.metadata.labels.tier', 'kubectl-label']]);
  assert.deepEqual(r.byId.get(`ConfigMap ${s.ns}/web-config`)?.liveOnlyMetadata?.map((f) => [f.path, f.liveValue, f.attribution?.manager]), [['.metadata.annotations.note', 'rechecked', 'kubectl-annotate']]);
});

test('label app- removes the only declared label: missing-live', async () => {
  const s = await deploy('flux');
  await s.k('label', 'deployment', 'web', 'app-');
  assert.deepEqual(notSynced(await s.drift()), { [`Deployment.apps ${s.ns}/web`]: ['Drifted', [['.metadata.labels', 'missing-live', { app: 'web' }, undefined, undefined, undefined]]] });
});

test('rollout pause: spec.paused added live by kubectl-rollout; resume leaves paused: false owned by kubectl-rollout, not drift', async () => {
  const s = await deploy('flux');
  await s.k('rollout', 'pause', 'deployment/web');
  assert.deepEqual(notSynced(await s.drift()), { [`Deployment.apps ${s.ns}/web`]: ['Drifted', [['.spec.paused', 'added-live', undefined, true, 'kubectl-rollout', undefined]]] });
  await s.k('rollout', 'resume', 'deployment/web');
  assert.deepEqual(notSynced(await s.drift()), {});
});

test('rollout undo back to what Git declares is Synced; undo to an earlier hotfix is Drifted, by kubectl', async () => {
  const s = await deploy('flux');
  await s.k('set', 'image', 'deployment/web', 'nginx=nginx:1.26');
  await s.k('rollout', 'undo', 'deployment/web');
  assert.deepEqual(notSynced(await s.drift()), {});
  await s.k('set', 'image', 'deployment/web', 'nginx=nginx:1.26');
  await s.k('set', 'image', 'deployment/web', 'nginx=nginx:1.27');
  await s.k('rollout', 'undo', 'deployment/web');
  assert.deepEqual(notSynced(await s.drift()), { [`Deployment.apps ${s.ns}/web`]: ['Drifted', [[`${NGINX}.image`, 'changed', 'nginx:1.25', 'nginx:1.26', 'kubectl', undefined]]] });
});

test('autoscale with a minimum above Git\'s replicas: the HPA scales the target, Drifted by kube-controller-manager through scale, suggest ignore', async () => {
  const s = await deploy('kubectl-apply');
  await s.k('autoscale', 'deployment', 'web', '--min=3', '--max=5');
  const replicas = await eventually(async () => ((await s.k('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')) === '3' ? true : undefined), 'the HPA to scale web to its minimum');
  assert.equal(replicas, true);
  const r = await s.drift();
  assert.deepEqual(notSynced(r), { [`Deployment.apps ${s.ns}/web`]: ['Drifted', [['.spec.replicas', 'changed', 2, 3, 'kube-controller-manager', 'scale']]] });
  assert.equal(r.byId.get(`Deployment.apps ${s.ns}/web`)?.fields[0]?.suggestedAction, 'ignore');
  assert.match(await s.k('describe', 'hpa', 'web'), /SuccessfulRescale\s+\S+\s+horizontal-pod-autoscaler\s+New size: 3; reason: Current number of replicas below Spec.MinReplicas/);
});

test('expose: a Service nothing in Git declares is no Orphan (no GitOps mark); --unmanaged lists it, created by kubectl-expose', async () => {
  const s = await deploy('flux');
  await s.k('expose', 'deployment', 'web', '--name=web-direct', '--port=8080', '--target-port=80');
  const r = await s.drift('--unmanaged');
  assert.deepEqual(notSynced(r), {});
  assert.equal(r.code, 0);
  assert.deepEqual(r.unmanaged.map((u) => [u.id, u.createdBy?.manager]), [[`Service ${s.ns}/web-direct`, 'kubectl-expose']]);
});

test('create --dry-run=server persists nothing; delete is Missing; apply again is Synced', async () => {
  const s = await deploy('kubectl-apply');
  await s.k('create', 'configmap', 'scratch', '--from-literal=a=b', '--dry-run=server');
  assert.equal((await s.drift('--unmanaged')).unmanaged.length, 0);
  await s.k('delete', 'configmap', 'web-config');
  const missing = await s.drift();
  assert.deepEqual(notSynced(missing), { [`ConfigMap ${s.ns}/web-config`]: ['Missing', []] });
  assert.equal(missing.code, 1);
  await cluster.run('apply', '-f', s.file);
  assert.deepEqual(notSynced(await s.drift()), {});
});

test('apply --prune --all of the other files prunes the ConfigMap Git still declares: Missing', async () => {
  const s = await deploy('kubectl-apply');
  const rest = cluster.write(`prune-${s.ns}.yaml`, app(s.ns).split('\n---\n').slice(0, 2).join('\n---\n'));
  const out = await s.k('apply', '--prune', '--all', '--prune-allowlist=core/v1/ConfigMap', '-f', rest);
  assert.match(out, /configmap\/web-config pruned/);
  assert.match(await s.k('get', 'configmap', 'kube-root-ca.crt', '-o', 'name'), /kube-root-ca.crt/, 'objects without the last-applied annotation are kept');
  assert.deepEqual(notSynced(await s.drift()), { [`ConfigMap ${s.ns}/web-config`]: ['Missing', []] });
});

test('delete --cascade=orphan is Missing; apply again adopts the orphaned ReplicaSet, rolls out and is Synced', async () => {
  const s = await deploy('flux');
  await s.k('delete', 'deployment', 'web', '--cascade=orphan');
  assert.deepEqual(notSynced(await s.drift()), { [`Deployment.apps ${s.ns}/web`]: ['Missing', []] });
  await cluster.run('apply', '--server-side', '--field-manager=kustomize-controller', '-f', s.file);
  assert.match(await s.k('rollout', 'status', 'deployment/web', '--timeout=20s'), /successfully rolled out/);
  const rs = JSON.parse(await s.k('get', 'rs', '-o', 'json')) as { items: { metadata: { ownerReferences?: { kind: string }[] } }[] };
  assert.deepEqual(rs.items.map((x) => x.metadata.ownerReferences?.map((o) => o.kind)), [['Deployment']], 'adopted, not duplicated');
  assert.deepEqual(notSynced(await s.drift()), {});
});

test('replace --force (delete and create as kubectl-replace) of Git\'s manifests is Synced', async () => {
  const s = await deploy('kubectl-apply');
  await cluster.run('replace', '--force', '-f', s.file);
  assert.deepEqual(notSynced(await s.drift()), {});
});

test('diff exits 1 on a drifted object and writes nothing: the drift result is the same before and after', async () => {
  const s = await deploy('flux');
  await s.k('scale', 'deployment/web', '--replicas=4');
  const before = notSynced(await s.drift());
  const rv = await s.k('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.resourceVersion}');
  const diff = await cluster.kubectl(['diff', '--server-side', '--field-manager=kustomize-controller', '--force-conflicts', '-f', s.file]);
  assert.equal(diff.code, 1, diff.stderr);
  assert.match(diff.stdout, /- {2}replicas: 4\n\+ {2}replicas: 2/);
  assert.equal(await s.k('get', 'deployment', 'web', '-o', 'jsonpath={.metadata.resourceVersion}'), rv);
  assert.deepEqual(notSynced(await s.drift()), before);
});
