// People's live changes outside what Git declares: who counts as a person's tool, the settings that extend
// it, and the same findings through the exact (server-side dry-run) strategy, on recorded fixtures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { computeExactResourceDrift, computeResourceDrift, keyOfLive } from '../../../src/core/drift/compute-resource-drift.js';
import { FieldChange } from '../../../src/core/drift/drift-types.js';
import { isPersonTool } from '../../../src/core/drift/person-tools.js';
import { findUnmanaged } from '../../../src/core/drift/unmanaged-objects.js';
import { parseDriftSettings, withDriftSettings } from '../../../src/core/environments/drift-settings.js';
import { resourceKeyId } from '../../../src/core/resource/resource-key.js';
import { FIXTURES, readCaseSettings, readGit, readLive } from './drift-fixture-case.js';

test('person tools: the kubectl family, UIs and browsers; settings add names and prefixes; the agent never is one', () => {
  for (const m of ['kubectl', 'kubectl-edit', 'kubectl-patch', 'kubectl-set', 'kubectl-client-side-apply', 'k9s', 'Lens', 'headlamp', 'kubernetes-dashboard', 'Mozilla']) {
    assert.ok(isPersonTool(m), m);
  }
  for (const m of ['kube-controller-manager', 'kustomize-controller', 'argocd-controller', 'vpa-recommender', 'ops-console']) assert.ok(!isPersonTool(m), m);
  assert.ok(isPersonTool('ops-console', ['ops-console']));
  assert.ok(isPersonTool('rancher-ui-7', ['rancher-ui-*']));
  assert.ok(!isPersonTool('kubectl-client-side-apply', [], ['kubectl-client-side-apply']), 'an environment whose agent applies with kubectl');
});

test('drift settings: personTools and countLiveOnlyMetadata are read, malformed values reported, carried onto environments', () => {
  const s = parseDriftSettings({ personTools: ['ops-console'], countLiveOnlyMetadata: true });
  assert.deepEqual([s.personTools, s.countLiveOnlyMetadata, s.problems], [['ops-console'], true, []]);
  const bad = parseDriftSettings({ personTools: 'ops-console', countLiveOnlyMetadata: 'yes', personTool: [] });
  assert.deepEqual(bad.problems, [
    "unknown key 'personTool' (known: environments, ignoreDifferences, driftIgnoreRules, personTools, countLiveOnlyMetadata, listUnmanaged)",
    'personTools must be a list of field manager names (a trailing * matches a prefix)',
    'countLiveOnlyMetadata must be true or false',
  ]);
  assert.equal(withDriftSettings(undefined, parseDriftSettings({})), undefined, 'nothing said: no environment implied');
  const env = withDriftSettings(undefined, s);
  assert.deepEqual([env?.name, env?.personTools, env?.countLiveOnlyMetadata], ['', ['ops-console'], true]);
});

/** One object of a recorded case: its Git side and its live side. */
function exactCase(name: string, id: string) {
  const dir = join(FIXTURES, name);
  const { desired } = readGit(dir, readCaseSettings(dir));
  const d = desired.find((x) => resourceKeyId(x.key) === id);
  const live = readLive(dir).find((o) => resourceKeyId(keyOfLive(o)) === id);
  assert.ok(d && live, `${name}: ${id}`);
  return { d, live };
}

test('--exact: a dry-run apply keeps fields other managers own, so people\'s additions are found through managedFields there too', () => {
  for (const [name, id, change, manager] of [
    ['added-env-kubectl-set', 'apps/Deployment/default/frontend', FieldChange.AddedLive, 'kubectl-set'],
    ['changed-default-kubectl-patch', '/Service/default/frontend', FieldChange.ChangedDefault, 'kubectl-patch'],
  ] as const) {
    const { d, live } = exactCase(name, id);
    const r = computeExactResourceDrift(d, live, live);
    assert.equal(r.status, 'Drifted', name);
    assert.deepEqual(r.fields.map((f) => [f.change, f.attribution?.manager, f.suggestedAction]), [[change, manager, 'commit']], name);
  }
});

test('a value Git sets that was never applied is not "removed live"', () => {
  const { d, live } = exactCase('added-env-kubectl-set', 'apps/Deployment/default/frontend');
  const object = structuredClone(d.object) as unknown as { spec: { minReadySeconds?: number } };
  object.spec.minReadySeconds = 5;
  const r = computeResourceDrift({ ...d, object: object as unknown as typeof d.object }, live);
  const field = r.fields.find((f) => f.path === '.spec.minReadySeconds');
  assert.equal(field?.change, FieldChange.MissingLive);
  assert.equal(field?.actionReason, 'set in Git, absent live; the next sync sets it');
});

test('unmanaged objects: live in a namespace Git deploys to, no mark, no owner, not in Git; the cluster\'s own and other namespaces\' are not', () => {
  const dir = join(FIXTURES, 'added-env-kubectl-set');
  const { desired } = readGit(dir, readCaseSettings(dir));
  const created = { manager: 'kubectl-create', operation: 'Update', time: '2026-12-04T20:00:00Z', fieldsV1: { 'f:spec': {} } };
  const live = [
    ...readLive(dir),
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'debug', namespace: 'default', managedFields: [created] } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'elsewhere', namespace: 'other' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'by-flux', namespace: 'default', labels: { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' } } },
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 'owned', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u' }] } },
  ];
  assert.deepEqual(findUnmanaged(desired, live), [{
    key: { group: 'apps', kind: 'Deployment', namespace: 'default', name: 'debug' }, id: 'Deployment.apps default/debug',
    createdBy: { manager: 'kubectl-create', operation: 'Update', time: '2026-12-04T20:00:00Z' },
  }]);
});

test('a Secret key a person added live is drift with its value masked', () => {
  const key = { group: '', kind: 'Secret', namespace: 'shop', name: 'db' };
  const git = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { user: 'YWRtaW4=' } };
  const live = {
    ...git, type: 'Opaque', data: { user: 'YWRtaW4=', password: 'aHVudGVyMg==' },
    metadata: {
      ...git.metadata, managedFields: [
        { manager: 'kustomize-controller', operation: 'Apply', time: '2026-12-04T10:00:00Z', fieldsV1: { 'f:data': { 'f:user': {} } } },
        { manager: 'kubectl-edit', operation: 'Update', time: '2026-12-04T11:00:00Z', fieldsV1: { 'f:data': { 'f:password': {} } } },
      ],
    },
  };
  const r = computeResourceDrift({ key, object: git }, live);
  assert.deepEqual(r.fields.map((f) => [f.path, f.change, f.liveValue, f.attribution?.manager]), [['.data.password', FieldChange.AddedLive, '***', 'kubectl-edit']]);
  assert.ok(!JSON.stringify(r).includes('aHVudGVyMg=='));
});

test('the last-applied annotation is a three-way base only when it records Git: the agent wrote it, or no agent deploys the object', () => {
  const key = { group: '', kind: 'ConfigMap', namespace: 'shop', name: 'cfg' };
  const git = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1' } };
  const annotation = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'shop' }, data: { a: '1', b: '2' } });
  const withLastApplied = (owner: string, agentEntry: boolean) => ({
    ...git, data: { a: '1', b: '2' },
    metadata: {
      ...git.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': annotation }, managedFields: [
        ...(agentEntry ? [{ manager: 'kustomize-controller', operation: 'Apply', time: '2026-12-04T10:00:00Z', fieldsV1: { 'f:data': { 'f:a': {} } } }] : []),
        { manager: owner, operation: 'Update', time: '2026-12-04T11:00:00Z', fieldsV1: { 'f:data': { 'f:b': {} }, 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } } } },
      ],
    },
  });
  const fields = (live: object) => computeResourceDrift({ key, object: git }, live as never).fields.map((f) => [f.path, f.change, f.attribution?.manager, f.suggestedAction]);
  assert.deepEqual(fields(withLastApplied('kubectl-client-side-apply', true)), [['.data.b', FieldChange.AddedLive, 'kubectl-client-side-apply', 'commit']], 'a person\'s kubectl apply over what the agent deploys');
  assert.deepEqual(fields(withLastApplied('kubectl-client-side-apply', false)).map((f) => f.slice(0, 2)), [['.data.b', FieldChange.RemovedFromGit]], 'kubectl apply deploys Git: b was applied from Git before');
  assert.deepEqual(fields(withLastApplied('argocd-controller', false)).map((f) => f.slice(0, 2)), [['.data.b', FieldChange.RemovedFromGit]], 'Argo CD\'s client-side apply wrote it');
});
