// The pure parts of pull requests: remote URLs, the forge chosen by settings, and the PR text (no Secret values).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditPlan } from '../../../src/core/edit/edit-plan.js';
import { choosePullRequestTarget, compareUrlOf } from '../../../src/core/writeback/pull-request-target.js';
import { pullRequestTextOf } from '../../../src/core/writeback/pull-request-text.js';
import { parseRemoteUrl } from '../../../src/core/writeback/remote-url.js';

function repo(url: string) {
  const r = parseRemoteUrl(url);
  assert.ok(r);
  return r;
}

describe('parseRemoteUrl', () => {
  const cases: [string, { host: string; path: string; owner: string; name: string; webUrl: string } | undefined][] = [
    ['https://github.com/shop/deploy.git', { host: 'github.com', path: 'shop/deploy', owner: 'shop', name: 'deploy', webUrl: 'https://github.com/shop/deploy' }],
    ['https://user:tok@GitHub.com/shop/deploy/', { host: 'github.com', path: 'shop/deploy', owner: 'shop', name: 'deploy', webUrl: 'https://github.com/shop/deploy' }],
    ['git@github.com:shop/deploy.git', { host: 'github.com', path: 'shop/deploy', owner: 'shop', name: 'deploy', webUrl: 'https://github.com/shop/deploy' }],
    ['ssh://git@gitlab.example.com:2222/platform/team/deploy.git', { host: 'gitlab.example.com', path: 'platform/team/deploy', owner: 'platform/team', name: 'deploy', webUrl: 'https://gitlab.example.com/platform/team/deploy' }],
    ['https://git.example.com:8443/a/b', { host: 'git.example.com', path: 'a/b', owner: 'a', name: 'b', webUrl: 'https://git.example.com:8443/a/b' }],
    ['http://127.0.0.1:3000/a/b.git', { host: '127.0.0.1', path: 'a/b', owner: 'a', name: 'b', webUrl: 'http://127.0.0.1:3000/a/b' }],
    ['git://example.com/a/b.git', { host: 'example.com', path: 'a/b', owner: 'a', name: 'b', webUrl: 'https://example.com/a/b' }],
    ['/srv/git/origin.git', undefined],
    ['file:///srv/git/origin.git', undefined],
    ['https://github.com/onlyowner', undefined],
  ];
  for (const [url, expected] of cases) it(url, () => assert.deepEqual(parseRemoteUrl(url), expected));
});

describe('choosePullRequestTarget', () => {
  it('knows github.com and gitlab.com', () => {
    const gh = choosePullRequestTarget(repo('git@github.com:shop/deploy.git'), 'main', 'b');
    assert.equal(gh.kind, 'github');
    assert.equal(gh.kind === 'github' && gh.apiBase, 'https://api.github.com');
    const gl = choosePullRequestTarget(repo('https://gitlab.com/a/b/c.git'), 'main', 'b');
    assert.equal(gl.kind === 'gitlab' && gl.apiBase, 'https://gitlab.com/api/v4');
    assert.equal(gl.compareUrl, 'https://gitlab.com/a/b/c/-/merge_requests/new?merge_request%5Bsource_branch%5D=b&merge_request%5Btarget_branch%5D=main');
  });
  it('settings map a host to a provider (GitHub Enterprise API default /api/v3); --pr forces one', () => {
    const ghe = choosePullRequestTarget(repo('https://ghe.corp.example/shop/deploy'), 'main', 'b', { 'ghe.corp.example': { provider: 'github' } });
    assert.equal(ghe.kind === 'github' && ghe.apiBase, 'https://ghe.corp.example/api/v3');
    const forced = choosePullRequestTarget(repo('https://code.corp.example/shop/deploy'), 'main', 'b', {}, 'gitlab');
    assert.equal(forced.kind === 'gitlab' && forced.apiBase, 'https://code.corp.example/api/v4');
    const unknown = choosePullRequestTarget(repo('https://code.corp.example/shop/deploy'), 'main', 'gitops/x');
    assert.equal(unknown.kind === 'compare' && unknown.refusal, undefined);
    assert.deepEqual([unknown.kind, unknown.compareUrl], ['compare', 'https://code.corp.example/shop/deploy/compare/main...gitops/x?expand=1']);
    assert.equal(compareUrlOf(repo('https://bitbucket.org/a/b'), 'main', 'x', undefined), 'https://bitbucket.org/a/b/pull-requests/new?source=x&dest=main');
  });
});

describe('choosePullRequestTarget: where a token may go', () => {
  it('github.com and gitlab.com are never overridden by settings', () => {
    const gh = choosePullRequestTarget(repo('git@github.com:shop/deploy.git'), 'main', 'b', { 'github.com': { provider: 'github', apiBase: 'https://evil.example/api' } });
    assert.equal(gh.kind === 'github' && gh.apiBase, 'https://api.github.com');
    const gl = choosePullRequestTarget(repo('https://gitlab.com/a/b.git'), 'main', 'b', { 'gitlab.com': { provider: 'gitlab', apiBase: 'https://evil.example/api/v4' } }, 'gitlab');
    assert.equal(gl.kind === 'gitlab' && gl.apiBase, 'https://gitlab.com/api/v4');
  });
  it('an API base over plain http (not loopback) or with credentials gives the compare URL and the reason, never a forge target', () => {
    const http = choosePullRequestTarget(repo('https://ghe.corp.example/shop/deploy'), 'main', 'b', { 'ghe.corp.example': { provider: 'github', apiBase: 'http://ghe.corp.example/api/v3' } });
    assert.equal(http.kind, 'compare');
    assert.match(http.kind === 'compare' ? http.refusal ?? '' : '', /http:\/\/ghe\.corp\.example is not https/);
    const fromRemote = choosePullRequestTarget(repo('http://git.corp.example/a/b.git'), 'main', 'b', {}, 'gitlab');
    assert.equal(fromRemote.kind, 'compare');
    const creds = choosePullRequestTarget(repo('https://ghe.corp.example/a/b'), 'main', 'b', { 'ghe.corp.example': { provider: 'github', apiBase: 'https://u:p@ghe.corp.example/api/v3' } });
    assert.match(creds.kind === 'compare' ? creds.refusal ?? '' : '', /carries credentials/);
  });
  it('plain http is allowed to this machine only (127.0.0.1, localhost, ::1)', async () => {
    const { apiBaseProblem } = await import('../../../src/core/writeback/pull-request-target.js');
    for (const ok of ['https://ghe.corp.example/api/v3', 'http://127.0.0.1:8080', 'http://localhost:1/api', 'http://[::1]:9/x']) assert.equal(apiBaseProblem(ok), undefined, ok);
    for (const bad of ['http://10.0.0.1/api', 'http://127.0.0.1.evil.example/', 'ftp://x/', 'not a url', 'http://localhost.evil.example/']) assert.ok(apiBaseProblem(bad), bad);
  });
});

describe('pullRequestTextOf', () => {
  const plan: EditPlan = {
    files: [],
    fields: [{ path: '.spec.replicas', from: 3, to: 5, file: 'overlays/prod/kustomization.yaml', layer: 'kustomization replicas:' }],
    summary: [],
    commitMessage: 'Codify live change: Deployment shop/api .spec.replicas 3 → 5 (kubectl scale, prod-eu)\n\nbody',
    refused: [{ path: '.spec.template.spec.containers[name="app"].env[name="X"].value', reason: 'comes from a Secret' }],
  };
  it('tells the drift story: resource, environment, context, field, values, file, who and when', () => {
    const text = pullRequestTextOf(plan, { resource: 'Deployment shop/api', environment: 'prod-eu', clusterContext: 'prod-eu', liveChanges: [{ path: '.spec.replicas', manager: 'kubectl', subresource: 'scale', time: '2026-12-04T10:00:00Z' }], diffUrl: 'https://github.com/shop/deploy/compare/main...b' });
    assert.equal(text.title, 'Codify live change: Deployment shop/api .spec.replicas 3 → 5 (kubectl scale, prod-eu)');
    assert.match(text.body, /\*\*Deployment shop\/api\*\* \(environment \*\*prod-eu\*\*, cluster context `prod-eu`\)/);
    assert.match(text.body, /\| `\.spec\.replicas` \| `3` \| `5` \| `overlays\/prod\/kustomization\.yaml` \(kustomization replicas:\) \| kubectl \(scale\) at 2026-12-04T10:00:00Z \|/);
    assert.match(text.body, /Not codified:\n- `\.spec\.template[^`]+`: comes from a Secret/);
    assert.match(text.body, /\[Compare the branch\]\(https:\/\/github\.com\/shop\/deploy\/compare\/main\.\.\.b\)/);
  });
  it('never shows the values of a Secret, and redacts credentials', () => {
    const secret: EditPlan = { ...plan, fields: [{ path: '.data.password', from: 'b2xk', to: 'bmV3', file: 's.yaml', layer: 'file' }], commitMessage: 'x https://u:p@h/r' };
    const text = pullRequestTextOf(secret, { resource: 'Secret shop/db', isSecret: true });
    assert.doesNotMatch(text.body, /b2xk|bmV3/);
    assert.match(text.body, /\(hidden\) \| \(hidden\)/);
    assert.equal(text.title, 'x https://h/r');
  });
});

describe('parseWriteBackSettings', () => {
  it('reads the branch template; a repository file never sets forges (they would choose where the token goes)', async () => {
    const { FORGES_IN_REPOSITORY_PROBLEM, parseWriteBackSettings } = await import('../../../src/core/writeback/write-back-settings.js');
    const parsed = parseWriteBackSettings({
      branchTemplate: 'codify/{env}/{name}',
      forges: { 'GHE.corp.example': { provider: 'github', apiBase: 'https://ghe.corp.example/api/v3' }, 'git.corp': { provider: 'gitea' }, 'gl.corp': { provider: 'gitlab' } },
      other: 1,
    });
    assert.equal(parsed.branchTemplate, 'codify/{env}/{name}');
    assert.equal('forges' in parsed, false);
    assert.deepEqual(parsed.problems, [FORGES_IN_REPOSITORY_PROBLEM, "writeBack: unknown key 'other' (known: branchTemplate)"]);
    assert.equal(parseWriteBackSettings(undefined).branchTemplate, 'gitops/codify-{kind}-{name}-{hash}');
  });
});
