import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isArgoSyncHook } from '../../../src/core/drift/sync-hooks.js';

const job = (annotations?: Record<string, string>) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { generateName: 'upgrade-sql-schema', ...(annotations ? { annotations } : {}) } });

test('Argo CD hooks and the Helm hooks it maps onto them are sync hooks (argocd-example-apps sync-waves, pre-post-sync); other objects are not', () => {
  assert.equal(isArgoSyncHook(job({ 'argocd.argoproj.io/hook': 'PreSync' })), true);
  assert.equal(isArgoSyncHook(job({ 'argocd.argoproj.io/hook': 'Skip' })), true);
  assert.equal(isArgoSyncHook(job({ 'helm.sh/hook': 'pre-install' })), true);
  assert.equal(isArgoSyncHook(job({ 'argocd.argoproj.io/sync-wave': '1' })), false);
  assert.equal(isArgoSyncHook(job()), false);
});
