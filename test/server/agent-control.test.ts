// Agent control over the real server against the test API server: Request Reconcile, Suspend and Resume of the
// demo's Flux Kustomization and of an Argo CD Application. The request log proves each action is exactly one
// merge PATCH with our field manager and nothing else is written; the emergency flow (suspend → kubectl scale →
// resume) shows the unit's state in `driftEnvironments` throughout.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDriftService } from '../../src/adapters/drift/drift-service.js';
import { controlGitOpsUnit } from '../../src/adapters/kube/gitops-unit-control.js';
import { agentControlRequest, type AgentControlParams } from '../../src/protocol/agent-control-messages.js';
import { driftDeltaNotification, driftEnvironmentsNotification, driftWatchRequest, type DriftDeltaParams, type DriftEnvironmentView } from '../../src/protocol/drift-messages.js';
import { isWriteRequest } from '../cluster/api-server/api-server.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { readTree } from '../support/read-tree.js';
import { LspTestSession } from './support/lsp-test-session.js';

const TIMING = { documentDelayMs: 0, workspaceDelayMs: 10, driftStopDelayMs: 0, driftDesiredDelayMs: 0 };
const DEADLINE_MS = 20_000;
const KUSTOMIZATION_PATH = '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps';
const DEPLOYMENT_ID = 'apps/Deployment/shop/api-server';

/** Writes made since `from` by anyone but kubectl (the test's own hand on the cluster). */
function ourWrites(cluster: TestCluster, from: number) {
  return cluster.handle.requests.slice(from).filter((r) => isWriteRequest(r) && !r.userAgent.startsWith('kubectl/'));
}

describe('agent control: Flux Kustomization of the demo repository', () => {
  let cluster: TestCluster;
  let session: LspTestSession;
  let environments: { environments: readonly DriftEnvironmentView[] }[];
  let deltas: DriftDeltaParams[];
  const envId = () => `${session.uri('repo')}#apps`;
  const appsEnv = () => environments.at(-1)?.environments.find((e) => e.id === envId());
  const send = (params: Omit<AgentControlParams, 'environmentId' | 'context'> & { context?: string }) =>
    session.client.sendRequest(agentControlRequest, { environmentId: envId(), context: 'gitops-test', ...params });
  const kustomization = async () => cluster.getJson('get', 'kustomization.kustomize.toolkit.fluxcd.io/apps', '-n', 'flux-system');
  const deploymentStatus = () => {
    let status: string | undefined;
    for (const d of deltas) if (d.environmentId === envId()) for (const r of d.upserted) if (r.id === DEPLOYMENT_ID) status = r.status;
    return status;
  };

  before(async () => {
    cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/crds', seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'flux-system' } }], bookmarkIntervalMs: 200 });
    session = await LspTestSession.start({ files: readTree('test/fixtures/demo-repo', 'repo'), folders: ['repo'], deps: { driftService: createDriftService, agentControl: controlGitOpsUnit, timing: TIMING } });
    environments = session.record(driftEnvironmentsNotification);
    deltas = session.record(driftDeltaNotification);
    const rendered = await cluster.run('kustomize', join(session.root, 'repo/apps/production'));
    const applied = await cluster.kubectl(['apply', '-f', '-'], { input: rendered.replaceAll('${CLUSTER_NAME}', 'production') });
    assert.equal(applied.code, 0, applied.stderr);
    await cluster.run('apply', '-f', join(session.root, 'repo/clusters/production/apps.yaml'));
    await session.client.sendRequest(driftWatchRequest, { watching: true, kubeconfig: cluster.handle.kubeconfigPath });
    await session.waitFor(() => appsEnv()?.state === 'Connected' && deploymentStatus() === 'Synced', 'the apps environment connected and Synced', DEADLINE_MS);
  });
  after(async () => {
    await session?.dispose();
    await cluster?.stop();
  });

  it('Request Reconcile: one merge PATCH of the requestedAt annotation with our field manager, nothing else', async () => {
    const from = cluster.handle.requests.length;
    const result = await send({ action: 'reconcile' });
    assert.equal(result.done, true, result.message);
    assert.match(result.message, /requested a reconcile of Kustomization flux-system\/apps \(context gitops-test\)/);
    const writes = ourWrites(cluster, from);
    assert.deepEqual(writes.map((w) => [w.method, w.path, w.fieldManager, w.contentType?.split(';')[0]]), [['PATCH', KUSTOMIZATION_PATH, 'gitops-authoring', 'application/merge-patch+json']]);
    const annotations = (await kustomization()).metadata as { annotations?: Record<string, string> };
    assert.match(annotations.annotations?.['reconcile.fluxcd.io/requestedAt'] ?? '', /^\d{4}-\d\d-\d\dT/);
  });

  it('emergency flow: suspend → kubectl scale → resume, the unit\'s state visible throughout', async () => {
    let from = cluster.handle.requests.length;
    const suspended = await send({ action: 'suspend' });
    assert.equal(suspended.done, true, suspended.message);
    assert.equal(suspended.unit?.suspended, true, 'the answer carries the new unit state');
    assert.deepEqual(ourWrites(cluster, from).map((w) => [w.method, w.path, w.fieldManager]), [['PATCH', KUSTOMIZATION_PATH, 'gitops-authoring']]);
    assert.equal(((await kustomization()).spec as { suspend?: boolean }).suspend, true);
    await session.waitFor(() => appsEnv()?.unit?.suspended === true, 'the Drift view shows the unit suspended', DEADLINE_MS);

    await cluster.run('scale', 'deployment/api-server', '-n', 'shop', '--replicas=5');
    await session.waitFor(() => deploymentStatus() === 'Drifted', 'the hotfix shows as drift', DEADLINE_MS);
    assert.equal(appsEnv()?.unit?.suspended, true, 'still suspended during the hotfix');

    from = cluster.handle.requests.length;
    const resumed = await send({ action: 'resume' });
    assert.equal(resumed.done, true, resumed.message);
    assert.equal(resumed.unit?.suspended, undefined);
    assert.deepEqual(ourWrites(cluster, from).map((w) => [w.method, w.path, w.fieldManager]), [['PATCH', KUSTOMIZATION_PATH, 'gitops-authoring']]);
    const live = await kustomization();
    assert.equal((live.spec as { suspend?: boolean }).suspend, undefined, 'suspend cleared, not left as false');
    assert.ok((live.metadata as { annotations?: Record<string, string> }).annotations?.['reconcile.fluxcd.io/requestedAt'], 'resume requests a reconcile as flux resume does');
    await session.waitFor(() => appsEnv()?.unit !== undefined && appsEnv()?.unit?.suspended === undefined, 'the Drift view shows the unit running again', DEADLINE_MS);
  });

  it('a HelmRelease named in the request: suspended and resumed with one PATCH each, the environment\'s unit untouched', async () => {
    await cluster.kubectl(['apply', '-f', '-'], { input: HELM_RELEASE });
    const unit = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease' as const, namespace: 'flux-system', name: 'podinfo' };
    const path = '/apis/helm.toolkit.fluxcd.io/v2/namespaces/flux-system/helmreleases/podinfo';
    let from = cluster.handle.requests.length;
    const suspended = await send({ action: 'suspend', unit });
    assert.equal(suspended.done, true, suspended.message);
    assert.equal(suspended.unit, undefined, 'not the environment\'s own unit');
    assert.deepEqual(ourWrites(cluster, from).map((w) => [w.method, w.path]), [['PATCH', path]]);
    assert.equal(((await cluster.getJson('get', 'helmrelease.helm.toolkit.fluxcd.io/podinfo', '-n', 'flux-system')).spec as { suspend?: boolean }).suspend, true);
    from = cluster.handle.requests.length;
    assert.equal((await send({ action: 'resume', unit })).done, true);
    assert.deepEqual(ourWrites(cluster, from).map((w) => [w.method, w.path]), [['PATCH', path]]);
    assert.equal(((await kustomization()).spec as { suspend?: boolean }).suspend, undefined);
  });

  it('refuses without writing: nothing to resume, another context than the one confirmed', async () => {
    const from = cluster.handle.requests.length;
    const notSuspended = await send({ action: 'resume' });
    assert.deepEqual([notSuspended.done, notSuspended.message], [false, 'nothing written: Kustomization flux-system/apps is not suspended']);
    const otherContext = await send({ action: 'suspend', context: 'prod-eu' });
    assert.equal(otherContext.done, false);
    assert.match(otherContext.message, /now uses context 'gitops-test', not the confirmed 'prod-eu'/);
    assert.deepEqual(ourWrites(cluster, from), []);
  });

  it('the setting off: the server refuses too, before touching the cluster', async () => {
    await session.changeSettings({ agentControl: { enabled: false } });
    const from = cluster.handle.requests.length;
    const result = await send({ action: 'suspend' });
    assert.deepEqual([result.done, result.message], [false, 'nothing written: agent control is turned off (setting gitopsAuthoring.agentControl.enabled)']);
    assert.deepEqual(ourWrites(cluster, from), []);
    await session.changeSettings({});
  });

  it('refuses while drift does not watch the environment (its kubeconfig and context are not known then)', async () => {
    await session.client.sendRequest(driftWatchRequest, { watching: false });
    await session.waitFor(() => appsEnv()?.state === 'Idle', 'drift stopped', DEADLINE_MS);
    const from = cluster.handle.requests.length;
    const result = await send({ action: 'reconcile' });
    assert.deepEqual([result.done, result.message], [false, 'nothing written: drift is not watching this environment; open the Drift view to connect']);
    assert.deepEqual(ourWrites(cluster, from), []);
  });
});

const HELM_RELEASE = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: flux-system
spec:
  interval: 5m
  chart:
    spec:
      chart: podinfo
      sourceRef:
        kind: HelmRepository
        name: podinfo
`;

const ARGO_REPO = {
  'argo/apps/guestbook.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://example.com/org/demo.git
    path: guestbook
    targetRevision: HEAD
  destination:
    server: https://kubernetes.default.svc
    namespace: guestbook
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
      allowEmpty: true
`,
  'argo/guestbook/configmap.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: guestbook-ui
data:
  color: blue
`,
};

describe('agent control: Argo CD Application', () => {
  let cluster: TestCluster;
  let session: LspTestSession;
  let environments: { environments: readonly DriftEnvironmentView[] }[];
  const envId = () => `${session.uri('argo')}#guestbook`;
  const env = () => environments.at(-1)?.environments.find((e) => e.id === envId());
  const application = async () => cluster.getJson('get', 'application.argoproj.io/guestbook', '-n', 'argocd');
  const send = (params: Pick<AgentControlParams, 'action' | 'refresh'>) => session.client.sendRequest(agentControlRequest, { environmentId: envId(), context: 'gitops-test', ...params });
  const path = '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/guestbook';

  before(async () => {
    cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/crds', seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'argocd' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'guestbook' } }] });
    session = await LspTestSession.start({ files: ARGO_REPO, folders: ['argo'], deps: { driftService: createDriftService, agentControl: controlGitOpsUnit, timing: TIMING } });
    environments = session.record(driftEnvironmentsNotification);
    await cluster.run('apply', '-f', join(session.root, 'argo/apps/guestbook.yaml'));
    await cluster.run('apply', '-n', 'guestbook', '-f', join(session.root, 'argo/guestbook/configmap.yaml'));
    await session.client.sendRequest(driftWatchRequest, { watching: true, kubeconfig: cluster.handle.kubeconfigPath });
    await session.waitFor(() => env()?.state === 'Connected', 'the guestbook environment connected', DEADLINE_MS);
  });
  after(async () => {
    await session?.dispose();
    await cluster?.stop();
  });

  it('Request Reconcile: a hard refresh annotation, one PATCH', async () => {
    const from = cluster.handle.requests.length;
    const result = await send({ action: 'reconcile', refresh: 'hard' });
    assert.equal(result.done, true, result.message);
    assert.deepEqual(ourWrites(cluster, from).map((w) => [w.method, w.path, w.fieldManager]), [['PATCH', path, 'gitops-authoring']]);
    assert.equal(((await application()).metadata as { annotations?: Record<string, string> }).annotations?.['argocd.argoproj.io/refresh'], 'hard');
  });

  it('Suspend turns automated sync off and Resume restores exactly what it held, one PATCH each', async () => {
    const before = ((await application()).spec as { syncPolicy: { automated: unknown } }).syncPolicy.automated;
    assert.deepEqual(before, { prune: true, selfHeal: true, allowEmpty: true });
    let from = cluster.handle.requests.length;
    const suspended = await send({ action: 'suspend' });
    assert.equal(suspended.done, true, suspended.message);
    assert.equal(suspended.unit?.suspended, true);
    assert.equal(ourWrites(cluster, from).length, 1);
    const off = await application();
    assert.equal((off.spec as { syncPolicy?: { automated?: unknown } }).syncPolicy?.automated, undefined);
    await session.waitFor(() => env()?.unit?.suspended === true, 'the Drift view shows the Application suspended', DEADLINE_MS);

    from = cluster.handle.requests.length;
    const resumed = await send({ action: 'resume' });
    assert.equal(resumed.done, true, resumed.message);
    assert.equal(ourWrites(cluster, from).length, 1);
    const on = await application();
    assert.deepEqual((on.spec as { syncPolicy: { automated: unknown } }).syncPolicy.automated, before);
    assert.equal((on.metadata as { annotations?: Record<string, string> }).annotations?.['gitops-authoring.dev/held-automated-sync'], undefined);
  });
});
