// The drift messages over the real server, with fake drift services (one per environment) driven by hand.
import assert from 'node:assert/strict';
import { after, afterEach, beforeEach, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { DriftServiceError } from '../../src/adapters/drift/drift-service-api.js';
import { ClusterStatus } from '../../src/adapters/kube/cluster-status.js';
import { DriftStatus, FieldChange, SuggestedAction } from '../../src/core/drift/drift-types.js';
import { MASK, MASK_CHANGED } from '../../src/core/drift/mask-secrets.js';
import { resourceKeyId } from '../../src/core/resource/resource-key.js';
import {
  driftDeltaNotification,
  driftDocumentsRequest,
  driftEnvironmentsNotification,
  driftRefreshRequest,
  driftWatchRequest,
  type DriftDeltaParams,
  type DriftEnvironmentsParams,
} from '../../src/protocol/drift-messages.js';
import { aReplicasDrift, aResult, FakeDriftFactory } from './support/fake-drift-service.js';
import { LspTestSession } from './support/lsp-test-session.js';

const FLUX = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: prod
  namespace: flux-system
spec:
  path: ./apps/prod
  targetNamespace: shop
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: staging
  namespace: flux-system
spec:
  path: ./apps/staging
  targetNamespace: shop-staging
`;
const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 3
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;
const FILES = { 'clusters/flux.yaml': FLUX, 'apps/prod/api.yaml': deployment('api'), 'apps/staging/api.yaml': deployment('api') };
const API = (namespace: string) => ({ group: 'apps', kind: 'Deployment', namespace, name: 'api' });
const WEB = (namespace: string) => ({ group: 'apps', kind: 'Deployment', namespace, name: 'web' });
const TIMING = { documentDelayMs: 0, workspaceDelayMs: 10, driftStopDelayMs: 0, driftDesiredDelayMs: 0, driftRetryBaseMs: 10 };

interface DriftSession {
  session: LspTestSession;
  factory: FakeDriftFactory;
  deltas: DriftDeltaParams[];
  environments: DriftEnvironmentsParams[];
  envId(name: string): string;
  latestEnv(name: string): DriftEnvironmentsParams['environments'][number] | undefined;
}

async function startSession(files: Record<string, string> = FILES, factory = new FakeDriftFactory((o) => [aResult(API(o.env?.namespace ?? 'default')), aResult(WEB(o.env?.namespace ?? 'default'))])): Promise<DriftSession> {
  const session = await LspTestSession.start({ files, deps: { driftService: factory.create, timing: TIMING } });
  const deltas = session.record(driftDeltaNotification);
  const environments = session.record(driftEnvironmentsNotification);
  const envId = (name: string) => `${session.uri('')}#${name}`;
  return {
    session, factory, deltas, environments, envId,
    latestEnv: (name) => environments.at(-1)?.environments.find((e) => e.id === envId(name)),
  };
}

describe('drift messages (fake drift service)', () => {
  let s: DriftSession;
  beforeEach(async () => {
    s = await startSession();
  });
  afterEach(() => s.session.dispose());

  it('starts one service per environment on watch, with the chosen context, and stops them all on unwatch', async () => {
    const answer = await s.session.client.sendRequest(driftWatchRequest, { watching: true, kubeconfig: '/nowhere/kubeconfig', contexts: { [s.envId('prod')]: 'ctx-b' } });
    assert.deepEqual(answer.environments.map((e) => [e.name, e.path, e.unit?.kind]), [['prod', 'apps/prod', 'Kustomization'], ['staging', 'apps/staging', 'Kustomization']]);
    await s.session.waitFor(() => s.factory.services.length === 2, 'two services');
    assert.deepEqual(s.factory.calls.map((c) => [c.env?.name, c.context, c.kubeconfig]).sort(), [['prod', 'ctx-b', '/nowhere/kubeconfig'], ['staging', undefined, '/nowhere/kubeconfig']]);
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Connected' && s.latestEnv('staging')?.state === 'Connected', 'both connected');
    assert.equal(s.latestEnv('prod')?.context, 'ctx-b');
    assert.equal(s.latestEnv('prod')?.counts.Synced, 2);
    await s.session.waitFor(() => s.deltas.some((d) => d.environmentId === s.envId('prod') && d.reset), 'prod results');
    const reset = s.deltas.find((d) => d.environmentId === s.envId('prod') && d.reset);
    assert.deepEqual(reset?.upserted.map((r) => r.id), [resourceKeyId(API('shop')), resourceKeyId(WEB('shop'))]);
    assert.equal(reset?.upserted[0]?.label, 'Deployment.apps shop/api');

    await s.session.client.sendRequest(driftWatchRequest, { watching: false });
    await s.session.waitFor(() => s.factory.services.every((svc) => svc.stopped), 'services stopped');
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Idle' && s.latestEnv('staging')?.state === 'Idle', 'idle');
  });

  it('sends only the resources that changed, the last state of a burst in one message', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.deltas.filter((d) => d.reset).length >= 2, 'first results');
    const prod = s.factory.serviceOf('prod');
    assert.ok(prod);
    const before = s.deltas.length;
    const drifted = aReplicasDrift(API('shop'), 'apps/prod/api.yaml');
    // A burst in one turn: Unknown then Drifted for the same resource, and the other one removed.
    prod.emitChanged([aResult(API('shop'), DriftStatus.Unknown)]);
    prod.emitChanged([drifted], [resourceKeyId(WEB('shop'))]);
    await s.session.waitFor(() => s.deltas.length > before, 'a delta');
    const delta = s.deltas[before];
    assert.equal(s.deltas.length, before + 1, 'one message for the burst');
    assert.equal(delta?.reset, false);
    assert.deepEqual(delta?.upserted.map((r) => [r.id, r.status]), [[resourceKeyId(API('shop')), 'Drifted']]);
    assert.deepEqual(delta?.removed, [resourceKeyId(WEB('shop'))]);
    const field = delta?.upserted[0]?.fields[0];
    assert.equal(field?.source?.uri, s.session.uri('apps/prod/api.yaml'));
    assert.deepEqual(field?.source?.range, { start: { line: 6, character: 12 }, end: { line: 6, character: 13 } });
    assert.deepEqual([field?.gitValue, field?.liveValue, field?.attribution?.manager, field?.attribution?.subresource], [3, 5, 'kubectl', 'scale']);
    await s.session.waitFor(() => s.latestEnv('prod')?.counts.Drifted === 1 && s.latestEnv('prod')?.counts.Synced === 0, 'counts updated');
  });

  it('never sends a Secret value in a delta', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.deltas.filter((d) => d.reset).length >= 2, 'first results');
    const key = { group: '', kind: 'Secret', namespace: 'shop', name: 'db' };
    const before = s.deltas.length;
    s.factory.serviceOf('prod')?.emitChanged([aResult(key, DriftStatus.Drifted, {
      fields: [{ path: '.data.password', pointer: '/data/password', segments: ['data', 'password'], change: FieldChange.Changed, gitValue: 'aHVudGVyMg==', liveValue: 'czNjcmV0', suggestedAction: SuggestedAction.Revert, actionReason: 'r' }],
    })]);
    await s.session.waitFor(() => s.deltas.length > before, 'a delta');
    const field = s.deltas[before]?.upserted[0]?.fields[0];
    assert.deepEqual([field?.gitValue, field?.liveValue], [MASK, MASK_CHANGED]);
  });

  it('masks Secret values in the documents for the diff and normalizes both sides', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.factory.serviceOf('prod') !== undefined, 'prod service');
    const key = { group: '', kind: 'Secret', namespace: 'shop', name: 'db' };
    s.factory.serviceOf('prod')?.objects.set(resourceKeyId(key), {
      git: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'hunter2', user: 'admin' } },
      live: {
        apiVersion: 'v1', kind: 'Secret',
        metadata: { name: 'db', namespace: 'shop', uid: 'u-1', resourceVersion: '42', managedFields: [{ manager: 'kubectl' }] },
        data: { password: Buffer.from('s3cret').toString('base64'), user: Buffer.from('admin').toString('base64') },
      },
    });
    const docs = await s.session.client.sendRequest(driftDocumentsRequest, { environmentId: s.envId('prod'), resourceId: resourceKeyId(key) });
    assert.equal(docs.label, 'Secret shop/db');
    assert.equal(docs.context, 'ctx-a');
    assert.ok(docs.git && docs.live);
    for (const text of [docs.git, docs.live]) {
      assert.doesNotMatch(text, /hunter2|s3cret|admin|YWRtaW4|czNjcmV0|aHVudGVyMg/);
      assert.doesNotMatch(text, /uid|resourceVersion|managedFields/);
    }
    assert.match(docs.git, new RegExp(`password: "?\\*\\*\\*"?\\n`));
    assert.ok(docs.live.includes(`password: ${JSON.stringify(MASK_CHANGED)}`) || docs.live.includes(`password: ${MASK_CHANGED}`), docs.live);
    assert.ok(docs.live.includes(`user: "${MASK}"`) || docs.live.includes(`user: ${MASK}`), docs.live);
    assert.ok(docs.git.startsWith('apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n'), docs.git);
  });

  it('rebuilds the desired state of the environment whose files changed, and only that one', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.factory.services.length === 2, 'two services');
    const prod = s.factory.serviceOf('prod');
    const staging = s.factory.serviceOf('staging');
    s.session.writeFile('apps/staging/api.yaml', deployment('api').replace('replicas: 3', 'replicas: 4'));
    await s.session.fileChangedOnDisk('apps/staging/api.yaml', FileChangeType.Changed);
    await s.session.waitFor(() => (staging?.desiredCalls.length ?? 0) === 1, 'staging rebuilt');
    const rebuilt = staging?.desiredCalls[0]?.resourcesInFile('apps/staging/api.yaml')[0];
    assert.equal((rebuilt?.object.spec as { replicas?: number } | undefined)?.replicas, 4, 'the new index is passed');
    // A change elsewhere in the repository (under neither environment) touches neither; it is handled no
    // later than the staging change that follows it.
    s.session.writeFile('other/cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    await s.session.fileChangedOnDisk('other/cm.yaml', FileChangeType.Created);
    await s.session.fileChangedOnDisk('apps/staging/api.yaml', FileChangeType.Changed);
    await s.session.waitFor(() => (staging?.desiredCalls.length ?? 0) === 2, 'staging rebuilt again');
    assert.equal(prod?.desiredCalls.length, 0);
    await s.session.client.sendRequest(driftRefreshRequest, { environmentId: s.envId('staging') });
    assert.equal(staging?.desiredCalls.length, 3, 'refresh rebuilds too');
    assert.equal(prod?.desiredCalls.length, 0);
    assert.equal(s.factory.services.length, 2, 'no service restarted');
  });

  it('detects environments again when a Flux Kustomization changes: a new one starts, a removed one is dropped', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.factory.services.length === 2, 'two services');
    const prod = s.factory.serviceOf('prod');
    const staging = s.factory.serviceOf('staging');
    const prodOnly = FLUX.slice(0, FLUX.indexOf('---'));
    const qa = prodOnly.replaceAll('prod', 'qa').replace('./apps/qa', './apps/staging');
    s.session.writeFile('clusters/flux.yaml', `${prodOnly}---\n${qa}`);
    await s.session.fileChangedOnDisk('clusters/flux.yaml', FileChangeType.Changed);
    await s.session.waitFor(() => s.factory.serviceOf('qa') !== undefined && s.latestEnv('qa')?.state === 'Connected', 'qa started');
    assert.equal(staging?.stopped, true, 'staging stopped');
    assert.equal(prod?.stopped, false, 'prod kept');
    assert.equal(prod?.desiredCalls.length, 0, 'prod untouched: its files did not change');
    assert.deepEqual(s.environments.at(-1)?.environments.map((e) => e.name), ['prod', 'qa']);
    const last = s.deltas.filter((d) => d.environmentId === s.envId('staging')).at(-1);
    assert.deepEqual(last, { environmentId: s.envId('staging'), reset: true, upserted: [], removed: [] }, 'the client drops staging\'s results');
  });

  it('reads the unit\'s live Ready condition', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.factory.serviceOf('prod') !== undefined, 'prod service');
    s.factory.serviceOf('prod')?.liveUnits.set('Kustomization/flux-system/prod', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'prod' },
      status: { conditions: [{ type: 'Ready', status: 'False', message: 'kustomize build failed' }] },
    });
    await s.session.client.sendRequest(driftRefreshRequest, { environmentId: s.envId('prod') });
    await s.session.waitFor(() => s.latestEnv('prod')?.unit?.ready === 'False', 'unit state');
    assert.deepEqual(s.latestEnv('prod')?.unit, { kind: 'Kustomization', name: 'prod', namespace: 'flux-system', ready: 'False', message: 'kustomize build failed' });
  });

  it('reports cluster trouble as the environment state with its reason', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.factory.serviceOf('prod') !== undefined, 'prod service');
    s.factory.serviceOf('prod')?.emitStatus(ClusterStatus.Unreachable, 'connect ECONNREFUSED 127.0.0.1:1');
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Unreachable', 'unreachable');
    assert.equal(s.latestEnv('prod')?.reason, 'connect ECONNREFUSED 127.0.0.1:1');
    s.factory.serviceOf('prod')?.emitStatus(ClusterStatus.Connected);
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Connected', 'recovered');
    assert.equal(s.latestEnv('prod')?.reason, undefined);
  });

  it('turns a desired state that cannot be built into Error, with every result Unknown', async () => {
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Connected', 'connected');
    const prod = s.factory.serviceOf('prod');
    assert.ok(prod);
    prod.desiredError = new DriftServiceError({ kind: 'desired-state', message: 'kustomize build apps/prod: accumulating resources: missing.yaml' });
    await s.session.client.sendRequest(driftRefreshRequest, { environmentId: s.envId('prod') });
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Error', 'error state');
    assert.match(s.latestEnv('prod')?.reason ?? '', /kustomize build apps\/prod/);
    const reset = s.deltas.filter((d) => d.environmentId === s.envId('prod') && d.reset).at(-1);
    assert.ok(reset && reset.upserted.length === 2 && reset.upserted.every((r) => r.status === 'Unknown' && /desired state could not be built/.test(r.reason ?? '')));
    prod.desiredError = undefined;
    await s.session.client.sendRequest(driftRefreshRequest, { environmentId: s.envId('prod') });
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Connected', 'recovered');
  });
});

describe('drift messages: no kubeconfig, no environment', () => {
  const sessions: LspTestSession[] = [];
  after(() => Promise.all(sessions.map((x) => x.dispose())));

  it('says NoKubeconfig with how to connect, and lint keeps working', async () => {
    const factory = new FakeDriftFactory();
    factory.failWith = new DriftServiceError({ kind: 'no-kubeconfig', message: 'no kubeconfig found (looked at /nowhere/config)' });
    const s = await startSession(FILES, factory);
    sessions.push(s.session);
    const answer = await s.session.client.sendRequest(driftWatchRequest, { watching: true, kubeconfig: '/nowhere/config' });
    assert.equal(answer.kubeconfigFound, false);
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'NoKubeconfig', 'NoKubeconfig');
    assert.match(s.latestEnv('prod')?.reason ?? '', /no kubeconfig found.*KUBECONFIG/);
    assert.equal(s.environments.at(-1)?.kubeconfigFound, false);
    assert.deepEqual(s.environments.at(-1)?.contexts, []);
    await s.session.open('apps/prod/bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n');
    const diagnostics = await s.session.diagnosticsFor('apps/prod/bad.yaml');
    assert.ok(diagnostics.diagnostics.some((d) => d.code === 'image-tag'));
  });

  it('a cluster unreachable when drift starts is tried again by itself, and connects once it answers', async () => {
    const factory = new FakeDriftFactory((o) => [aResult(API(o.env?.namespace ?? 'default'))]);
    factory.failWith = new DriftServiceError({ kind: 'cluster', message: 'cannot reach https://10.0.0.1:6443: ECONNREFUSED', clusterStatus: ClusterStatus.Unreachable });
    const s = await startSession(FILES, factory);
    sessions.push(s.session);
    await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Unreachable', 'unreachable at start');
    const attempts = factory.calls.length;
    await s.session.waitFor(() => factory.calls.length >= attempts + 2, 'retried without being asked');
    factory.failWith = undefined;
    // Both environments retry on their own schedule: count calls only once neither has a retry pending.
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Connected' && s.latestEnv('staging')?.state === 'Connected', 'both connected once the cluster answers');
    const retries = factory.calls.length;
    await s.session.client.sendRequest(driftWatchRequest, { watching: false });
    await s.session.waitFor(() => s.latestEnv('prod')?.state === 'Idle', 'idle');
    assert.equal(factory.calls.length, retries, 'no retry once connected or stopped');
  });

  it('a drift start that hangs (a slow cluster) blocks neither the answer nor lint', async () => {
    const session = await LspTestSession.start({ files: FILES, deps: { driftService: () => new Promise(() => undefined), timing: TIMING } });
    sessions.push(session);
    const answer = await session.client.sendRequest(driftWatchRequest, { watching: true });
    assert.deepEqual(answer.environments.map((e) => e.state), ['Connecting', 'Connecting']);
    await session.open('apps/prod/bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n');
    const diagnostics = await session.diagnosticsFor('apps/prod/bad.yaml');
    assert.ok(diagnostics.diagnostics.some((d) => d.code === 'image-tag'));
  });

  it('compares the whole repository as one environment named \'\' when none is detected', async () => {
    const factory = new FakeDriftFactory((o) => [aResult(API(o.env?.namespace ?? 'default'))]);
    const s = await startSession({ 'app/api.yaml': deployment('api') }, factory);
    sessions.push(s.session);
    const answer = await s.session.client.sendRequest(driftWatchRequest, { watching: true });
    assert.deepEqual(answer.environments.map((e) => [e.id, e.name, e.path, e.unit]), [[s.envId(''), '', '', undefined]]);
    await s.session.waitFor(() => s.deltas.some((d) => d.environmentId === s.envId('') && d.reset && d.upserted.length === 1), 'results');
    assert.equal(factory.calls[0]?.env, undefined);
  });

  it('answers a documents request for an unknown environment without failing', async () => {
    const s = await startSession(FILES, new FakeDriftFactory());
    sessions.push(s.session);
    const docs = await s.session.client.sendRequest(driftDocumentsRequest, { environmentId: 'nope', resourceId: 'apps/Deployment/shop/api' });
    assert.deepEqual(docs, { label: 'apps/Deployment/shop/api' });
  });
});
