// Edits planned from live drift by the real server against the test API server (demo repository, replicas
// scaled by the real kubectl): the hotfix guard names the hotfix a commit would revert, and Add Ignore Rule
// plans the Flux Kustomization's driftIgnoreRules; written to disk, the rule turns the Deployment Synced.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { createDriftService } from '../../src/adapters/drift/drift-service.js';
import { applyFileEdits } from '../../src/core/writeback/apply-file-edits.js';
import { hotfixGuardRequest, planIgnoreRuleRequest } from '../../src/protocol/drift-edit-messages.js';
import { driftDeltaNotification, driftWatchRequest, type DriftDeltaParams, type DriftResourceView } from '../../src/protocol/drift-messages.js';
import { isWriteRequest } from '../cluster/api-server/api-server.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { readTree } from '../support/read-tree.js';
import { LspTestSession } from './support/lsp-test-session.js';

const TIMING = { documentDelayMs: 0, workspaceDelayMs: 10, driftStopDelayMs: 0, driftDesiredDelayMs: 0 };
const DEADLINE_MS = 20_000;
const DEPLOYMENT_ID = 'apps/Deployment/shop/api-server';
const BASE = 'apps/base/api-server/deployment.yaml';

describe('drift edits against the test cluster: hotfix guard and Add Ignore Rule', () => {
  let cluster: TestCluster;
  let session: LspTestSession;
  let deltas: DriftDeltaParams[];
  const envId = () => `${session.uri('repo')}#apps`;
  const picture = new Map<string, DriftResourceView>();
  let applied = 0;
  const deployment = () => {
    for (const d of deltas.slice(applied)) {
      if (d.environmentId !== envId()) continue;
      if (d.reset) picture.clear();
      for (const id of d.removed) picture.delete(id);
      for (const r of d.upserted) picture.set(r.id, r);
    }
    applied = deltas.length;
    return picture.get(DEPLOYMENT_ID);
  };

  before(async () => {
    cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/crds', seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }], bookmarkIntervalMs: 200 });
    session = await LspTestSession.start({ files: readTree('test/fixtures/demo-repo', 'repo'), folders: ['repo'], deps: { driftService: createDriftService, timing: TIMING } });
    deltas = session.record(driftDeltaNotification);
    const rendered = await cluster.run('kustomize', join(session.root, 'repo/apps/production'));
    const result = await cluster.kubectl(['apply', '-f', '-'], { input: rendered.replaceAll('${CLUSTER_NAME}', 'production') });
    assert.equal(result.code, 0, result.stderr);
    await session.client.sendRequest(driftWatchRequest, { watching: true, kubeconfig: cluster.handle.kubeconfigPath });
    await session.waitFor(() => deployment()?.status === 'Synced', 'the Deployment Synced', DEADLINE_MS);
    await cluster.run('scale', 'deployment/api-server', '-n', 'shop', '--replicas=5');
    await session.waitFor(() => deployment()?.status === 'Drifted', 'the Deployment Drifted', DEADLINE_MS);
  });
  after(async () => {
    await session?.dispose();
    await cluster?.stop();
  });

  it('hotfix guard: a commit that edits the scaled Deployment but not its replicas warns; one that codifies 5 does not', async () => {
    const edit = { path: BASE, range: { start: { line: 20, character: 10 }, end: { line: 20, character: 10 } }, newText: '' };
    const other = await session.client.sendRequest(hotfixGuardRequest, { environmentId: envId(), plan: { files: [{ path: BASE, edits: [edit] }], fields: [] } });
    assert.deepEqual(other.warnings.map((w) => [w.resourceId, w.fields.map((f) => [f.path, f.gitValue, f.liveValue, f.changedBy])]), [[DEPLOYMENT_ID, [['.spec.replicas', 3, 5, 'kubectl (scale)']]]]);
    assert.match(other.warnings[0]?.message ?? '', /Commit the live change first/);
    const codified = await session.client.sendRequest(hotfixGuardRequest, {
      environmentId: envId(),
      plan: { files: [{ path: BASE, edits: [edit] }], fields: [{ path: '.spec.replicas', from: 3, to: 5, file: BASE, layer: 'base' }] },
    });
    assert.deepEqual(codified.warnings, []);
    const unrelated = await session.client.sendRequest(hotfixGuardRequest, { environmentId: envId(), plan: { files: [{ path: 'apps/base/api-server/service.yaml', edits: [edit] }], fields: [] } });
    assert.deepEqual(unrelated.warnings, []);
  });

  it('Add Ignore Rule: planned on the Flux Kustomization; written to disk, the Deployment is Synced with one ignored field', async () => {
    const field = deployment()?.fields.find((f) => f.path === '.spec.replicas');
    assert.ok(field);
    const writesBefore = cluster.handle.requests.filter(isWriteRequest).length;
    const result = await session.client.sendRequest(planIgnoreRuleRequest, { environmentId: envId(), resourceId: DEPLOYMENT_ID, pointer: field.pointer });
    assert.equal(result.target, 'flux-kustomization');
    assert.equal(result.folderUri, session.uri('repo'));
    assert.equal(result.outcome.kind, 'plan', JSON.stringify(result.outcome));
    if (result.outcome.kind !== 'plan') return;
    const [file] = result.outcome.plan.files;
    assert.equal(file?.path, 'clusters/production/apps.yaml');
    const path = join(session.root, 'repo', file.path);
    const text = readFileSync(path, 'utf8');
    const applied = applyFileEdits(file, text);
    assert.ok('text' in applied, 'problem' in applied ? applied.problem : '');
    const next = applied.text;
    assert.equal(next, `${text}  driftIgnoreRules:\n    - paths:\n        - /spec/replicas\n      target:\n        group: apps\n        kind: Deployment\n        name: api-server\n        namespace: shop\n`);
    session.writeFile(join('repo', file.path), next);
    await session.fileChangedOnDisk(join('repo', file.path), FileChangeType.Changed);
    await session.waitFor(() => deployment()?.status === 'Synced' && deployment()?.ignoredFields === 1, 'the Deployment Synced, replicas ignored', DEADLINE_MS);
    assert.equal(cluster.handle.requests.filter(isWriteRequest).length, writesBefore, 'planning and the rebuild wrote nothing to the cluster');
  });
});
