// The drift messages over the real server with the real drift service, against the test API server driven
// by the real kubectl: the demo repository applied, scaled live, then the cluster stopped and restarted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createDriftService } from '../../src/adapters/drift/drift-service.js';
import { gatherReadinessInput } from '../../src/adapters/readiness/gather-readiness-input.js';
import { readinessReportRequest } from '../../src/protocol/lsp-extensions.js';
import {
  driftDeltaNotification,
  driftDocumentsRequest,
  driftEnvironmentsNotification,
  driftWatchRequest,
  type DriftDeltaParams,
  type DriftEnvironmentView,
  type DriftResourceView,
} from '../../src/protocol/drift-messages.js';
import { join } from 'node:path';
import { readTree } from '../support/read-tree.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { LspTestSession } from './support/lsp-test-session.js';

const DEMO = 'test/fixtures/demo-repo';
const DEPLOYMENT_ID = 'apps/Deployment/shop/api-server';
const TIMING = { documentDelayMs: 0, workspaceDelayMs: 10, driftStopDelayMs: 0, driftDesiredDelayMs: 0 };
const DEADLINE_MS = 20_000;


describe('drift messages against the test cluster (demo repository)', () => {
  let cluster: TestCluster;
  let session: LspTestSession;
  let deltas: DriftDeltaParams[];
  let environments: { environments: readonly DriftEnvironmentView[] }[];
  /** The client's picture of the `apps` environment, built from the deltas as the extension builds it. */
  const picture = new Map<string, DriftResourceView>();
  let applied = 0;
  const envId = () => `${session.uri('repo')}#apps`;
  const appsEnv = () => environments.at(-1)?.environments.find((e) => e.id === envId());
  const apply = () => {
    for (const delta of deltas.slice(applied)) {
      if (delta.environmentId !== envId()) continue;
      if (delta.reset) picture.clear();
      for (const id of delta.removed) picture.delete(id);
      for (const r of delta.upserted) picture.set(r.id, r);
    }
    applied = deltas.length;
  };
  const waitFor = async (condition: () => boolean, what: string) => {
    try {
      await session.waitFor(() => {
        apply();
        return condition();
      }, what, DEADLINE_MS);
    } catch (error) {
      throw new Error(`${String(error)}; env: ${JSON.stringify(appsEnv())}; deployment: ${JSON.stringify(picture.get(DEPLOYMENT_ID))}`);
    }
  };

  before(async () => {
    cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/crds', seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }], bookmarkIntervalMs: 200 });
    session = await LspTestSession.start({ files: readTree(DEMO, 'repo'), folders: ['repo'], deps: { driftService: createDriftService, readinessInput: gatherReadinessInput, timing: TIMING } });
    deltas = session.record(driftDeltaNotification);
    environments = session.record(driftEnvironmentsNotification);
    // Applied as Flux would: the overlay rendered, then its postBuild variables substituted.
    const rendered = await cluster.run('kustomize', join(session.root, 'repo/apps/production'));
    const applied = await cluster.kubectl(['apply', '-f', '-'], { input: rendered.replaceAll('${CLUSTER_NAME}', 'production') });
    assert.equal(applied.code, 0, applied.stderr);
  });
  after(async () => {
    await session?.dispose();
    await cluster?.stop();
  });

  it('watching sends the results: the demo Deployment Synced', async () => {
    const answer = await session.client.sendRequest(driftWatchRequest, { watching: true, kubeconfig: cluster.handle.kubeconfigPath });
    assert.ok(answer.environments.some((e) => e.id === envId() && e.path === 'apps/production'), JSON.stringify(answer.environments));
    await waitFor(() => picture.get(DEPLOYMENT_ID)?.status === 'Synced' && appsEnv()?.state === 'Connected', 'the Deployment Synced');
    assert.equal(appsEnv()?.context, 'gitops-test');
  });

  it('kubectl scale sends a delta with only that Deployment, Drifted replicas 3 → 5, by kubectl (scale)', async () => {
    const from = deltas.length;
    await cluster.run('scale', 'deployment/api-server', '-n', 'shop', '--replicas=5');
    await waitFor(() => picture.get(DEPLOYMENT_ID)?.status === 'Drifted', 'the Deployment Drifted');
    const after = deltas.slice(from).filter((d) => d.environmentId === envId());
    assert.ok(after.every((d) => !d.reset), 'incremental, not a reset');
    assert.deepEqual([...new Set(after.flatMap((d) => d.upserted.map((r) => r.id)))], [DEPLOYMENT_ID], 'only the Deployment');
    const field = picture.get(DEPLOYMENT_ID)?.fields.find((f) => f.path === '.spec.replicas');
    assert.deepEqual([field?.gitValue, field?.liveValue, field?.attribution?.manager, field?.attribution?.subresource], [3, 5, 'kubectl', 'scale']);
    assert.equal(field?.source?.uri, session.uri('repo/apps/base/api-server/deployment.yaml'));
    assert.equal(field?.source?.range.start.line, 7);
    await waitFor(() => appsEnv()?.counts.Drifted === 1, 'the count');
  });

  it('the readiness report carries the live drift count while drift is connected', async () => {
    await waitFor(() => (environments.at(-1)?.environments ?? []).every((e) => e.state === 'Connected'), 'every environment connected');
    const views = environments.at(-1)?.environments ?? [];
    const sum = (pick: (c: Record<string, number>) => number) => views.reduce((n, v) => n + pick(v.counts), 0);
    const drifted = sum((c) => (c.Drifted ?? 0) + (c.Missing ?? 0) + (c.Orphan ?? 0));
    const total = sum((c) => Object.values(c).reduce((a, b) => a + b, 0));
    const result = await session.client.sendRequest(readinessReportRequest, {});
    const detected = result.folders[0]?.report?.questions.find((q) => q.id === 'reconciled.drift-detected');
    assert.ok(drifted >= 1);
    assert.ok(detected?.evidence.some((e) => e.note === `Cluster 'gitops-test': ${drifted} of ${total} resource(s) drift now`), JSON.stringify(detected?.evidence));
  });

  it('serves both documents of the Deployment for the diff', async () => {
    const docs = await session.client.sendRequest(driftDocumentsRequest, { environmentId: envId(), resourceId: DEPLOYMENT_ID });
    assert.equal(docs.label, 'Deployment.apps shop/api-server');
    assert.match(docs.git ?? '', /\n {2}replicas: 3\n/);
    assert.match(docs.live ?? '', /\n {2}replicas: 5\n/);
    assert.doesNotMatch(docs.live ?? '', /progressDeadlineSeconds|terminationMessagePath/, 'server defaults Git leaves out are no difference');
    assert.doesNotMatch(docs.live ?? '', /managedFields|resourceVersion|\nstatus:/);
  });

  it('a stopped cluster turns everything Unknown, never a stale Synced or Drifted', async () => {
    await cluster.handle.faults.goAway();
    await waitFor(() => appsEnv()?.state === 'Unreachable', 'Unreachable');
    await waitFor(() => picture.size >= 4 && [...picture.values()].every((r) => r.status === 'Unknown'), 'every result Unknown');
    assert.ok(picture.get(DEPLOYMENT_ID)?.reason, 'Unknown says why');
  });

  it('a restarted cluster recovers by itself', async () => {
    await cluster.handle.faults.restart({ keepState: true });
    await waitFor(() => appsEnv()?.state === 'Connected' && picture.get(DEPLOYMENT_ID)?.status === 'Drifted', 'recovered');
  });

  it('never writes to the cluster', () => {
    const ours = cluster.handle.requests.filter((r) => r.userAgent.startsWith('gitops-authoring'));
    assert.ok(ours.length > 0);
    assert.deepEqual([...new Set(ours.map((r) => r.method))], ['GET']);
  });

  it('stops watching when nobody looks', async () => {
    await session.client.sendRequest(driftWatchRequest, { watching: false });
    await waitFor(() => appsEnv()?.state === 'Idle', 'Idle');
    const count = cluster.handle.requests.length;
    await cluster.run('scale', 'deployment/api-server', '-n', 'shop', '--replicas=6');
    const watchesAfter = cluster.handle.requests.slice(count).filter((r) => r.userAgent.startsWith('gitops-authoring'));
    assert.deepEqual(watchesAfter, [], 'no request from the server once stopped');
  });
});

describe('drift messages with the real drift service and no kubeconfig', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({
      files: { 'app/api.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\ndata:\n  a: b\n' },
      deps: { driftService: createDriftService, timing: TIMING, processEnv: { PATH: process.env.PATH ?? '', HOME: '/nonexistent-home' } },
    });
  });
  after(() => session?.dispose());

  it('says NoKubeconfig, with how to connect', async () => {
    const environments = session.record(driftEnvironmentsNotification);
    const answer = await session.client.sendRequest(driftWatchRequest, { watching: true });
    assert.equal(answer.kubeconfigFound, false);
    await session.waitFor(() => environments.at(-1)?.environments[0]?.state === 'NoKubeconfig', 'NoKubeconfig');
    const env = environments.at(-1);
    assert.match(env?.environments[0]?.reason ?? '', /no kubeconfig found.*\/nonexistent-home\/\.kube\/config.*to connect/);
    assert.equal(env?.kubeconfigFound, false);
  });
});
