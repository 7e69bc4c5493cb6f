// End to end: the real kubectl scales a Deployment in the test API server; `gitops-authoring codify` plans the
// edit, prints it (--dry-run), writes it, commits it on a new branch, pushes it to a real bare origin and opens
// the pull request on a local GitHub-shaped server; drift is Synced afterwards. Refusals exit 2, changing nothing.
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { APP } from '../drift/drift-e2e-support.js';
import { startFakeForge, type FakeForge } from '../support/fake-forge.js';
import { createGitSandbox, type GitSandbox } from '../support/git-sandbox.js';

let cluster: TestCluster;
let repo: GitSandbox;
let forge: FakeForge;
/** Where a hostile repository's `.gitops-authoring.yaml` tries to send the token: it must receive nothing. */
let hostile: FakeForge;
const COMMENTED = APP.replace('  replicas: 2\n', '  # Friday peak\n  replicas: 2\n');

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => '',
    isTty: false,
    version: 'test',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', ...env },
  } as Parameters<typeof runCli>[1]);
  return { code, stdout, stderr };
}

const codify = (...extra: string[]) => cli(['codify', repo.repo, '--kubeconfig', cluster.handle.kubeconfigPath, '--timeout', '10', ...extra], { GITHUB_TOKEN: 'ghp_e2etokene2etokene2etoken' });

before(async () => {
  forge = await startFakeForge([(r) => (r.method === 'POST' ? { status: 201, json: { html_url: 'https://github.example.com/shop/deploy/pull/42', number: 42 } } : undefined)]);
  hostile = await startFakeForge([(r) => (r.method === 'POST' ? { status: 201, json: { html_url: 'https://evil.example/pull/1', number: 1 } } : undefined)]);
  repo = createGitSandbox({
    'apps/api.yaml': COMMENTED,
    '.gitops-authoring.yaml': `writeBack:\n  forges:\n    github.example.com: { provider: github, apiBase: "${hostile.baseUrl}" }\n    github.com: { provider: github, apiBase: "${hostile.baseUrl}" }\n`,
  });
  repo.git(['remote', 'set-url', 'origin', 'https://github.example.com/shop/deploy.git']);
  repo.git(['remote', 'set-url', '--push', 'origin', repo.origin]);
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  await cluster.run('apply', '-f', `${repo.repo}/apps/api.yaml`);
});

after(async () => {
  await cluster?.stop();
  await forge?.close();
  await hostile?.close();
  repo?.remove();
});

test('nothing drifted: exit 0, nothing written', async () => {
  const before = repo.snapshot();
  const r = await codify();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Nothing to codify: no resource has drifted/);
  assert.equal(repo.snapshot(), before);
});

test('--dry-run prints the unified diff of the planned edit and writes nothing (exit 1)', async () => {
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=5', '-n', 'shop');
  const before = repo.snapshot();
  const r = await codify('--resource', 'Deployment/shop/api-server', '--dry-run');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /--- a\/apps\/api\.yaml\n\+\+\+ b\/apps\/api\.yaml\n@@ -\d+,\d+ \+\d+,\d+ @@\n/);
  assert.ok(r.stdout.includes("   # Friday peak\n-  replicas: 2\n+  replicas: 5\n"), r.stdout);
  assert.equal(repo.snapshot(), before);
});

test('a planned file with uncommitted edits is refused (exit 2) and left as it was', async () => {
  repo.write('apps/api.yaml', `${COMMENTED}# my local note\n`);
  const before = repo.snapshot();
  const r = await codify('--resource', 'Deployment/shop/api-server', '--branch', 'codify-refused');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /refused: apps\/api\.yaml has uncommitted changes/);
  assert.equal(repo.snapshot(), before);
  repo.write('apps/api.yaml', COMMENTED);
});

test('--api-url over plain http to another host is refused before anything is done (exit 2)', async () => {
  const before = repo.snapshot();
  const r = await codify('--resource', 'Deployment/shop/api-server', '--pr', 'github', '--api-url', 'http://ghe.example.com/api/v3');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--api-url: the API URL http:\/\/ghe\.example\.com is not https/);
  const withoutPr = await codify('--api-url', 'https://ghe.example.com/api/v3');
  assert.equal(withoutPr.code, 2);
  assert.match(withoutPr.stderr, /--api-url needs --pr github\|gitlab/);
  assert.equal(repo.snapshot(), before);
});

test('--pr github: the file says the live value (comment kept), committed on the branch, pushed to origin, pull request opened (exit 1); drift is Synced after', async () => {
  const r = await codify('--resource', 'Deployment/shop/api-server', '--branch', 'gitops/codify-api', '--pr', 'github', '--api-url', forge.baseUrl);
  assert.equal(r.code, 1, r.stderr);
  // The repository's own `writeBack.forges` never chooses where the token goes.
  assert.match(r.stderr, /writeBack\.forges: ignored: a repository file may not choose where your token is sent/);
  assert.deepEqual(hostile.requests, []);
  assert.match(r.stdout, /Opened pull request #42: https:\/\/github\.example\.com\/shop\/deploy\/pull\/42/);
  assert.equal(repo.read('apps/api.yaml'), COMMENTED.replace('replicas: 2', 'replicas: 5'));
  assert.equal(repo.git(['symbolic-ref', '--short', 'HEAD']).trim(), 'gitops/codify-api');
  assert.deepEqual(repo.git(['show', '--name-only', '--format=', 'HEAD']).trim().split('\n'), ['apps/api.yaml']);
  assert.match(repo.git(['log', '-1', '--format=%s']), /^Codify live change: Deployment shop\/api-server \.spec\.replicas 2 → 5/);
  assert.equal(repo.git(['rev-parse', 'refs/heads/gitops/codify-api'], repo.origin).trim(), repo.git(['rev-parse', 'HEAD']).trim());
  const pull = forge.requests.find((q) => q.method === 'POST');
  assert.equal(pull?.url, '/repos/shop/deploy/pulls');
  assert.equal(pull?.headers.authorization, 'Bearer ghp_e2etokene2etokene2etoken');
  const body = pull?.body as { head: string; base: string; body: string };
  assert.deepEqual([body.head, body.base], ['gitops/codify-api', 'main']);
  assert.match(body.body, /\| `\.spec\.replicas` \| `2` \| `5` \| `apps\/api\.yaml` /);
  assert.match(body.body, /kubectl \(scale\)/);
  assert.doesNotMatch(body.body, /hunter2/);

  const again = await codify('--resource', 'Deployment/shop/api-server');
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Nothing to codify: Deployment\/shop\/api-server has no drift/);
});

test('without --resource: every drifted resource in one commit, edits of one file combined (exit 1)', async () => {
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=7', '-n', 'shop');
  await cluster.run('patch', 'configmap', 'api-config', '-n', 'shop', '--type', 'merge', '-p', '{"data":{"mode":"debug"}}');
  const r = await codify('--branch', 'codify-all');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /Deployment shop\/api-server: \.spec\.replicas 5 → 7/);
  assert.match(r.stdout, /ConfigMap shop\/api-config: \.data\.mode "?production"? → "?debug"?/);
  const text = repo.read('apps/api.yaml');
  assert.match(text, /# Friday peak\n {2}replicas: 7\n/);
  assert.match(text, /data:\n {2}mode: debug\n/);
  assert.deepEqual(repo.git(['show', '--name-only', '--format=', 'HEAD']).trim().split('\n'), ['apps/api.yaml']);
  assert.match(repo.git(['log', '-1', '--format=%B']), /^Codify live changes: 2 resources \(gitops-test\)\n\n- Codify live change: ConfigMap shop\/api-config .*\n- Codify live change: Deployment shop\/api-server /);
});

test('cron: the same unresolved drift names the same branch ({hash}), so the next run is refused naming that branch instead of opening a duplicate', async () => {
  repo.git(['switch', '--quiet', 'main']);
  const first = await codify('--resource', 'Deployment/shop/api-server');
  assert.equal(first.code, 1, first.stderr);
  const branch = / on branch (\S+) \(from main\)/.exec(first.stdout)?.[1] ?? '';
  assert.match(branch, /^gitops\/codify-deployment-api-server-[0-9a-f]{8}$/);
  repo.git(['switch', '--quiet', 'main']);
  const before = repo.snapshot();
  const second = await codify('--resource', 'Deployment/shop/api-server');
  assert.equal(second.code, 2);
  assert.ok(second.stderr.includes(`refused: this drift (the same resources, fields and live values) was already codified on branch ${branch}: review or merge the pull request opened from ${branch}`), second.stderr);
  assert.equal(repo.snapshot(), before);
  assert.deepEqual(repo.git(['branch', '--list', 'gitops/codify-deployment-api-server-*', '--format=%(refname:short)']).trim().split('\n'), [branch]);
});

test('a Secret is refused with the reason (exit 2), its value never printed', async () => {
  await cluster.run('patch', 'secret', 'api-db', '-n', 'shop', '--type', 'merge', '-p', '{"stringData":{"password":"correct-horse"}}');
  const r = await codify('--resource', 'Secret/shop/api-db', '--dry-run');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Secret shop\/api-db: .*(Sealed Secret|SOPS|External Secret)/);
  assert.doesNotMatch(r.stdout + r.stderr, /correct-horse|hunter2/);
});
