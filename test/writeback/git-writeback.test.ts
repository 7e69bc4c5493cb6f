// The Git side of write-back against real repositories and a real bare `origin`: the branch, the commit, only
// the planned file, the push; and every refusal leaves the work tree, the index and the refs byte-identical.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, it } from 'node:test';
import { commitOnNewBranch, preflightWriteBack } from '../../src/adapters/git/git-writeback.js';
import { GitRefusal, type GitRefusalReason } from '../../src/adapters/git/git-writeback-api.js';
import { createGitSandbox, type GitSandbox } from '../support/git-sandbox.js';

const MESSAGE = 'Codify live change: Deployment shop/api .spec.replicas 3 → 5 (kubectl scale, prod-eu)\n\nBody line.';
let box: GitSandbox | undefined;
afterEach(() => box?.remove());

function sandbox(): GitSandbox {
  box = createGitSandbox();
  return box;
}

async function refusal(promise: Promise<unknown>, reason: GitRefusalReason): Promise<GitRefusal> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof GitRefusal, `expected a GitRefusal, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    return error;
  }
  assert.fail(`expected a refusal (${reason})`);
}

describe('commitOnNewBranch', () => {
  it('creates the branch from HEAD, commits only the planned file with the message, pushes it with upstream, and carries other changes along untouched', async () => {
    const b = sandbox();
    b.write('other.yaml', 'a: 2 # unrelated, unstaged\n');
    b.write('untracked.yaml', 'new: file\n');
    b.write('app.yaml', 'replicas: 5\n'); // the applied plan
    const base = b.git(['rev-parse', 'HEAD']).trim();

    const result = await commitOnNewBranch({ root: b.repo, files: ['app.yaml'], branch: 'gitops/codify-deployment-api', message: MESSAGE, push: true });

    assert.deepEqual({ ...result, commit: undefined }, { branch: 'gitops/codify-deployment-api', baseBranch: 'main', commit: undefined, pushed: true, remote: { name: 'origin', url: b.origin } });
    assert.equal(b.git(['symbolic-ref', '--short', 'HEAD']).trim(), 'gitops/codify-deployment-api');
    assert.equal(b.git(['rev-parse', 'HEAD']).trim(), result.commit);
    assert.equal(b.git(['rev-parse', 'HEAD^']).trim(), base);
    assert.equal(b.git(['log', '-1', '--format=%B']).trimEnd(), MESSAGE);
    assert.deepEqual(b.git(['show', '--name-only', '--format=', 'HEAD']).trim().split('\n'), ['app.yaml']);
    assert.equal(b.git(['show', 'HEAD:app.yaml']), 'replicas: 5\n');
    assert.equal(b.read('other.yaml'), 'a: 2 # unrelated, unstaged\n');
    assert.equal(b.git(['status', '--porcelain']), ' M other.yaml\n?? untracked.yaml\n');
    assert.equal(b.git(['rev-parse', 'refs/heads/gitops/codify-deployment-api'], b.origin).trim(), result.commit);
    assert.equal(b.git(['rev-parse', '--abbrev-ref', '@{upstream}']).trim(), 'origin/gitops/codify-deployment-api');
    assert.equal(b.git(['rev-parse', 'refs/heads/main'], b.origin).trim(), base, 'main on origin is untouched');
  });

  it('commits a new file and works from a subdirectory of the repository (paths relative to the top level)', async () => {
    const b = sandbox();
    b.write('overlays/prod/patch.yaml', 'spec: {}\n');
    const result = await commitOnNewBranch({ root: join(b.repo, 'overlays'), files: ['overlays/prod/patch.yaml'], branch: 'b1', message: 'm', push: false });
    assert.equal(result.pushed, false);
    assert.deepEqual(b.git(['show', '--name-only', '--format=', 'HEAD']).trim().split('\n'), ['overlays/prod/patch.yaml']);
    assert.equal(b.git(['ls-remote', '--heads', 'origin', 'b1']).trim(), '', 'not pushed');
  });

  it('a rejected push keeps the local branch and its commit and says how to push again', async () => {
    const b = sandbox();
    const hook = join(b.origin, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "branch policy says no" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    b.write('app.yaml', 'replicas: 5\n');
    const error = await refusal(commitOnNewBranch({ root: b.repo, files: ['app.yaml'], branch: 'codify-1', message: MESSAGE, push: true }), 'push-rejected');
    assert.match(error.message, /git push -u origin codify-1/);
    assert.match(error.message, /declined|policy/);
    assert.equal(b.git(['symbolic-ref', '--short', 'HEAD']).trim(), 'codify-1');
    assert.equal(b.git(['show', 'codify-1:app.yaml']), 'replicas: 5\n');
    assert.match(error.message, new RegExp(b.git(['rev-parse', '--short=12', 'codify-1']).trim()));
  });

  it('never puts credentials of the remote URL into its messages', async () => {
    const b = sandbox();
    b.git(['remote', 'set-url', 'origin', 'https://someone:s3cr3t-t0ken@127.0.0.1:1/shop/repo.git']);
    b.write('app.yaml', 'replicas: 5\n');
    const error = await refusal(commitOnNewBranch({ root: b.repo, files: ['app.yaml'], branch: 'codify-2', message: MESSAGE, push: true }), 'push-rejected');
    assert.doesNotMatch(error.message, /s3cr3t|someone/);
    assert.match(error.message, /https:\/\/127\.0\.0\.1:1\/shop\/repo\.git/);
    const pre = await preflightWriteBack({ root: b.repo, files: [] });
    assert.equal(pre.remote?.url, 'https://127.0.0.1:1/shop/repo.git');
  });

  it('a commit that fails (a pre-commit hook) puts everything back: base branch, no new branch, same index and files', async () => {
    const b = sandbox();
    const hook = join(b.repo, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho "lint failed" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    b.write('app.yaml', 'replicas: 5\n');
    b.write('new.yaml', 'x: 1\n');
    const before = b.snapshot();
    await assert.rejects(commitOnNewBranch({ root: b.repo, files: ['app.yaml', 'new.yaml'], branch: 'codify-3', message: MESSAGE, push: false }), /lint failed.*nothing was committed/);
    assert.equal(b.snapshot(), before);
  });

  it('works in an editor terminal\'s environment (GIT_ASKPASS, SSH_ASKPASS, configuration through GIT_CONFIG_COUNT)', async () => {
    const b = sandbox();
    b.write('app.yaml', 'replicas: 5\n');
    const env = { ...process.env, GIT_ASKPASS: '/bin/false', SSH_ASKPASS: '/bin/false', GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'credential.helper', GIT_CONFIG_VALUE_0: '', GIT_CONFIG_KEY_1: 'core.pager', GIT_CONFIG_VALUE_1: 'cat', GIT_PAGER: 'cat' };
    const result = await commitOnNewBranch({ root: b.repo, files: ['app.yaml'], branch: 'codify-5', message: MESSAGE, push: true }, env);
    assert.equal(result.pushed, true);
    assert.equal(b.git(['rev-parse', 'refs/heads/codify-5'], b.origin).trim(), result.commit);
  });

  it('a repository\'s core.sshCommand (a deploy key, an ssh agent) is the ssh that pushes: never overridden', async () => {
    const b = sandbox();
    const marker = join(b.repo, '..', 'ssh-command-called');
    const script = join(b.repo, '..', 'deploy-key-ssh.sh');
    writeFileSync(script, `#!/bin/sh\necho "$@" > '${marker}'\nexit 255\n`);
    chmodSync(script, 0o755);
    b.git(['config', 'core.sshCommand', script]);
    b.git(['remote', 'set-url', 'origin', 'ssh://git@git.example.invalid/shop/deploy.git']);
    b.write('app.yaml', 'replicas: 5\n');
    const env = { ...process.env };
    delete env.GIT_SSH_COMMAND;
    delete env.GIT_SSH;
    await refusal(commitOnNewBranch({ root: b.repo, files: ['app.yaml'], branch: 'codify-ssh', message: MESSAGE, push: true }, env), 'push-rejected');
    assert.match(readFileSync(marker, 'utf8'), /git@git\.example\.invalid/);
  });

  it('a configured editor is never started', async () => {
    const b = sandbox();
    b.git(['config', 'core.editor', 'false']);
    b.write('app.yaml', 'replicas: 5\n');
    const result = await commitOnNewBranch({ root: b.repo, files: ['app.yaml'], branch: 'codify-4', message: MESSAGE, push: false });
    assert.equal(b.git(['log', '-1', '--format=%H']).trim(), result.commit);
  });
});

describe('write-back refusals lose nothing', () => {
  const cases: { name: string; reason: GitRefusalReason; arrange(b: GitSandbox): void; preflight?: boolean; push?: boolean; root?(b: GitSandbox): string }[] = [
    { name: 'detached HEAD', reason: 'detached-head', arrange: (b) => b.git(['checkout', '--quiet', '--detach']) },
    { name: 'a merge in progress', reason: 'operation-in-progress', arrange: (b) => {
      b.git(['switch', '--quiet', '-c', 'side']);
      b.write('other.yaml', 'a: side\n');
      b.git(['commit', '--quiet', '-am', 'side']);
      b.git(['switch', '--quiet', 'main']);
      b.write('other.yaml', 'a: main\n');
      b.git(['commit', '--quiet', '-am', 'main']);
      try { b.git(['merge', '--quiet', 'side']); } catch { /* the conflict is the point */ }
    } },
    { name: 'a cherry-pick in progress', reason: 'operation-in-progress', arrange: (b) => {
      b.git(['switch', '--quiet', '-c', 'side']);
      b.write('other.yaml', 'a: side\n');
      b.git(['commit', '--quiet', '-am', 'side']);
      b.git(['switch', '--quiet', 'main']);
      b.write('other.yaml', 'a: main\n');
      b.git(['commit', '--quiet', '-am', 'main']);
      try { b.git(['cherry-pick', 'side']); } catch { /* conflict */ }
    } },
    { name: 'a bisect in progress', reason: 'operation-in-progress', arrange: (b) => {
      b.write('other.yaml', 'a: 2\n');
      b.git(['commit', '--quiet', '-am', 'second']);
      b.git(['bisect', 'start', 'HEAD', 'HEAD~1']);
      b.git(['switch', '--quiet', 'main']);
    } },
    { name: 'unrelated changes staged', reason: 'unrelated-staged', arrange: (b) => {
      b.write('other.yaml', 'a: staged\n');
      b.git(['add', 'other.yaml']);
      b.write('app.yaml', 'replicas: 5\n');
    } },
    { name: 'the planned file staged', reason: 'target-modified', arrange: (b) => {
      b.write('app.yaml', 'replicas: 4\n');
      b.git(['add', 'app.yaml']);
      b.write('app.yaml', 'replicas: 5\n');
    } },
    { name: 'the planned file modified before planning (preflight)', reason: 'target-modified', preflight: true, arrange: (b) => b.write('app.yaml', 'replicas: 4 # mine\n') },
    { name: 'the planned file untracked (preflight)', reason: 'target-modified', preflight: true, arrange: (b) => {
      b.git(['rm', '--quiet', '--cached', 'app.yaml']);
      b.git(['commit', '--quiet', '-m', 'untrack']);
    } },
    { name: 'the branch exists', reason: 'branch-exists', arrange: (b) => {
      b.git(['branch', 'codify-x']);
      b.write('app.yaml', 'replicas: 5\n');
    } },
    { name: 'the branch exists on the remote', reason: 'branch-exists', arrange: (b) => {
      b.git(['push', '--quiet', 'origin', 'main:codify-x']);
      b.write('app.yaml', 'replicas: 5\n');
    } },
    { name: 'no remote to push to', reason: 'no-remote', arrange: (b) => {
      b.git(['remote', 'remove', 'origin']);
      b.write('app.yaml', 'replicas: 5\n');
    } },
    { name: 'not a repository', reason: 'not-a-repository', arrange: () => undefined, root: (b) => {
      const plain = mkdtempSync(join(tmpdir(), 'ga-plain-'));
      writeFileSync(join(plain, 'app.yaml'), 'replicas: 5\n');
      b.remove = ((remove) => () => { remove(); rmSync(plain, { recursive: true, force: true }); })(b.remove);
      return plain;
    } },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.reason}`, async () => {
      const b = sandbox();
      c.arrange(b);
      const root = c.root ? c.root(b) : b.repo;
      const before = b.snapshot();
      const req = { root, files: ['app.yaml'] };
      const error = await refusal(c.preflight ? preflightWriteBack(req) : commitOnNewBranch({ ...req, branch: 'codify-x', message: MESSAGE, push: c.push ?? true }), c.reason);
      assert.ok(error.message.length > 20, error.message);
      assert.equal(b.snapshot(), before);
    });
  }

  it('preflight with a branch refuses one that exists, and pushing without a remote, before anything is written', async () => {
    const b = sandbox();
    b.git(['branch', 'codify-y']);
    await refusal(preflightWriteBack({ root: b.repo, files: ['app.yaml'], branch: 'codify-y' }), 'branch-exists');
    b.git(['remote', 'remove', 'origin']);
    await refusal(preflightWriteBack({ root: b.repo, files: ['app.yaml'], branch: 'codify-z', push: true }), 'no-remote');
    assert.equal((await preflightWriteBack({ root: b.repo, files: ['app.yaml'], branch: 'codify-z', push: false })).remote, undefined);
  });

  it('preflight answers the top level, the branch and the upstream remote', async () => {
    const b = sandbox();
    const result = await preflightWriteBack({ root: b.repo, files: ['app.yaml'] });
    assert.deepEqual(result, { topLevel: b.repo, branch: 'main', remote: { name: 'origin', url: b.origin } });
  });
});
