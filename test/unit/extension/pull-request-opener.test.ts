// Pull requests are opened in the extension host with core's client and the host's fetch: the token goes
// to the forge and nowhere else (no language-server request carries one, so a verbose trace cannot log it).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { openPullRequestFromHost } from '../../../src/extension/writeback/pull-request-opener.js';
import { startFakeForge, type FakeForge, type Route } from '../../support/fake-forge.js';

const TEXT = { title: 'Codify live change: Deployment shop/api .spec.replicas 3 → 5', body: 'The drift story.' };
const TOKEN = 'gho_0123456789abcdefghijABCDEFGHIJ';
let forge: FakeForge | undefined;
afterEach(async () => forge?.close());

async function withForge(routes: Route[]): Promise<FakeForge> {
  forge = await startFakeForge(routes);
  return forge;
}

describe('openPullRequestFromHost', () => {
  it('opens the pull request on the user\'s API URL with the token, through the fetch it is given', async () => {
    const f = await withForge([(r) => (r.method === 'POST' ? { status: 201, json: { html_url: 'https://ghe.example/acme/gitops/pull/7', number: 7 } } : undefined)]);
    const report = await openPullRequestFromHost('git@ghe.example:acme/gitops.git', 'main', 'gitops/codify-api', { provider: 'github', apiUrl: `${f.baseUrl}/api/v3`, token: TOKEN, text: TEXT });
    assert.deepEqual(report, { pullRequestUrl: 'https://ghe.example/acme/gitops/pull/7' });
    assert.equal(f.requests[0]?.url, '/api/v3/repos/acme/gitops/pulls');
    assert.equal(f.requests[0]?.headers.authorization, `Bearer ${TOKEN}`);
  });

  it('a forge refusal keeps the commit: the reason (no token in it) and the compare page', async () => {
    const f = await withForge([() => ({ status: 401, json: { message: `Bad credentials ${TOKEN}` } })]);
    const report = await openPullRequestFromHost('https://gitlab.example/acme/gitops.git', 'main', 'b', { provider: 'gitlab', apiUrl: `${f.baseUrl}/api/v4`, token: TOKEN, text: TEXT });
    assert.match(report.pullRequestError ?? '', /GitLab refused the token/);
    assert.doesNotMatch(report.pullRequestError ?? '', /gho_0123/);
    assert.equal(report.compareUrl, 'https://gitlab.example/acme/gitops/-/merge_requests/new?merge_request%5Bsource_branch%5D=b&merge_request%5Btarget_branch%5D=main');
  });

  it('another host, no token, or an API URL over plain http: the compare page, and no request', async () => {
    const f = await withForge([() => ({ status: 201, json: {} })]);
    assert.deepEqual(await openPullRequestFromHost('https://bitbucket.org/a/b.git', 'main', 'x', { provider: 'compare', text: TEXT }), { compareUrl: 'https://bitbucket.org/a/b/pull-requests/new?source=x&dest=main' });
    assert.deepEqual(await openPullRequestFromHost('git@github.com:a/b.git', 'main', 'x', { provider: 'github', text: TEXT }), { compareUrl: 'https://github.com/a/b/compare/main...x?expand=1' });
    const http = await openPullRequestFromHost('https://ghe.example/a/b.git', 'main', 'x', { provider: 'github', apiUrl: 'http://ghe.example/api/v3', token: TOKEN, text: TEXT });
    assert.match(http.pullRequestError ?? '', /not https/);
    assert.deepEqual(f.requests, []);
  });
});

describe('the language-server protocol carries no token', () => {
  it('no request or notification shape in src/protocol declares a token or credential field', () => {
    const dir = join('src', 'protocol');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      assert.doesNotMatch(text, /^\s*(readonly\s+)?(token|accessToken|password|privateToken|pat)\??\s*:/im, `${name} declares a token field`);
    }
  });
});
