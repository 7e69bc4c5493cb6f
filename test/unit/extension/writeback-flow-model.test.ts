import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditPlan } from '../../../src/core/edit/edit-plan.js';
import {
  codifyParamsOf,
  confirmationOf,
  describeCommitted,
  describeRefusal,
  intentParamsOf,
  layerItemsOf,
  plannedAfterTexts,
  pullRequestContextOf,
  savedTextProblems,
  staleFileProblems,
} from '../../../src/extension/writeback/writeback-flow-model.js';

const ENV = 'file:///repo#prod';
const TEXT = 'apiVersion: apps/v1\r\nkind: Deployment\r\nspec:\r\n  # scaled for the launch\r\n  replicas: 3\r\n';
const range = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

const PLAN: EditPlan = {
  files: [{ path: 'apps/api.yaml', edits: [{ path: 'apps/api.yaml', range: range(4, 12, 13), newText: '5' }] }],
  fields: [{ path: '.spec.replicas', from: 3, to: 5, file: 'apps/api.yaml', layer: 'plain manifest' }],
  summary: ['.spec.replicas 3 → 5 in apps/api.yaml'],
  commitMessage: 'Codify live change: Deployment shop/api .spec.replicas 3 → 5 (kubectl scale, prod-eu)\n\nChanged live by kubectl (scale) at 2026-12-04T12:00:00Z.',
  refused: [],
};
const FILES = [{ path: 'apps/api.yaml', uri: 'file:///repo/apps/api.yaml', text: TEXT }];

describe('write-back flow model', () => {
  it('plans a field, a resource or all drift of an environment from the drift target', () => {
    assert.deepEqual(codifyParamsOf({ environmentId: ENV, resourceId: 'apps/Deployment/shop/api', pointer: '/spec/replicas' }, '.spec.replicas'), { environmentId: ENV, resourceId: 'apps/Deployment/shop/api', fields: ['.spec.replicas'] });
    assert.deepEqual(codifyParamsOf({ environmentId: ENV, resourceId: 'apps/Deployment/shop/api' }, undefined), { environmentId: ENV, resourceId: 'apps/Deployment/shop/api' });
    assert.deepEqual(codifyParamsOf({ environmentId: ENV }, undefined), { environmentId: ENV });
    const intent = { kind: 'scale' as const, path: '.spec.replicas', value: 4 };
    assert.deepEqual(intentParamsOf({ environmentId: ENV, resourceId: 'r' }, intent), { environmentId: ENV, resourceId: 'r', intent });
  });

  it('offers this environment first (the default), the base with who else it changes', () => {
    const items = layerItemsOf({ kind: 'choose-layer', question: 'q', sharedWith: ['staging', 'dev'] }, 'prod');
    assert.deepEqual(items.map((i) => i.layer), ['environment', 'base']);
    assert.equal(items[0]?.label, 'This environment only (prod)');
    assert.equal(items[1]?.detail, 'Also changes staging, dev.');
  });

  it('refuses to apply over unsaved or changed documents, and over a file the plan would create', () => {
    const docs = (state: { text: string; isDirty: boolean } | undefined) => new Map([['file:///repo/apps/api.yaml', state]]);
    assert.deepEqual(staleFileProblems(FILES, PLAN, docs({ text: TEXT, isDirty: false })), []);
    assert.match(staleFileProblems(FILES, PLAN, docs({ text: TEXT, isDirty: true }))[0] ?? '', /unsaved changes: save or revert/);
    assert.match(staleFileProblems(FILES, PLAN, docs({ text: `${TEXT}# more\n`, isDirty: false }))[0] ?? '', /changed since the change was planned/);
    assert.match(staleFileProblems(FILES, PLAN, docs(undefined))[0] ?? '', /could not be opened/);
    const created = { ...PLAN, files: [{ ...PLAN.files[0]!, create: true }] };
    assert.deepEqual(staleFileProblems([{ ...FILES[0]!, text: '' }], created, docs(undefined)), []);
    assert.match(staleFileProblems([{ ...FILES[0]!, text: '' }], created, docs({ text: 'x', isDirty: false }))[0] ?? '', /exists now/);
  });

  it('confirms with the summary, what was not written, and what Git will do per mode', () => {
    const plan = { ...PLAN, refused: [{ path: '.spec.template.spec.containers[name="app"].image', reason: 'owned by a controller' }] };
    const git = { newBranch: 'gitops/codify-deployment-api', remote: { name: 'origin', url: 'u' } };
    const pr = confirmationOf(plan, 'branch+push+pr', git);
    assert.equal(pr.message, 'Apply this change to apps/api.yaml and commit it?');
    assert.equal(pr.detail, '.spec.replicas 3 → 5 in apps/api.yaml\n\nNot written:\n.spec.template.spec.containers[name="app"].image: owned by a controller\n\nThen: a commit on the new branch gitops/codify-deployment-api, pushed to origin, and a pull request.');
    assert.match(confirmationOf(PLAN, 'commit', git).detail, /a commit on the new branch gitops\/codify-deployment-api \(not pushed\)\.$/);
    assert.equal(confirmationOf(PLAN, 'branch+push', undefined).detail, '.spec.replicas 3 → 5 in apps/api.yaml', 'no Git step when Git refused');
    assert.match(confirmationOf({ ...PLAN, files: [...PLAN.files, { path: 'b.yaml', edits: [] }] }, 'branch+push', git).message, /to 2 files/);
  });

  it('tells the pull request who changed each field live, where, in which context', () => {
    const field = { path: '.spec.replicas', pointer: '/spec/replicas', change: 'changed' as const, gitValue: 3, liveValue: 5, suggestedAction: 'commit' as const, actionReason: 'r', attribution: { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-12-04T12:00:00Z' } };
    const context = pullRequestContextOf({ kind: 'Deployment', namespace: 'shop', name: 'api', environment: 'prod', context: 'prod-eu' }, [field, { ...field, path: '.spec.paused', attribution: undefined }]);
    assert.deepEqual(context, {
      resource: 'Deployment shop/api',
      environment: 'prod',
      clusterContext: 'prod-eu',
      liveChanges: [{ path: '.spec.replicas', manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-12-04T12:00:00Z' }],
    });
    assert.deepEqual(pullRequestContextOf({ environment: 'prod' }, []), { resource: 'the drifted resources of prod', environment: 'prod' });
  });

  it('says what was committed, with the pull request or its page as a button', () => {
    const base = { kind: 'committed' as const, branch: 'gitops/codify-deployment-api', baseBranch: 'main', commit: '0123456789abcdef', pushed: true, remote: { name: 'origin', url: 'u' } };
    assert.deepEqual(describeCommitted(base, 'branch+push'), { severity: 'info', message: 'Committed 0123456 on branch gitops/codify-deployment-api and pushed to origin.', links: [] });
    const pr = describeCommitted(base, 'branch+push+pr', { pullRequestUrl: 'https://github.com/a/b/pull/1' });
    assert.deepEqual(pr.links, [{ title: 'Open Pull Request', url: 'https://github.com/a/b/pull/1' }]);
    const failed = describeCommitted(base, 'branch+push+pr', { pullRequestError: 'GitHub answered 401: sign in again.', compareUrl: 'https://github.com/a/b/compare/main...x' });
    assert.equal(failed.severity, 'warning');
    assert.match(failed.message, /No pull request was opened: GitHub answered 401/);
    assert.deepEqual(failed.links, [{ title: 'Open Pull Request Page', url: 'https://github.com/a/b/compare/main...x' }]);
    assert.match(describeCommitted({ ...base, pushed: false }, 'commit').message, /^Committed 0123456 on branch gitops\/codify-deployment-api\. Push it when ready: git push -u origin gitops\/codify-deployment-api$/);
  });

  it('says a refusal plainly, and that an applied edit stays (undoable) when the commit is refused', () => {
    const refusal = { kind: 'refused' as const, reason: 'detached-head', message: 'HEAD is detached: check out a branch first.' };
    assert.equal(describeRefusal(refusal, 'plan').message, 'Not committed: HEAD is detached: check out a branch first. Nothing was changed.');
    assert.match(describeRefusal(refusal, 'commit').message, /The edit stays applied and saved in the editor: undo it, or commit it yourself\.$/);
    assert.equal(describeRefusal({ ...refusal, reason: 'push-rejected', message: 'pull, then push.' }, 'commit').message, 'Not committed: pull, then push.');
    assert.equal(describeRefusal({ ...refusal, reason: 'error' }, 'commit').severity, 'error');
  });

  it('a save participant that changed the saved file stops the commit, naming the settings that are on', () => {
    const after = plannedAfterTexts(PLAN, FILES);
    const planned = after.get('apps/api.yaml') ?? '';
    assert.notEqual(planned, TEXT);
    assert.ok(planned.includes('5'));
    assert.deepEqual(savedTextProblems(after, new Map([['apps/api.yaml', { text: planned, settingsOn: ['editor.formatOnSave'] }]])), [], 'saved as planned: commit');
    const trimmed = planned.replace(/\n$/, '');
    assert.deepEqual(savedTextProblems(after, new Map([['apps/api.yaml', { text: trimmed, settingsOn: ['editor.formatOnSave', 'files.trimFinalNewlines'] }]])), [
      'apps/api.yaml changed while it was saved (the settings editor.formatOnSave, files.trimFinalNewlines), so it is not what the plan showed.',
    ]);
    assert.match(savedTextProblems(after, new Map([['apps/api.yaml', { text: `${planned} `, settingsOn: [] }]]))[0] ?? '', /an extension that edits files on save/);
  });
});
