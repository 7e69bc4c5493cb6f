// The write-back Git steps over the real server with the real backend (simple-git) on a real repository with a
// bare `origin`: the preflight names the new branch and refuses what would lose work; the commit holds only
// the planned file and reaches the remote. The workspace folder lies inside the repository, so the folder's
// paths become the repository's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { writeBackCommitRequest, writeBackPreflightRequest } from '../../src/protocol/writeback-messages.js';
import { createNodeWriteBackBackend } from '../../src/server/writeback/node-writeback-backend.js';
import { LspTestSession } from './support/lsp-test-session.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  # scaled for the launch
  replicas: 3
`;
const SUBJECT = { kind: 'Deployment', namespace: 'shop', name: 'api', environment: 'prod', field: 'replicas' };

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...args], { cwd, encoding: 'utf8' }).trim();
}

describe('write-back Git over the server (real repository, bare origin)', () => {
  let session: LspTestSession;
  let remote: string;
  let folderUri: string;
  const remotesDir = mkdtempSync(join(tmpdir(), 'gitops-writeback-remote-'));

  before(async () => {
    session = await LspTestSession.start({ files: { 'work/apps/api.yaml': DEPLOYMENT, 'work/notes.txt': 'notes\n' }, folders: ['work'], deps: { writeBack: createNodeWriteBackBackend() } });
    remote = join(remotesDir, 'origin.git');
    git(remotesDir, 'init', '-q', '--bare', '-b', 'main', remote);
    git(session.root, 'init', '-q', '-b', 'main');
    git(session.root, 'config', 'user.name', 'Test');
    git(session.root, 'config', 'user.email', 'test@example.invalid');
    git(session.root, 'add', '-A');
    git(session.root, 'commit', '-q', '-m', 'initial');
    git(session.root, 'remote', 'add', 'origin', remote);
    git(session.root, 'push', '-q', '-u', 'origin', 'main');
    folderUri = pathToFileURL(join(session.root, 'work')).href;
  });

  after(async () => {
    await session.dispose();
    rmSync(remotesDir, { recursive: true, force: true });
  });

  it('refuses a planned file with uncommitted changes before anything is applied, and loses nothing', async () => {
    session.writeFile('work/apps/api.yaml', DEPLOYMENT.replace('# scaled', '# my own edit, scaled'));
    const refused = await session.client.sendRequest(writeBackPreflightRequest, { folderUri, files: ['apps/api.yaml'], branchTemplate: 'gitops/codify-{kind}-{name}', subject: SUBJECT, mode: 'branch+push' });
    assert.equal(refused.kind, 'refused');
    assert.equal(refused.kind === 'refused' ? refused.reason : '', 'target-modified');
    assert.match(git(session.root, 'diff', '--', 'work/apps/api.yaml'), /my own edit/, 'the edit is still there');
    session.writeFile('work/apps/api.yaml', DEPLOYMENT);
  });

  it('names the branch from the template, commits only the planned file, and pushes it to origin', async () => {
    const preflight = await session.client.sendRequest(writeBackPreflightRequest, { folderUri, files: ['apps/api.yaml'], branchTemplate: 'gitops/codify-{kind}-{name}-{field}-{env}', subject: SUBJECT, mode: 'branch+push' });
    assert.equal(preflight.kind, 'ok', JSON.stringify(preflight));
    if (preflight.kind !== 'ok') return;
    assert.deepEqual([preflight.branch, preflight.newBranch, preflight.remote?.name], ['main', 'gitops/codify-deployment-api-replicas-prod', 'origin']);

    // The extension applies the planned edit and saves; an unrelated file changes too and must stay out.
    session.writeFile('work/apps/api.yaml', DEPLOYMENT.replace('replicas: 3', 'replicas: 5'));
    writeFileSync(join(session.root, 'work/notes.txt'), 'notes, edited\n');
    const message = 'Codify live change: Deployment shop/api .spec.replicas 3 → 5 (kubectl scale, prod)';
    const committed = await session.client.sendRequest(writeBackCommitRequest, { folderUri, files: ['apps/api.yaml'], message, branch: preflight.newBranch, mode: 'branch+push' });
    assert.equal(committed.kind, 'committed', JSON.stringify(committed));
    if (committed.kind !== 'committed') return;
    assert.deepEqual([committed.branch, committed.baseBranch, committed.pushed], ['gitops/codify-deployment-api-replicas-prod', 'main', true]);
    assert.equal(git(session.root, 'show', '--name-only', '--format=%s', 'HEAD'), `${message}\n\nwork/apps/api.yaml`);
    assert.equal(git(remote, 'rev-parse', `refs/heads/${committed.branch}`), committed.commit, 'origin has the branch at the commit');
    assert.equal(git(session.root, 'diff', '--name-only'), 'work/notes.txt', 'the unrelated edit stays in the working tree');
    assert.equal(git(session.root, 'diff', '--cached', '--name-only'), '', 'and is not staged');

    const again = await session.client.sendRequest(writeBackPreflightRequest, { folderUri, files: ['apps/api.yaml'], branchTemplate: 'gitops/codify-{kind}-{name}-{field}-{env}', subject: SUBJECT, mode: 'branch+push' });
    assert.equal(again.kind === 'refused' ? again.reason : again.kind, 'branch-exists', 'the same branch name again is refused before anything is applied');

    session.writeFile('work/.gitops-authoring.yaml', 'writeBack:\n  branchTemplate: fix/{name}-{field}\n');
    const fromRepository = await session.client.sendRequest(writeBackPreflightRequest, { folderUri, files: ['apps/api.yaml'], branchTemplate: '', subject: SUBJECT, mode: 'commit' });
    assert.equal(fromRepository.kind === 'ok' ? fromRepository.newBranch : fromRepository.message, 'fix/api-replicas', 'no setting: the repository\'s template');
  });
});
