// People's live changes outside what Git declares, end to end: a repository of real public manifests
// (Google's microservices demo and podinfo, test/fixtures/public-manifests/NOTICE.md) applied with the real
// kubectl to the test cluster, then the usual "just this once" commands. Each hotfix is Drifted and names the
// kubectl manager that made it; the benign commands and an HPA scaling its target leave everything in sync.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { PUBLIC_MANIFESTS, REPO_FILES, runHotfixStep } from '../support/hotfix-cases.js';
import { runDriftCli, writeRepo } from './drift-e2e-support.js';

interface FieldJson { path: string; change: string; gitDefault?: unknown; liveValue?: unknown; attribution?: { manager: string; operation: string }; suggestedAction: string; actionReason: string }
interface ResourceJson { id: string; status: string; fields: FieldJson[]; liveOnlyMetadata?: FieldJson[] }

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };

before(async () => {
  cluster = await startTestCluster();
  repo = writeRepo(Object.fromEntries(Object.entries(REPO_FILES).map(([path, file]) => [path, readFileSync(join(PUBLIC_MANIFESTS, file), 'utf8')])));
  await cluster.run('apply', '-f', join(repo.dir, 'apps'));
});

after(async () => {
  await cluster?.stop();
  repo?.cleanup();
});

async function drift(...extra: string[]): Promise<{ code: number; byId: Map<string, ResourceJson>; stderr: string }> {
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json', ...extra]);
  const json = JSON.parse(r.stdout) as { resources: ResourceJson[] };
  return { code: r.code, byId: new Map(json.resources.map((x) => [x.id, x])), stderr: r.stderr };
}

function notSynced(byId: Map<string, ResourceJson>): string[] {
  return [...byId.values()].filter((x) => x.status !== 'Synced').map((x) => `${x.id}: ${x.status} ${JSON.stringify(x.fields.map((f) => f.path))}`);
}

test('a fresh kubectl apply of the public manifests is in sync (exit 0)', async () => {
  const r = await drift();
  assert.equal(r.byId.size, 12, [...r.byId.keys()].join(', '));
  assert.deepEqual(notSynced(r.byId), []);
  assert.equal(r.code, 0, r.stderr);
});

test('rollout restart, label, annotate and an HPA scaling its target: still in sync; the label and annotation listed as live-only metadata', async () => {
  await runHotfixStep(cluster, { kubectl: ['rollout', 'restart', 'deployment/frontend'] });
  await runHotfixStep(cluster, { kubectl: ['label', 'deployment/frontend', 'owner=alice'] });
  await runHotfixStep(cluster, { kubectl: ['annotate', 'deployment/frontend', 'note=checked by alice'] });
  await runHotfixStep(cluster, { hpaScale: 'podinfo', replicas: 3 });
  const r = await drift();
  assert.deepEqual(notSynced(r.byId), []);
  assert.equal(r.code, 0);
  const listed = r.byId.get('Deployment.apps default/frontend')?.liveOnlyMetadata?.map((f) => [f.path, f.attribution?.manager]).sort();
  assert.deepEqual(listed, [['.metadata.annotations.note', 'kubectl-annotate'], ['.metadata.labels.owner', 'kubectl-label']]);
});

const HOTFIXES = [
  {
    what: 'set env', id: 'Deployment.apps default/frontend', step: { kubectl: ['set', 'env', 'deployment/frontend', 'DEBUG=1'] },
    field: ['.spec.template.spec.containers[name="server"].env[name="DEBUG"]', 'added-live', 'kubectl-set'],
  },
  {
    what: 'set resources on a container without limits', id: 'Deployment.apps default/loadgenerator',
    step: { kubectl: ['set', 'resources', 'deployment/loadgenerator', '-c', 'frontend-check', '--limits=cpu=100m,memory=64Mi'] },
    field: ['.spec.template.spec.initContainers[name="frontend-check"].resources.limits', 'added-live', 'kubectl-set'],
  },
  {
    what: 'a sidecar added by patch', id: 'Deployment.apps default/currencyservice',
    step: { kubectl: ['patch', 'deployment/currencyservice', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"debug","image":"busybox:1.36"}]}}}}'] },
    field: ['.spec.template.spec.containers[name="debug"]', 'added-live', 'kubectl-patch'],
  },
  {
    what: 'a defaulted Service field patched', id: 'Service default/frontend',
    step: { kubectl: ['patch', 'service/frontend', '-p', '{"spec":{"sessionAffinity":"ClientIP"}}'] },
    field: ['.spec.sessionAffinity', 'changed-default', 'kubectl-patch'],
  },
  {
    what: 'kubectl edit adding a probe', id: 'Deployment.apps default/podinfo',
    step: { edit: 'deployment/podinfo', find: '^( *)terminationMessagePolicy: File$', replace: '$1terminationMessagePolicy: File\n$1startupProbe:\n$1  tcpSocket:\n$1    port: 9898' },
    field: ['.spec.template.spec.containers[name="podinfod"].startupProbe', 'added-live', 'kubectl-edit'],
  },
] as const;

for (const h of HOTFIXES) {
  test(`${h.what}: Drifted, ${h.field[1]} by ${h.field[2]}, suggest commit`, async () => {
    await runHotfixStep(cluster, h.step);
    const r = await drift();
    const target = r.byId.get(h.id);
    assert.equal(target?.status, 'Drifted', JSON.stringify(target));
    assert.deepEqual(target?.fields.map((f) => [f.path, f.change, f.attribution?.manager, f.suggestedAction]), [[...h.field, 'commit']]);
    assert.equal(r.code, 1);
  });
}

test('the changed default reads as the default, and only the hotfixed objects drifted', async () => {
  const r = await drift();
  const affinity = r.byId.get('Service default/frontend')?.fields[0];
  assert.deepEqual([affinity?.gitDefault, affinity?.liveValue], ['None', 'ClientIP']);
  assert.deepEqual([...r.byId.values()].filter((x) => x.status !== 'Synced').map((x) => x.id).sort(), HOTFIXES.map((h) => h.id).sort());
});

test('--exact (server-side dry-run) finds the same people\'s changes through managedFields', async () => {
  const r = await drift('--exact');
  for (const h of HOTFIXES) {
    const target = r.byId.get(h.id);
    assert.ok(target?.fields.some((f) => f.path === h.field[0] && f.change === h.field[1] && f.attribution?.manager === h.field[2]), `${h.what}: ${JSON.stringify(target)}`);
  }
});

test('text output says what a person added and what the default was', async () => {
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath]);
  assert.match(r.stdout, /\.spec\.template\.spec\.containers\[name="server"\]\.env\[name="DEBUG"\]: added live: DEBUG=1/);
  assert.match(r.stdout, /\.spec\.sessionAffinity: git \(default: None\) → live ClientIP/);
  assert.match(r.stdout, /by kubectl-set Update at /);
});

test('--unmanaged lists a Deployment a person created in a namespace Git deploys to, apart and not counted', async () => {
  await cluster.run('create', 'deployment', 'debug-shell', '--image=busybox:1.36', '-n', 'default');
  const plain = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  assert.equal((JSON.parse(plain.stdout) as { unmanaged?: unknown }).unmanaged, undefined, 'off by default');
  const r = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json', '--unmanaged']);
  const json = JSON.parse(r.stdout) as { resources: ResourceJson[]; unmanaged: { id: string; createdBy?: { manager: string } }[] };
  assert.deepEqual(json.unmanaged.map((u) => [u.id, u.createdBy?.manager]), [['Deployment.apps default/debug-shell', 'kubectl-create']]);
  assert.ok(!json.resources.some((x) => x.id === 'Deployment.apps default/debug-shell'), 'not an Orphan: it carries no GitOps mark');
  const text = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--unmanaged']);
  assert.match(text.stdout, /^Unmanaged Deployment\.apps default\/debug-shell — live in a namespace Git deploys to, not in Git, no GitOps mark \(not counted\) — created by kubectl-create/m);
});
