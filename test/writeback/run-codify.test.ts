// runCodify end to end on a real repository: files written, committed on a new branch, pushed to the bare
// origin, the pull request opened on a local forge; a refusal or a failed commit leaves everything as it was.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { GitRefusal } from '../../src/adapters/git/git-writeback-api.js';
import { previewCodify, runCodify, type CodifyRequest } from '../../src/adapters/writeback/run-codify.js';
import type { EditPlan } from '../../src/core/edit/edit-plan.js';
import { createGitSandbox, type GitSandbox } from '../support/git-sandbox.js';
import { startFakeForge, type FakeForge } from '../support/fake-forge.js';

const APP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  # Friday peak\n  replicas: 3\n';
let box: GitSandbox | undefined;
let forge: FakeForge | undefined;
afterEach(async () => {
  box?.remove();
  await forge?.close();
  forge = undefined;
});

const plan: EditPlan = {
  files: [{ path: 'apps/api.yaml', edits: [{ path: 'apps/api.yaml', range: { start: { line: 7, character: 12 }, end: { line: 7, character: 13 } }, newText: '5' }] }],
  fields: [{ path: '.spec.replicas', from: 3, to: 5, file: 'apps/api.yaml', layer: 'file' }],
  summary: ['.spec.replicas 3 → 5 in apps/api.yaml'],
  commitMessage: 'Codify live change: Deployment shop/api .spec.replicas 3 → 5 (kubectl scale, kind-test)',
  refused: [],
};

function request(b: GitSandbox, extra: Partial<CodifyRequest> = {}): CodifyRequest {
  return {
    root: join(b.repo, 'apps', '..'),
    plan,
    originals: new Map([['apps/api.yaml', APP]]),
    mode: 'branch+push',
    branch: 'gitops/codify-deployment-api',
    story: { resource: 'Deployment shop/api', clusterContext: 'kind-test', liveChanges: [{ path: '.spec.replicas', manager: 'kubectl', subresource: 'scale' }] },
    ...extra,
  };
}

function sandbox(): GitSandbox {
  box = createGitSandbox({ 'apps/api.yaml': APP, 'README.md': '# deploy\n' });
  return box;
}

describe('runCodify', () => {
  it('branch+push+pr: writes the file, commits it on the branch, pushes it, and opens the pull request with the drift story', async () => {
    const b = sandbox();
    forge = await startFakeForge([(r) => (r.method === 'POST' ? { status: 201, json: { html_url: 'https://github.example.com/shop/deploy/pull/1', number: 1 } } : undefined)]);
    b.git(['remote', 'set-url', 'origin', 'https://github.example.com/shop/deploy.git']);
    b.git(['remote', 'set-url', '--push', 'origin', b.origin]);
    const result = await runCodify(request(b, {
      mode: 'branch+push+pr',
      pullRequest: { settings: { 'github.example.com': { provider: 'github', apiBase: forge.baseUrl } }, token: (provider) => (provider === 'github' ? 'ghp_testtokentesttokentest' : undefined) },
    }));
    assert.equal(b.read('apps/api.yaml'), APP.replace('replicas: 3', 'replicas: 5'));
    assert.deepEqual(result.changes.map((c) => c.path), ['apps/api.yaml']);
    assert.equal(result.commit.pushed, true);
    assert.equal(b.git(['rev-parse', 'refs/heads/gitops/codify-deployment-api'], b.origin).trim(), result.commit.commit);
    assert.equal(b.git(['log', '-1', '--format=%s', result.commit.commit]).trim(), plan.commitMessage);
    assert.deepEqual(result.pullRequest, { kind: 'opened', url: 'https://github.example.com/shop/deploy/pull/1', number: 1, existed: false });
    const body = forge.requests[0]?.body as { title: string; body: string; head: string; base: string };
    assert.equal(body.title, plan.commitMessage);
    assert.deepEqual([body.head, body.base], ['gitops/codify-deployment-api', 'main']);
    assert.match(body.body, /\| `\.spec\.replicas` \| `3` \| `5` \| `apps\/api\.yaml` \(file\) \| kubectl \(scale\) \|/);
    assert.match(body.body, /compare\/main\.\.\.gitops\/codify-deployment-api/);
  });

  it('commit: a local branch only; a root below the top level maps the plan\'s paths into the repository', async () => {
    const b = sandbox();
    const apps = join(b.repo, 'apps');
    const sub: EditPlan = { ...plan, files: [{ path: 'api.yaml', edits: plan.files[0]?.edits ?? [] }] };
    const result = await runCodify({ ...request(b), root: apps, plan: sub, originals: new Map([['api.yaml', APP]]), mode: 'commit' });
    assert.equal(result.commit.pushed, false);
    assert.deepEqual(b.git(['show', '--name-only', '--format=', 'HEAD']).trim().split('\n'), ['apps/api.yaml']);
    assert.equal(b.git(['ls-remote', '--heads', 'origin']).includes('codify'), false);
  });

  it('a refusal known before writing (the branch exists) writes nothing', async () => {
    const b = sandbox();
    b.git(['branch', 'gitops/codify-deployment-api']);
    const before = b.snapshot();
    await assert.rejects(runCodify(request(b)), (e: unknown) => e instanceof GitRefusal && e.reason === 'branch-exists');
    assert.equal(b.snapshot(), before);
  });

  it('a commit that fails puts the written file back', async () => {
    const b = sandbox();
    const hook = join(b.repo, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\nexit 1\n');
    chmodSync(hook, 0o755);
    const before = b.snapshot();
    await assert.rejects(runCodify(request(b)), /nothing was committed/);
    assert.equal(b.snapshot(), before);
  });

  it('a file changed since planning is refused before anything is written', async () => {
    const b = sandbox();
    const before = b.snapshot();
    await assert.rejects(runCodify({ ...request(b), originals: new Map([['apps/api.yaml', APP.replace('3', '4')]]) }), /changed since the change was planned/);
    assert.equal(b.snapshot(), before);
  });

  it('previewCodify computes the change without writing', () => {
    const b = sandbox();
    const changes = previewCodify(request(b));
    assert.equal(changes[0]?.after, APP.replace('replicas: 3', 'replicas: 5'));
    assert.equal(b.read('apps/api.yaml'), APP);
  });
});
