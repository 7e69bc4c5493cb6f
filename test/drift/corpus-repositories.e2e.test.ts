// Real public GitOps repositories (test/fixtures/corpus) applied to the test API server the way their agent
// applies them (Flux: kustomize build + server-side apply as kustomize-controller; Argo CD: client-side apply as
// argocd-controller; plain repositories: kubectl apply), with the real kubectl: drift must find every applied
// object Synced, the kinds the cluster does not serve Unknown with the reason, and then exactly the live changes
// made with kubectl. One cluster for the file; the repositories deploy to distinct namespaces.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCluster } from '../cluster/harness.js';
import { applyUnit, copyRepository, corpusUnits, startAgentCluster, type AgentUnit } from './corpus-agent-apply.js';
import { runDriftCli } from './drift-e2e-support.js';

interface FieldJson { path: string; change: string; gitValue?: unknown; liveValue?: unknown; attribution?: { manager: string } }
interface ResourceJson { id: string; status: string; reason?: string; fields: FieldJson[] }
interface DriftJson { summary: Record<string, number>; resources: ResourceJson[] }

let cluster: TestCluster;
const cleanups: (() => void)[] = [];

before(async () => {
  cluster = await startAgentCluster();
});

after(async () => {
  for (const c of cleanups) c();
  await cluster.stop();
});

interface Deployed {
  dir: string;
  units: AgentUnit[];
  drift(env: string): Promise<DriftJson>;
}

/** Copies the corpus repository, applies the named units (all of them twice: dependsOn order), answers drift. */
async function deploy(repo: string, envs: readonly string[]): Promise<Deployed> {
  const copy = copyRepository(join('test/fixtures/corpus', repo));
  cleanups.push(copy.cleanup);
  const all = corpusUnits(repo, copy.dir);
  if (all.settings) writeFileSync(join(copy.dir, '.gitops-authoring.yaml'), all.settings);
  const units = envs.map((e) => {
    const u = all.units.find((x) => x.env === e);
    assert.ok(u, `${repo} has no unit ${e} (has ${all.units.map((x) => x.env).join(', ')})`);
    return u;
  });
  for (const pass of [1, 2]) {
    for (const u of units) {
      const r = await applyUnit(cluster, copy.dir, u);
      assert.equal(r.skipped, undefined, `${repo} ${u.env}: ${r.skipped ?? ''}`);
      if (pass === 2) assert.ok(r.objects > 0, `${repo} ${u.env} rendered no objects`);
    }
  }
  return {
    dir: copy.dir,
    units,
    drift: async (env) => {
      const r = await runDriftCli([copy.dir, '--env', env, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
      assert.ok(r.stdout.startsWith('{'), `drift ${repo} --env ${env} printed no JSON: ${r.stderr}`);
      return JSON.parse(r.stdout) as DriftJson;
    },
  };
}

/** Every resource Synced, except the ids listed, which must be Unknown because their kind is not served. */
function assertAllSynced(d: DriftJson, env: string, unservedKinds: readonly string[] | 'any' = []): void {
  const notSynced = d.resources.filter((r) => r.status !== 'Synced');
  for (const r of notSynced) {
    const unserved = unservedKinds === 'any' || unservedKinds.some((k) => r.id.startsWith(`${k}.`));
    assert.ok(unserved && r.status === 'Unknown' && /does not serve the API group/.test(r.reason ?? ''), `${env}: ${r.id} is ${r.status} (${r.reason ?? ''}) ${JSON.stringify(r.fields.map((f) => [f.path, f.change, f.gitValue, f.liveValue]))}`);
  }
  assert.ok((d.summary.Synced ?? 0) > 0, `${env}: nothing Synced`);
}

function drifted(d: DriftJson): { id: string; fields: [string, string, unknown, unknown, string | undefined][] }[] {
  return d.resources.filter((r) => r.status === 'Drifted').map((r) => ({ id: r.id, fields: r.fields.map((f) => [f.path, f.change, f.gitValue, f.liveValue, f.attribution?.manager]) }));
}

test('podinfo: kustomize base (kubectl) and deploy/secure (Flux, cert-manager CRs) are Synced; set image and a Certificate patch are exactly the drift', async () => {
  const repo = await deploy('podinfo', ['podinfo', 'podinfo-secure']);
  assertAllSynced(await repo.drift('podinfo'), 'podinfo');
  assertAllSynced(await repo.drift('podinfo-secure'), 'podinfo-secure');

  await cluster.run('set', 'image', 'deployment/podinfo', 'podinfod=ghcr.io/stefanprodan/podinfo:6.0.0', '-n', 'default');
  assert.deepEqual(drifted(await repo.drift('podinfo')), [{
    id: 'Deployment.apps default/podinfo',
    fields: [['.spec.template.spec.containers[name="podinfod"].image', 'changed', 'ghcr.io/stefanprodan/podinfo:6.14.1', 'ghcr.io/stefanprodan/podinfo:6.0.0', 'kubectl-set']],
  }]);

  await cluster.run('patch', 'certificate', 'podinfo-frontend', '-n', 'secure', '--type=merge', '-p', '{"spec":{"secretName":"hotfix-tls"}}');
  assert.deepEqual(drifted(await repo.drift('podinfo-secure')), [{
    id: 'Certificate.cert-manager.io secure/podinfo-frontend',
    fields: [['.spec.secretName', 'changed', 'podinfo-frontend-tls', 'hotfix-tls', 'kubectl-patch']],
  }]);
});

test('microservices-demo: the 33 objects kubectl applies are Synced; kubectl scale of a Deployment whose replicas Git leaves out is the drift', async () => {
  const repo = await deploy('microservices-demo', ['online-boutique']);
  const before = await repo.drift('online-boutique');
  assertAllSynced(before, 'online-boutique');
  assert.equal(before.summary.Synced, 33);

  await cluster.run('scale', 'deployment/frontend', '--replicas=3', '-n', 'default');
  assert.deepEqual(drifted(await repo.drift('online-boutique')), [{
    id: 'Deployment.apps default/frontend',
    fields: [['.spec.replicas', 'changed-default', undefined, 3, 'kubectl']],
  }]);
});

test('flux2-hub-spoke-example: Flux units with postBuild names, Kustomization patches and HelmRelease v2beta2 are Synced; a HelmRelease values patch is the drift', async () => {
  const repo = await deploy('flux2-hub-spoke-example', ['hub/tenants', 'hub/infra-controllers', 'hub/infra-configs', 'hub/apps']);
  for (const u of repo.units) assertAllSynced(await repo.drift(u.env), u.env);

  await cluster.run('patch', 'helmrelease', 'podinfo', '-n', 'staging', '--type=merge', '-p', '{"spec":{"values":{"replicaCount":3}}}');
  assert.deepEqual(drifted(await repo.drift('hub/apps')), [{
    id: 'HelmRelease.helm.toolkit.fluxcd.io staging/podinfo',
    fields: [['.spec.values.replicaCount', 'added-live', undefined, 3, 'kubectl-patch']],
  }]);
});

test('flux2-monitoring-example: generated dashboards ConfigMap and HelmReleases Synced, PodMonitor Unknown (CRD not installed); a deleted HelmRepository is Missing', async () => {
  const repo = await deploy('flux2-monitoring-example', ['monitoring-controllers', 'monitoring-configs']);
  assertAllSynced(await repo.drift('monitoring-controllers'), 'monitoring-controllers');
  assertAllSynced(await repo.drift('monitoring-configs'), 'monitoring-configs', ['PodMonitor']);

  const name = (await cluster.run('get', 'helmrepository', '-n', 'monitoring', '-o', 'name')).trim().split('\n')[0] ?? '';
  assert.ok(name, 'the example deploys a HelmRepository');
  await cluster.run('delete', name, '-n', 'monitoring');
  const after = await repo.drift('monitoring-controllers');
  assert.deepEqual(after.resources.filter((r) => r.status !== 'Synced').map((r) => [r.id, r.status]), [[`HelmRepository.source.toolkit.fluxcd.io monitoring/${name.split('/')[1] ?? ''}`, 'Missing']]);
});

test('flux2-multi-tenancy: the staging tenant (namespace, RBAC, GitRepository, Kustomization) is Synced; a GitRepository branch patch is the drift', async () => {
  const repo = await deploy('flux2-multi-tenancy', ['clusters/staging/tenants']);
  assertAllSynced(await repo.drift('clusters/staging/tenants'), 'clusters/staging/tenants');

  await cluster.run('patch', 'gitrepository', 'dev-team', '-n', 'apps', '--type=merge', '-p', '{"spec":{"ref":{"branch":"hotfix"}}}');
  assert.deepEqual(drifted(await repo.drift('clusters/staging/tenants')), [{
    id: 'GitRepository.source.toolkit.fluxcd.io apps/dev-team',
    fields: [['.spec.ref.branch', 'changed', 'dev-team', 'hotfix', 'kubectl-patch']],
  }]);
});

test('argocd-apps-equivalent: directory and kustomize Applications (client-side apply as argocd-controller) are Synced; kubectl scale is the drift', async () => {
  const repo = await deploy('argocd-apps-equivalent', ['guestbook', 'kustomize-guestbook']);
  assertAllSynced(await repo.drift('guestbook'), 'guestbook');
  assertAllSynced(await repo.drift('kustomize-guestbook'), 'kustomize-guestbook');

  await cluster.run('scale', 'deployment/guestbook-ui', '--replicas=4', '-n', 'guestbook');
  assert.deepEqual(drifted(await repo.drift('guestbook')), [{
    id: 'Deployment.apps guestbook/guestbook-ui',
    fields: [['.spec.replicas', 'changed', 1, 4, 'kubectl']],
  }]);

  // The Helm chart Application is not rendered here: said so, exit 2, never "in sync".
  const helm = await runDriftCli([repo.dir, '--env', 'helm-guestbook', '--kubeconfig', cluster.handle.kubeconfigPath]);
  assert.equal(helm.code, 2);
  assert.match(helm.stderr + helm.stdout, /nothing to compare: no Kubernetes objects in .*helm-guestbook \(a Helm chart: the agent renders it with helm/);
});

test('home-ops: cluster-apps (patching its child Kustomizations) and Flux units with components, postBuild and YAML 1.1 edge values (coredns zone: .) are Synced, kinds without CRD Unknown; a HelmRelease patch is the drift', async () => {
  const repo = await deploy('home-ops', ['cluster-apps', 'coredns', 'echo', 'atuin']);
  assertAllSynced(await repo.drift('cluster-apps'), 'cluster-apps', 'any');
  assertAllSynced(await repo.drift('coredns'), 'coredns');
  assertAllSynced(await repo.drift('atuin'), 'atuin', ['Restore', 'SnapshotPolicy', 'SnapshotSchedule']);
  const atuin = await repo.drift('atuin');
  assert.ok(atuin.resources.some((r) => r.id === 'PersistentVolumeClaim default/atuin' && r.status === 'Synced'), 'the component PVC (name from postBuild APP) is compared and Synced');

  await cluster.run('patch', 'helmrelease', 'echo', '-n', 'network', '--type=merge', '-p', '{"spec":{"interval":"5m"}}');
  assert.deepEqual(drifted(await repo.drift('echo')), [{
    id: 'HelmRelease.helm.toolkit.fluxcd.io network/echo',
    fields: [['.spec.interval', 'changed', '1h', '5m', 'kubectl-patch']],
  }]);
});
