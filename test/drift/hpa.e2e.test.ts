// An HPA scaling a Deployment writes replicas through the scale subresource as kube-controller-manager:
// drift names it and suggests ignoring, and an Argo CD managedFieldsManagers rule from the repo hides it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { runDriftCli, writeRepo } from './drift-e2e-support.js';

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27"}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}}]
`;
const ARGO_APP = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop, namespace: argocd}
spec:
  source: {repoURL: "https://example.com/repo.git", path: apps}
  destination: {server: "https://kubernetes.default.svc", namespace: shop}
  ignoreDifferences:
    - group: apps
      kind: Deployment
      managedFieldsManagers: [kube-controller-manager]
`;

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };

/** What the HPA controller sends: a merge patch of the scale subresource, identified by its User-Agent. */
function hpaScale(replicas: number): Promise<number> {
  const url = new URL(`${cluster.handle.url}/apis/apps/v1/namespaces/shop/deployments/web/scale`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json', 'User-Agent': 'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/4cb5f07/system:serviceaccount:kube-system:horizontal-pod-autoscaler' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ spec: { replicas } }));
  });
}

before(async () => {
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  repo = writeRepo({ 'apps/web.yaml': APP, 'argocd/shop.yaml': ARGO_APP });
  await cluster.run('apply', '-f', join(repo.dir, 'apps/web.yaml'));
});

after(async () => {
  await cluster?.stop();
  repo?.cleanup();
});

test('HPA-owned replicas: attributed to kube-controller-manager via scale, suggested action ignore', async () => {
  assert.equal(await hpaScale(6), 200);
  const r = await runDriftCli([join(repo.dir, 'apps'), '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  const json = JSON.parse(r.stdout) as { resources: { id: string; status: string; fields: { path: string; attribution?: { manager: string; subresource?: string }; suggestedAction: string }[] }[] };
  const web = json.resources.find((x) => x.id === 'Deployment.apps shop/web');
  assert.equal(web?.status, 'Drifted', r.stderr);
  assert.deepEqual(web?.fields.map((f) => [f.path, f.attribution?.manager, f.attribution?.subresource, f.suggestedAction]), [['.spec.replicas', 'kube-controller-manager', 'scale', 'ignore']]);
});

test('the repo\'s Argo CD managedFieldsManagers rule hides what kube-controller-manager owns', async () => {
  const r = await runDriftCli([repo.dir, '--env', 'shop', '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  const json = JSON.parse(r.stdout) as { resources: { id: string; status: string; ignoredFields: number }[] };
  const web = json.resources.find((x) => x.id === 'Deployment.apps shop/web');
  assert.deepEqual([web?.status, web?.ignoredFields], ['Synced', 1], r.stderr);
  assert.equal(r.code, 0);
});

test('settings: an environment and a Flux-dialect ignore rule from a --settings file', async () => {
  const settings = cluster.write('drift-settings.yaml', 'environments:\n  - name: mine\n    path: apps\n    context: gitops-test\ndriftIgnoreRules:\n  - paths: [/spec/replicas]\n    target: {kind: Deployment, name: "w.*"}\nbogus: 1\n');
  const r = await runDriftCli([repo.dir, '--env', 'mine', '--settings', settings, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
  const json = JSON.parse(r.stdout) as { environment: string; resources: { id: string; status: string; ignoredFields: number }[] };
  assert.equal(json.environment, 'mine');
  assert.deepEqual(json.resources.map((x) => [x.id, x.status, x.ignoredFields]), [['Deployment.apps shop/web', 'Synced', 1], ['HorizontalPodAutoscaler.autoscaling shop/web', 'Synced', 0]]);
  assert.match(r.stderr, /settings: unknown key 'bogus'/);
  assert.equal(r.code, 0);
});

test('settings: without --settings, the drift section of the repository\'s .gitops-authoring.yaml applies', async () => {
  const withConfig = writeRepo({
    'apps/web.yaml': APP,
    '.gitops-authoring.yaml': 'kubernetesVersion: "1.32"\ndrift:\n  environments:\n    - name: mine\n      path: apps\n      context: gitops-test\n  driftIgnoreRules:\n    - paths: [/spec/replicas]\n      target: {kind: Deployment, name: "w.*"}\n',
  });
  try {
    const r = await runDriftCli([withConfig.dir, '--env', 'mine', '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
    const json = JSON.parse(r.stdout) as { environment: string; resources: { id: string; status: string; ignoredFields: number }[] };
    assert.equal(json.environment, 'mine', r.stderr);
    assert.deepEqual(json.resources.find((x) => x.id === 'Deployment.apps shop/web')?.ignoredFields, 1);
    assert.equal(r.code, 0, r.stderr);
  } finally {
    withConfig.cleanup();
  }
});
