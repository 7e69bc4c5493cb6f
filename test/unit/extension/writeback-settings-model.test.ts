import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiUrlFromInspection, branchTemplateFromInspection, pullRequestHostOf, readWriteBackMode } from '../../../src/extension/writeback/writeback-settings-model.js';

describe('write-back settings', () => {
  it('reads the mode, falling back to branch+push on anything else', () => {
    assert.equal(readWriteBackMode('branch+push+pr'), 'branch+push+pr');
    assert.equal(readWriteBackMode('commit'), 'commit');
    assert.equal(readWriteBackMode('force-push'), 'branch+push');
    assert.equal(readWriteBackMode(undefined), 'branch+push');
  });

  it('takes the branch template a person set (folder, workspace, user), else none: the repository\'s or the default', () => {
    assert.equal(branchTemplateFromInspection({ globalValue: 'mine/{name}', workspaceValue: '  team/{name} ' }), 'team/{name}');
    assert.equal(branchTemplateFromInspection({ workspaceFolderValue: 'folder/{name}', globalValue: 'mine/{name}' }), 'folder/{name}');
    assert.equal(branchTemplateFromInspection({ globalValue: '' }), '');
    assert.equal(branchTemplateFromInspection({ globalValue: 3 }), '');
    assert.equal(branchTemplateFromInspection(undefined), '');
  });

  it('takes an API URL only from user settings, https only, without a trailing slash', () => {
    assert.equal(apiUrlFromInspection({ globalValue: 'https://ghe.example/api/v3/' }), 'https://ghe.example/api/v3');
    assert.equal(apiUrlFromInspection({ globalValue: 'http://ghe.example/api/v3' }), undefined, 'a token never goes over plain http');
    assert.equal(apiUrlFromInspection({ globalValue: 'http://127.0.0.1:8080/api/v3/' }), 'http://127.0.0.1:8080/api/v3', 'plain http only to this machine (a local test forge)');
    assert.equal(apiUrlFromInspection({ globalValue: 'https://user:pw@ghe.example/api/v3' }), undefined, 'no credentials in the URL');
    assert.equal(apiUrlFromInspection({ workspaceValue: 'https://evil.example' } as { globalValue?: unknown }), undefined, 'a repository cannot choose where the token goes');
    assert.equal(apiUrlFromInspection({ globalValue: '  ' }), undefined);
    assert.equal(apiUrlFromInspection(undefined), undefined);
  });

  it('picks GitHub, GitHub Enterprise, GitLab (public or self-hosted) or the compare page', () => {
    assert.deepEqual(pullRequestHostOf('git@github.com:acme/gitops.git', {}), { provider: 'github', enterprise: false });
    assert.deepEqual(pullRequestHostOf('https://github.example/acme/gitops.git', { githubApiUrl: 'https://api.github.example' }), { provider: 'github', apiUrl: 'https://api.github.example', enterprise: true });
    assert.deepEqual(pullRequestHostOf('git@github.example:acme/gitops.git', { githubApiUrl: 'https://github.example/api/v3' }), { provider: 'github', apiUrl: 'https://github.example/api/v3', enterprise: true });
    assert.deepEqual(pullRequestHostOf('git@gitlab.com:acme/gitops.git', {}), { provider: 'gitlab' });
    assert.deepEqual(pullRequestHostOf('https://git.corp/acme/gitops.git', { gitlabApiUrl: 'https://git.corp/api/v4' }), { provider: 'gitlab', apiUrl: 'https://git.corp/api/v4' });
    assert.deepEqual(pullRequestHostOf('https://bitbucket.org/acme/gitops.git', { githubApiUrl: 'https://ghe.example/api/v3' }), { provider: 'compare' });
    assert.deepEqual(pullRequestHostOf('/tmp/remote.git', {}), { provider: 'compare' });
    assert.deepEqual(pullRequestHostOf('ssh://git@GitLab.example:2222/acme/gitops.git', { gitlabApiUrl: 'https://gitlab.example/api/v4' }), { provider: 'gitlab', apiUrl: 'https://gitlab.example/api/v4' });
  });
});
