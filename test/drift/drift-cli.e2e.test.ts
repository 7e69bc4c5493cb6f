// End to end: the real kubectl changes objects in the test API server; `gitops-authoring drift` reports it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { APP, runDriftCli, writeRepo } from './drift-e2e-support.js';

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };

interface JsonResult {
  clusterStatus: string;
  resources: { id: string; status: string; reason?: string; fields: { path: string; gitValue?: unknown; liveValue?: unknown; attribution?: { manager: string; operation: string; subresource?: string; time?: string }; suggestedAction: string; source?: { path: string } }[] }[];
}

async function drift(): Promise<{ code: number; json: JsonResult; stderr: string }> {
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json', '--timeout', '10']);
  return { code: r.code, json: JSON.parse(r.stdout) as JsonResult, stderr: r.stderr };
}

before(async () => {
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  repo = writeRepo({ 'apps/api.yaml': APP });
  await cluster.run('apply', '-f', `${repo.dir}/apps/api.yaml`);
});

after(async () => {
  await cluster?.stop();
  repo?.cleanup();
});

test('right after kubectl apply, every server-defaulted object is Synced (exit 0)', async () => {
  const { code, json, stderr } = await drift();
  assert.equal(json.clusterStatus, 'Connected', stderr);
  assert.deepEqual(json.resources.map((r) => [r.id, r.status, r.fields.map((f) => f.path)]), [
    ['ConfigMap shop/api-config', 'Synced', []],
    ['Deployment.apps shop/api-server', 'Synced', []],
    ['Secret shop/api-db', 'Synced', []],
    ['Service shop/api-server', 'Synced', []],
  ]);
  assert.equal(code, 0);
});

test('kubectl scale is attributed to manager kubectl, operation Update, subresource scale (exit 1)', async () => {
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=10', '-n', 'shop');
  const { code, json } = await drift();
  assert.equal(code, 1);
  const deployment = json.resources.find((r) => r.id === 'Deployment.apps shop/api-server');
  assert.equal(deployment?.status, 'Drifted');
  const replicas = deployment?.fields.find((f) => f.path === '.spec.replicas');
  assert.deepEqual([replicas?.gitValue, replicas?.liveValue], [2, 10]);
  assert.equal(replicas?.attribution?.manager, 'kubectl');
  assert.equal(replicas?.attribution?.operation, 'Update');
  assert.equal(replicas?.attribution?.subresource, 'scale');
  assert.match(replicas?.attribution?.time ?? '', /^\d{4}-\d\d-\d\dT/);
  assert.equal(replicas?.suggestedAction, 'commit');
  assert.equal(replicas?.source?.path, 'apps/api.yaml');
});

test('kubectl set image is attributed to kubectl-set; the text output names who and where', async () => {
  await cluster.run('set', 'image', 'deployment/api-server', 'api=ghcr.io/acme/api:1.4.3-hotfix', '-n', 'shop');
  const { json } = await drift();
  const image = json.resources.find((r) => r.id === 'Deployment.apps shop/api-server')?.fields.find((f) => f.path.endsWith('.image'));
  assert.equal(image?.path, '.spec.template.spec.containers[name="api"].image');
  assert.equal(image?.liveValue, 'ghcr.io/acme/api:1.4.3-hotfix');
  assert.equal(image?.attribution?.manager, 'kubectl-set');
  const text = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath]);
  assert.equal(text.code, 1);
  assert.match(text.stdout, /Drifted +Deployment\.apps shop\/api-server/);
  assert.match(text.stdout, /\.spec\.replicas: git 2 → live 10 +\[apps\/api\.yaml:\d+\]/);
  assert.match(text.stdout, /by kubectl \(subresource scale\) Update at /);
});

test('a secret changed live is drift with masked values only', async () => {
  await cluster.run('patch', 'secret', 'api-db', '-n', 'shop', '--type=merge', '-p', '{"data":{"password":"b3RoZXI="}}');
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  const secret = (JSON.parse(r.stdout) as JsonResult).resources.find((x) => x.id === 'Secret shop/api-db');
  assert.equal(secret?.status, 'Drifted');
  assert.ok(!r.stdout.includes('b3RoZXI=') && !r.stdout.includes('hunter2') && !r.stdout.includes('aHVudGVyMg=='));
  assert.equal(secret?.fields[0]?.attribution?.manager, 'kubectl-patch');
});

test('deleted live is Missing; a labelled live object absent from Git is an Orphan', async () => {
  await cluster.run('delete', 'configmap', 'api-config', '-n', 'shop');
  await cluster.run('apply', '-f', cluster.write('old-flags.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old-flags\n  namespace: shop\ndata:\n  beta: "true"\n'));
  await cluster.run('label', 'configmap', 'old-flags', '-n', 'shop', 'kustomize.toolkit.fluxcd.io/name=apps', 'kustomize.toolkit.fluxcd.io/namespace=flux-system');
  const { code, json } = await drift();
  assert.equal(code, 1);
  assert.equal(json.resources.find((r) => r.id === 'ConfigMap shop/api-config')?.status, 'Missing');
  assert.equal(json.resources.find((r) => r.id === 'ConfigMap shop/old-flags')?.status, 'Orphan');
});

test('an unreachable cluster is exit 2 with the reason, never "in sync"', async () => {
  const other = await startTestCluster();
  const kubeconfig = other.handle.kubeconfigPath;
  await other.handle.faults.goAway();
  try {
    const r = await runDriftCli([repo.dir, '--kubeconfig', kubeconfig, '--timeout', '3']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unreachable|cannot reach/);
    assert.doesNotMatch(r.stdout, /Synced/);
    const json = await runDriftCli([repo.dir, '--kubeconfig', kubeconfig, '--timeout', '3', '--format', 'json']);
    const failure = JSON.parse(json.stdout) as { context?: string; error?: string; resources: unknown[] };
    assert.ok(failure.context, 'the JSON failure names the context it tried');
    assert.ok(failure.error);
    assert.deepEqual(failure.resources, []);
  } finally {
    await other.stop();
  }
});

test('a wrong token is Unauthorized, exit 2', async () => {
  const secured = await startTestCluster({ token: 'right-token' });
  try {
    const kubeconfig = secured.write('bad-kubeconfig', (await import('node:fs')).readFileSync(secured.handle.kubeconfigPath, 'utf8').replace('right-token', 'wrong-token'));
    const r = await runDriftCli([repo.dir, '--kubeconfig', kubeconfig, '--timeout', '3']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unauthorized/);
  } finally {
    await secured.stop();
  }
});

test('--exact compares with a server-side dry-run apply and records the strategy', async () => {
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json', '--exact']);
  const json = JSON.parse(r.stdout) as JsonResult & { resources: { strategy: string }[] };
  const deployment = json.resources.find((x) => x.id === 'Deployment.apps shop/api-server') as (JsonResult['resources'][number] & { strategy: string }) | undefined;
  assert.equal(deployment?.strategy, 'server-dry-run', r.stderr);
  assert.equal(deployment?.status, 'Drifted');
  const paths = deployment?.fields.map((f) => f.path) ?? [];
  assert.ok(paths.includes('.spec.replicas'), JSON.stringify(paths));
  assert.equal(paths.length, 2, JSON.stringify(paths));
  assert.ok(paths.includes('.spec.template.spec.containers[name="api"].image'), JSON.stringify(paths));
  assert.equal(deployment?.fields.find((f) => f.path === '.spec.replicas')?.attribution?.subresource, 'scale');
  // The dry-run changed nothing.
  const live = await cluster.getJson('get', 'deployment', 'api-server', '-n', 'shop');
  assert.equal((live.spec as { replicas: number }).replicas, 10);
  assert.equal(json.resources.find((x) => x.id === 'Service shop/api-server')?.status, 'Synced');
});
