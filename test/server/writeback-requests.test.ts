// The write-back requests over the real server: planning from the running drift service of an environment,
// the texts the extension previews, merging "all drift of an environment", and the Git / pull-request steps,
// with a fake backend that records what the server asked of it.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { GitRefusal, type CommitRequest, type PreflightRequest } from '../../src/adapters/git/git-writeback-api.js';
import type { EditPlan, PlanOutcome } from '../../src/core/edit/edit-plan.js';
import type { DesiredContext } from '../../src/adapters/drift/drift-service-api.js';
import { resourceKeyId } from '../../src/core/resource/resource-key.js';
import { driftWatchRequest } from '../../src/protocol/drift-messages.js';
import { writeBackCommitRequest, writeBackPlanRequest, writeBackPreflightRequest, type WriteBackCommitParams } from '../../src/protocol/writeback-messages.js';
import type { WriteBackBackend } from '../../src/server/writeback/writeback-backend.js';
import { aReplicasDrift, aResult, FakeDriftFactory } from './support/fake-drift-service.js';
import { LspTestSession } from './support/lsp-test-session.js';

const deployment = (name: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          image: nginx:1.27
`;
const FILES = { 'apps/api.yaml': deployment('api'), 'apps/web.yaml': deployment('web') };
const API = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'api' };
const WEB = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' };
const TIMING = { documentDelayMs: 0, workspaceDelayMs: 10, driftStopDelayMs: 0, driftDesiredDelayMs: 0, driftRetryBaseMs: 10 };

function replicasPlan(path: string, to: number): EditPlan {
  return {
    files: [{ path, edits: [{ path, range: { start: { line: 6, character: 12 }, end: { line: 6, character: 13 } }, newText: String(to) }] }],
    fields: [{ path: '.spec.replicas', from: 3, to, file: path, layer: 'plain manifest' }],
    summary: [`.spec.replicas 3 → ${to} in ${path}`],
    commitMessage: `Codify live change: Deployment shop/${path.includes('api') ? 'api' : 'web'} .spec.replicas 3 → ${to} (kubectl scale, ctx-a)`,
    refused: [],
  };
}

class FakeBackend implements WriteBackBackend {
  readonly codify: { resourceId: string; options: unknown }[] = [];
  readonly intents: { resourceId: string; options: unknown }[] = [];
  readonly preflights: PreflightRequest[] = [];
  readonly commits: CommitRequest[] = [];
  outcomes = new Map<string, PlanOutcome>();
  preflightError: Error | undefined;
  commitError: Error | undefined;

  planCodify(_service: unknown, resourceId: string, options: unknown): PlanOutcome {
    this.codify.push({ resourceId, options });
    return this.outcomes.get(resourceId) ?? { kind: 'refused', reason: 'no plan in this test' };
  }
  planIntent(_service: unknown, resourceId: string, options: unknown): PlanOutcome {
    this.intents.push({ resourceId, options });
    return { kind: 'plan', plan: replicasPlan('apps/api.yaml', 4) };
  }
  async preflight(request: PreflightRequest) {
    this.preflights.push(request);
    if (this.preflightError) throw this.preflightError;
    return { topLevel: request.root, branch: 'main', remote: { name: 'origin', url: 'git@github.com:acme/gitops.git' } };
  }
  async commit(request: CommitRequest) {
    this.commits.push(request);
    if (this.commitError) throw this.commitError;
    return { branch: request.branch, baseBranch: 'main', commit: 'abc123', pushed: request.push, remote: { name: 'origin', url: 'git@github.com:acme/gitops.git' } };
  }
  branchName(template: string, subject: { name?: string; environment: string }): string {
    return template.replace('{name}', subject.name ?? 'all').replace('{environment}', subject.environment);
  }
}

interface Started {
  session: LspTestSession;
  backend: FakeBackend;
  envId: string;
  factory: FakeDriftFactory;
}

async function start(backend: FakeBackend | undefined = new FakeBackend(), watch = true): Promise<Started> {
  const factory = new FakeDriftFactory(() => [aReplicasDrift(API, 'apps/api.yaml'), aReplicasDrift(WEB, 'apps/web.yaml'), aResult({ ...API, kind: 'Service' })]);
  const session = await LspTestSession.start({ files: FILES, deps: { driftService: factory.create, timing: TIMING, ...(backend ? { writeBack: backend } : {}) } });
  if (watch) {
    await session.client.sendRequest(driftWatchRequest, { watching: true });
    await session.waitFor(() => factory.services.length === 1, 'a drift service');
  }
  return { session, backend: backend ?? new FakeBackend(), envId: `${session.uri('')}#`, factory };
}

const COMMIT: Omit<WriteBackCommitParams, 'folderUri'> = { files: ['apps/api.yaml'], message: 'Codify live change', branch: 'gitops/codify-api', mode: 'branch+push' };
const PREFLIGHT = { files: ['apps/api.yaml'], branchTemplate: 'gitops/codify-{name}', subject: { kind: 'Deployment', namespace: 'shop', name: 'api', environment: '' }, mode: 'branch+push' as const };

describe('write-back requests', () => {
  let s: Started | undefined;
  afterEach(async () => {
    await s?.session.dispose();
    s = undefined;
  });

  it('plans one resource from the running drift service and sends the texts the plan was made against', async () => {
    s = await start();
    s.backend.outcomes.set(resourceKeyId(API), { kind: 'plan', plan: replicasPlan('apps/api.yaml', 5) });
    const result = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API), fields: ['.spec.replicas'] });
    assert.equal(result.outcome.kind, 'plan');
    assert.deepEqual(s.backend.codify, [{ resourceId: resourceKeyId(API), options: { fields: ['.spec.replicas'] } }]);
    assert.deepEqual(result.files, [{ path: 'apps/api.yaml', uri: s.session.uri('apps/api.yaml'), text: FILES['apps/api.yaml'] }]);
    assert.equal(result.folderUri, s.session.uri('').replace(/\/$/, ''));
    const { hash, ...subject } = result.subject;
    assert.deepEqual(subject, { kind: 'Deployment', namespace: 'shop', name: 'api', environment: '', context: 'ctx-a', field: 'replicas' });
    // The branch template's {hash}: the same drift planned again gives the same one, another live value another.
    assert.match(hash ?? '', /^[0-9a-f]{8}$/);
    const again = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API), fields: ['.spec.replicas'] });
    assert.equal(again.subject.hash, hash);
    s.backend.outcomes.set(resourceKeyId(API), { kind: 'plan', plan: replicasPlan('apps/api.yaml', 6) });
    const other = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API), fields: ['.spec.replicas'] });
    assert.notEqual(other.subject.hash, hash);
  });

  it('plans against the open document, unsaved text included', async () => {
    s = await start();
    const edited = FILES['apps/api.yaml'].replace('name: api', 'name: api # edited');
    await s.session.open('apps/api.yaml', edited);
    s.backend.outcomes.set(resourceKeyId(API), { kind: 'plan', plan: replicasPlan('apps/api.yaml', 5) });
    const result = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API) });
    assert.equal(result.files[0]?.text, edited);
  });

  it('sends the text the plan was made against (the drift service\'s index, which lags a save), not the newer file, so the extension refuses stale offsets', async () => {
    s = await start();
    const service = s.factory.services[0];
    assert.ok(service);
    const indexed = FILES['apps/api.yaml'];
    const saved = `# a comment saved since drift last read the file\n${indexed}`;
    await s.session.open('apps/api.yaml', saved);
    service.desiredContexts.set(resourceKeyId(API), { desired: {} as DesiredContext['desired'], index: { files: new Map([['apps/api.yaml', { text: indexed }]]) } as unknown as DesiredContext['index'] });
    s.backend.outcomes.set(resourceKeyId(API), { kind: 'plan', plan: replicasPlan('apps/api.yaml', 5) });
    const result = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API) });
    assert.equal(result.files[0]?.text, indexed);
  });

  it('codifies all drift of an environment as one plan: every drifted resource, one commit message', async () => {
    s = await start();
    s.backend.outcomes.set(resourceKeyId(API), { kind: 'plan', plan: replicasPlan('apps/api.yaml', 5) });
    s.backend.outcomes.set(resourceKeyId(WEB), { kind: 'plan', plan: replicasPlan('apps/web.yaml', 6) });
    const result = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId });
    assert.deepEqual(s.backend.codify.map((c) => c.resourceId), [resourceKeyId(API), resourceKeyId(WEB)], 'only the drifted resources (not the Synced Service)');
    assert.equal(result.outcome.kind, 'plan');
    if (result.outcome.kind !== 'plan') return;
    assert.deepEqual(result.outcome.plan.files.map((f) => f.path), ['apps/api.yaml', 'apps/web.yaml']);
    assert.match(result.outcome.plan.commitMessage, /^Codify live changes: 2 resources\n\n- Codify live change: Deployment shop\/api .*\n- Codify live change: Deployment shop\/web /);
    assert.deepEqual(result.files.map((f) => f.path), ['apps/api.yaml', 'apps/web.yaml']);
  });

  it('asks the layer question once for all drift and passes the answer on', async () => {
    s = await start();
    s.backend.outcomes.set(resourceKeyId(API), { kind: 'choose-layer', question: 'q', sharedWith: ['staging'] });
    s.backend.outcomes.set(resourceKeyId(WEB), { kind: 'plan', plan: replicasPlan('apps/web.yaml', 6) });
    const asked = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId });
    assert.equal(asked.outcome.kind, 'choose-layer');
    await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, layer: 'base' });
    assert.deepEqual(s.backend.codify.slice(-2).map((c) => c.options), [{ layer: 'base' }, { layer: 'base' }]);
  });

  it('plans an intent with its path and value', async () => {
    s = await start();
    const result = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API), intent: { kind: 'scale', path: '.spec.replicas', value: 4 } });
    assert.equal(result.outcome.kind, 'plan');
    assert.deepEqual(s.backend.intents, [{ resourceId: resourceKeyId(API), options: { path: '.spec.replicas', value: 4, intent: 'scale' } }]);
  });

  it('refuses with what to do: no drift service running, unknown environment, no backend', async () => {
    s = await start(new FakeBackend(), false);
    const idle = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API) });
    assert.equal(idle.outcome.kind, 'refused');
    assert.match(idle.outcome.kind === 'refused' ? idle.outcome.reason : '', /Drift is not running .*open the Drift view/);
    const unknown = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: 'file:///nowhere#x' });
    assert.match(unknown.outcome.kind === 'refused' ? unknown.outcome.reason : '', /no longer known/);
    await s.session.dispose();
    s = await start(null as unknown as undefined);
    const none = await s.session.client.sendRequest(writeBackPlanRequest, { environmentId: s.envId, resourceId: resourceKeyId(API) });
    assert.match(none.outcome.kind === 'refused' ? none.outcome.reason : '', /without write-back/);
    const commit = await s.session.client.sendRequest(writeBackCommitRequest, { ...COMMIT, folderUri: s.session.uri('') });
    assert.deepEqual([commit.kind, commit.kind === 'refused' ? commit.reason : ''], ['refused', 'unavailable']);
  });

  it('preflight names the new branch from the template and checks it, or answers the Git refusal with its message', async () => {
    s = await start();
    const folderUri = s.session.uri('').replace(/\/$/, '');
    const ok = await s.session.client.sendRequest(writeBackPreflightRequest, { ...PREFLIGHT, folderUri });
    assert.deepEqual(ok, { kind: 'ok', branch: 'main', newBranch: 'gitops/codify-api', remote: { name: 'origin', url: 'git@github.com:acme/gitops.git' } });
    assert.deepEqual(s.backend.preflights, [{ root: s.session.root, files: ['apps/api.yaml'], branch: 'gitops/codify-api', push: true }]);
    await s.session.client.sendRequest(writeBackPreflightRequest, { ...PREFLIGHT, folderUri, mode: 'commit' });
    assert.equal(s.backend.preflights[1]?.push, false, 'commit mode needs no remote');
    s.backend.preflightError = new GitRefusal('target-modified', 'apps/api.yaml has uncommitted changes: commit or stash them first.');
    const refused = await s.session.client.sendRequest(writeBackPreflightRequest, { ...PREFLIGHT, folderUri });
    assert.deepEqual(refused, { kind: 'refused', reason: 'target-modified', message: 'apps/api.yaml has uncommitted changes: commit or stash them first.' });
    const outside = await s.session.client.sendRequest(writeBackPreflightRequest, { ...PREFLIGHT, folderUri: 'file:///etc', files: ['passwd'] });
    assert.equal(outside.kind, 'refused', 'never a directory outside the workspace');
    assert.equal(s.backend.preflights.length, 3);
  });

  it('commits on the preflight\'s branch and pushes per mode; with a pull request asked for it only commits and pushes (the extension host opens it: no token comes here)', async () => {
    s = await start();
    const folderUri = s.session.uri('');
    const pushed = await s.session.client.sendRequest(writeBackCommitRequest, { ...COMMIT, folderUri });
    assert.deepEqual(pushed, { kind: 'committed', branch: 'gitops/codify-api', baseBranch: 'main', commit: 'abc123', pushed: true, remote: { name: 'origin', url: 'git@github.com:acme/gitops.git' } });
    assert.deepEqual(s.backend.commits[0], { root: s.session.root, files: ['apps/api.yaml'], branch: 'gitops/codify-api', message: 'Codify live change', push: true });
    await s.session.client.sendRequest(writeBackCommitRequest, { ...COMMIT, folderUri, mode: 'commit' });
    assert.equal(s.backend.commits[1]?.push, false, 'commit mode does not push');
    const withPr = await s.session.client.sendRequest(writeBackCommitRequest, { ...COMMIT, folderUri, mode: 'branch+push+pr' });
    assert.deepEqual(withPr, pushed);
    assert.equal(s.backend.commits[2]?.push, true);
  });

  it('a refused push is a refusal that says how to continue', async () => {
    s = await start();
    s.backend.commitError = new GitRefusal('push-rejected', 'The remote rejected the push; the commit is on gitops/codify-api locally: pull, then push it.');
    const result = await s.session.client.sendRequest(writeBackCommitRequest, { ...COMMIT, folderUri: s.session.uri('') });
    assert.deepEqual(result, { kind: 'refused', reason: 'push-rejected', message: 'The remote rejected the push; the commit is on gitops/codify-api locally: pull, then push it.' });
  });
});
