import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findOwner, ownedLeafPaths, readManagedFields, trimManagedFields } from '../../../src/core/drift/managed-fields.js';

const live = {
  metadata: {
    managedFields: [
      { manager: 'kubectl-client-side-apply', operation: 'Update', time: '2026-11-20T10:00:00Z', fieldsV1: { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:image': {}, 'f:name': {} } } } } } } },
      { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-11-20T17:02:00Z', fieldsV1: { 'f:spec': { 'f:replicas': {} } } },
      { manager: 'kube-controller-manager', operation: 'Update', subresource: 'status', time: '2026-11-20T17:03:00Z', fieldsV1: { 'f:status': { 'f:replicas': {} } } },
      { manager: 'helm', operation: 'Update', time: '2026-11-20T09:00:00Z', fieldsV1: { 'f:spec': { 'f:template': { 'f:spec': { 'f:tolerations': {} } } } } },
    ],
  },
  spec: { replicas: 10, template: { spec: { containers: [{ name: 'app', image: 'a' }], tolerations: [{ key: 'x' }] } } },
};

test('the owner of a field is the entry whose field set names it, with subresource and time', () => {
  const entries = readManagedFields(live);
  assert.deepEqual(findOwner(entries, ['spec', 'replicas'], live), { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-11-20T17:02:00Z' });
  assert.equal(findOwner(entries, ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }, 'image'], live)?.manager, 'kubectl-client-side-apply');
});

test('an atomic value owned whole owns what is inside it', () => {
  const entries = readManagedFields(live);
  assert.equal(findOwner(entries, ['spec', 'template', 'spec', 'tolerations', { index: 0 }, 'key'], live)?.manager, 'helm');
  assert.equal(findOwner(entries, ['spec', 'paused'], live), undefined);
});

test('leaf paths resolve keyed items against the live object', () => {
  const paths = ownedLeafPaths(readManagedFields(live)[0]?.fieldsV1, live);
  assert.deepEqual(paths[0], ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }]);
  assert.ok(paths.some((p) => p[p.length - 1] === 'image'));
});

test('trimming drops status entries and everything attribution does not read', () => {
  const trimmed = trimManagedFields(live.metadata.managedFields) as { manager: string }[];
  assert.deepEqual(trimmed.map((e) => e.manager), ['kubectl-client-side-apply', 'kubectl', 'helm']);
});
