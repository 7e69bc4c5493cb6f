// Pull/merge requests against a local server speaking the GitHub and GitLab REST shapes: the request, the
// token header, and the failures a person meets (401, 403, 404, "already exists", network).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { openPullRequest } from '../../src/core/writeback/pull-request-client.js';
import { PullRequestError } from '../../src/core/writeback/forge-http.js';
import { choosePullRequestTarget } from '../../src/core/writeback/pull-request-target.js';
import { parseRemoteUrl } from '../../src/core/writeback/remote-url.js';
import { startFakeForge, type FakeForge, type Route } from '../support/fake-forge.js';

const TEXT = { title: 'Codify live change: Deployment shop/api .spec.replicas 3 → 5', body: 'The drift story.' };
const TOKEN = 'ghp_0123456789abcdefghijABCDEFGHIJ';
let forge: FakeForge | undefined;
afterEach(async () => forge?.close());

async function github(routes: Route[], remote = 'git@github.example.com:shop/deploy.git') {
  forge = await startFakeForge(routes);
  const repository = parseRemoteUrl(remote);
  assert.ok(repository);
  const target = choosePullRequestTarget(repository, 'main', 'gitops/codify-x', { 'github.example.com': { provider: 'github', apiBase: `${forge.baseUrl}/api/v3` } });
  return openPullRequest({ target, branch: 'gitops/codify-x', base: 'main', text: TEXT, token: TOKEN, fetch });
}

async function gitlab(routes: Route[]) {
  forge = await startFakeForge(routes);
  const repository = parseRemoteUrl('https://gitlab.example.com/platform/team/deploy.git');
  assert.ok(repository);
  const target = choosePullRequestTarget(repository, 'main', 'gitops/codify-x', { 'gitlab.example.com': { provider: 'gitlab', apiBase: `${forge.baseUrl}/api/v4/` } });
  return openPullRequest({ target, branch: 'gitops/codify-x', base: 'main', text: TEXT, token: 'glpat-0123456789abcdefghij', fetch });
}

async function failure(promise: Promise<unknown>): Promise<PullRequestError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PullRequestError, String(error));
    return error;
  }
  assert.fail('expected a PullRequestError');
}

describe('GitHub pull requests', () => {
  it('POSTs the pull request with the bearer token and answers its URL', async () => {
    const result = await github([(r) => (r.method === 'POST' && r.url === '/api/v3/repos/shop/deploy/pulls' ? { status: 201, json: { html_url: 'https://github.example.com/shop/deploy/pull/7', number: 7 } } : undefined)]);
    assert.deepEqual(result, { kind: 'opened', url: 'https://github.example.com/shop/deploy/pull/7', number: 7, existed: false });
    const req = forge?.requests[0];
    assert.equal(req?.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(req?.headers.accept, 'application/vnd.github+json');
    assert.deepEqual(req?.body, { title: TEXT.title, head: 'gitops/codify-x', base: 'main', body: TEXT.body, maintainer_can_modify: true });
  });

  it('422 "A pull request already exists" answers the open one, listed by head', async () => {
    const result = await github([
      (r) => (r.method === 'POST' ? { status: 422, json: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for shop:gitops/codify-x.' }] } } : undefined),
      (r) => (r.method === 'GET' && r.url === '/api/v3/repos/shop/deploy/pulls?state=open&head=shop%3Agitops%2Fcodify-x' ? { status: 200, json: [{ html_url: 'https://github.example.com/shop/deploy/pull/3', number: 3 }] } : undefined),
    ]);
    assert.deepEqual(result, { kind: 'opened', url: 'https://github.example.com/shop/deploy/pull/3', number: 3, existed: true });
  });

  it('401 says the token was refused, without the token', async () => {
    const error = await failure(github([() => ({ status: 401, json: { message: 'Bad credentials' } })]));
    assert.equal(error.failure, 'unauthorized');
    assert.match(error.message, /GitHub refused the token \(GitHub says: Bad credentials\)/);
    assert.doesNotMatch(error.message, /ghp_/);
  });

  it('403 names the scope; 404 names the repository; another 422 gives GitHub\'s words', async () => {
    assert.match((await failure(github([() => ({ status: 403, json: { message: 'Resource not accessible by integration' } })]))).message, /repo \(GitHub\) or api \(GitLab\) scope/);
    await forge?.close();
    assert.equal((await failure(github([() => ({ status: 404, json: { message: 'Not Found' } })]))).failure, 'not-found');
    await forge?.close();
    const invalid = await failure(github([() => ({ status: 422, json: { message: 'Validation Failed', errors: [{ message: 'No commits between main and gitops/codify-x' }] } })]));
    assert.equal(invalid.failure, 'invalid');
    assert.match(invalid.message, /No commits between/);
  });

  it('a forge that cannot be reached is a network failure', async () => {
    const port = await unusedPort();
    const repository = parseRemoteUrl('https://github.example.com/shop/deploy');
    assert.ok(repository);
    const target = choosePullRequestTarget(repository, 'main', 'b', { 'github.example.com': { provider: 'github', apiBase: `http://127.0.0.1:${port}` } });
    const error = await failure(openPullRequest({ target, branch: 'b', base: 'main', text: TEXT, token: TOKEN, fetch }));
    assert.equal(error.failure, 'network');
    assert.match(error.message, /could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });
});

describe('GitLab merge requests', () => {
  it('POSTs to the url-encoded project path with PRIVATE-TOKEN', async () => {
    const result = await gitlab([(r) => (r.method === 'POST' && r.url === '/api/v4/projects/platform%2Fteam%2Fdeploy/merge_requests' ? { status: 201, json: { web_url: 'https://gitlab.example.com/platform/team/deploy/-/merge_requests/12', iid: 12 } } : undefined)]);
    assert.deepEqual(result, { kind: 'opened', url: 'https://gitlab.example.com/platform/team/deploy/-/merge_requests/12', number: 12, existed: false });
    const req = forge?.requests[0];
    assert.equal(req?.headers['private-token'], 'glpat-0123456789abcdefghij');
    assert.equal(req?.headers.authorization, undefined);
    assert.deepEqual(req?.body, { source_branch: 'gitops/codify-x', target_branch: 'main', title: TEXT.title, description: TEXT.body, remove_source_branch: true });
  });

  it('409 "already exists" answers the open merge request', async () => {
    const result = await gitlab([
      (r) => (r.method === 'POST' ? { status: 409, json: { message: ['Another open merge request already exists for this source branch: !4'] } } : undefined),
      (r) => (r.method === 'GET' && r.url.startsWith('/api/v4/projects/platform%2Fteam%2Fdeploy/merge_requests?state=opened&source_branch=gitops%2Fcodify-x') ? { status: 200, json: [{ web_url: 'https://gitlab.example.com/platform/team/deploy/-/merge_requests/4', iid: 4 }] } : undefined),
    ]);
    assert.deepEqual(result, { kind: 'opened', url: 'https://gitlab.example.com/platform/team/deploy/-/merge_requests/4', number: 4, existed: true });
  });

  it('401 says the token was refused', async () => {
    const error = await failure(gitlab([() => ({ status: 401, json: { message: '401 Unauthorized' } })]));
    assert.equal(error.failure, 'unauthorized');
    assert.match(error.message, /GitLab refused the token/);
  });
});

describe('compare URL fallback', () => {
  it('another host, or no token, answers the compare URL', async () => {
    const other = parseRemoteUrl('ssh://git@git.example.org:2222/team/deploy.git');
    assert.ok(other);
    const outcome = await openPullRequest({ target: choosePullRequestTarget(other, 'main', 'gitops/x'), branch: 'gitops/x', base: 'main', text: TEXT, token: TOKEN, fetch });
    assert.deepEqual(outcome, { kind: 'compare', url: 'https://git.example.org/team/deploy/compare/main...gitops/x?expand=1', reason: 'git.example.org is not a known GitHub or GitLab host (set one in the pull-request settings)' });
    const gh = parseRemoteUrl('https://github.com/shop/deploy.git');
    assert.ok(gh);
    const noToken = await openPullRequest({ target: choosePullRequestTarget(gh, 'main', 'gitops/x'), branch: 'gitops/x', base: 'main', text: TEXT, fetch });
    assert.deepEqual(noToken, { kind: 'compare', url: 'https://github.com/shop/deploy/compare/main...gitops/x?expand=1', reason: 'no GitHub token' });
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
