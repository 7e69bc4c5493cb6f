import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exitCode } from '../../../src/cli/drift-command.js';
import { DriftStatus, DriftStrategy, type ResourceDrift } from '../../../src/core/drift/drift-types.js';
import { runDriftCli, writeRepo } from '../../drift/drift-e2e-support.js';

const FLUX = 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\nspec: {path: ./apps, sourceRef: {kind: GitRepository, name: x}}\n';

test('usage errors exit 2 and say what is wrong', async () => {
  const repo = writeRepo({ 'clusters/apps.yaml': FLUX });
  try {
    const sarif = await runDriftCli([repo.dir, '--format', 'sarif']);
    assert.equal(sarif.code, 2);
    assert.match(sarif.stderr, /--format must be one of text, json for drift/);
    const env = await runDriftCli([repo.dir, '--env', 'prod']);
    assert.equal(env.code, 2);
    assert.match(env.stderr, /no environment 'prod' \(found: apps\)/);
    const timeout = await runDriftCli([repo.dir, '--timeout', 'soon']);
    assert.equal(timeout.code, 2);
    assert.match(timeout.stderr, /--timeout must be a number of seconds/);
  } finally {
    repo.cleanup();
  }
});

test('exit status: 0 only when everything is Synced, 2 whenever anything is Unknown', () => {
  const r = (status: DriftStatus): ResourceDrift => ({ key: { group: '', kind: 'ConfigMap', namespace: 'a', name: status }, id: status, status, fields: [], strategy: DriftStrategy.Normalized, ignoredFields: 0 });
  assert.equal(exitCode([r(DriftStatus.Synced)]), 0);
  assert.equal(exitCode([r(DriftStatus.Synced), r(DriftStatus.Orphan)]), 1);
  assert.equal(exitCode([r(DriftStatus.Missing)]), 1);
  assert.equal(exitCode([r(DriftStatus.Drifted), r(DriftStatus.Unknown)]), 2);
  assert.equal(exitCode([]), 0);
});

test('a path without Kubernetes objects is an error, not "in sync"', async () => {
  const repo = writeRepo({ 'README.md': '# nothing here\n', kubeconfig: 'apiVersion: v1\nkind: Config\ncurrent-context: k\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: k, user: {token: t}}]\ncontexts: [{name: k, context: {cluster: k, user: k}}]\n' });
  try {
    const r = await runDriftCli([repo.dir, '--kubeconfig', `${repo.dir}/kubeconfig`]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /nothing to compare: no Kubernetes objects/);
  } finally {
    repo.cleanup();
  }
});
