// The field manager on its own (no HTTP): where "." appears, how Update entries gain and lose fields,
// Apply conflicts and pruning, and quantity canonicalisation.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeApplied, removeFieldPath } from './api-server/apply-merge.js';
import { FieldSet } from './api-server/field-set.js';
import { recordApply, recordUpdate } from './api-server/managed-fields.js';
import { canonicalQuantity } from './api-server/quantity.js';
import { modelSchema } from './api-server/schema.js';
import { ApiError } from './api-server/status-errors.js';
import type { JsonObject, KubeObject } from './api-server/types.js';

const schema = modelSchema('V1ConfigMap');
const who = (manager: string) => ({ manager, subresource: '', apiVersion: 'v1' });
const cm = (data: JsonObject, extra: JsonObject = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd', ...extra }, data });
const entries = (o: KubeObject) => (o.metadata.managedFields as JsonObject[]).map((e) => [e.manager, e.operation, e.fieldsV1]);

describe('field manager', () => {
  it('marks a map that did not exist with "." and records only changed fields on update', () => {
    const created = cm({ a: '1' });
    recordUpdate(schema, { metadata: { creationTimestamp: null } }, created, who('creator'), new FieldSet());
    assert.deepEqual(entries(created), [['creator', 'Update', { 'f:data': { '.': {}, 'f:a': {} } }]]);
    const changed = { ...cm({ a: '1', b: '2' }), metadata: { ...created.metadata } } as KubeObject;
    recordUpdate(schema, created, changed, who('editor'), new FieldSet());
    assert.deepEqual(entries(changed), [
      ['creator', 'Update', { 'f:data': { '.': {}, 'f:a': {} } }],
      ['editor', 'Update', { 'f:data': { 'f:b': {} } }],
    ]);
  });

  it('moves ownership of a changed value and drops removed fields from every manager', () => {
    const base = cm({ a: '1', b: '2' });
    recordUpdate(schema, { metadata: {} }, base, who('creator'), new FieldSet());
    const next = { ...cm({ a: 'changed' }), metadata: { ...base.metadata } } as KubeObject;
    recordUpdate(schema, base, next, who('editor'), new FieldSet());
    assert.deepEqual(entries(next), [
      ['creator', 'Update', { 'f:data': {} }],
      ['editor', 'Update', { 'f:data': { 'f:a': {} } }],
    ]);
  });

  it('reports Apply conflicts with the managers that own changed values, and forces them', () => {
    const live = cm({ a: '1' });
    recordUpdate(schema, { metadata: {} }, live, who('kubectl-edit'), new FieldSet());
    const config: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '2' } };
    const apply = (force: boolean) =>
      recordApply({ schema, live, merged: mergeApplied(schema, live, config) as KubeObject, config, who: who('ssa'), force, ignored: new FieldSet(), removePath: (o, p) => removeFieldPath(schema, o, p) });
    assert.throws(() => apply(false), (e: unknown) => e instanceof ApiError && e.code === 409 && e.message === 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.a');
    const forced = apply(true);
    assert.equal((forced.data as JsonObject).a, '2');
    assert.deepEqual(entries(forced).map((e) => e[0]), ['ssa', 'kubectl-edit']);
  });

  it('prunes what an applier stops applying unless someone else owns it', () => {
    const config1: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
    const empty = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'd' } } as KubeObject;
    const first = recordApply({ schema, live: empty, merged: mergeApplied(schema, empty, config1) as KubeObject, config: config1, who: who('ssa'), force: false, ignored: new FieldSet(), removePath: (o, p) => removeFieldPath(schema, o, p) });
    const config2: JsonObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } };
    const second = recordApply({ schema, live: first, merged: mergeApplied(schema, first, config2) as KubeObject, config: config2, who: who('ssa'), force: false, ignored: new FieldSet(), removePath: (o, p) => removeFieldPath(schema, o, p) });
    assert.deepEqual(second.data, { a: '1' });
    assert.deepEqual(entries(second), [['ssa', 'Apply', { 'f:data': { 'f:a': {} } }]]);
  });
});

describe('quantities', () => {
  it('canonicalises as the API server re-serializes them', () => {
    const cases: [string | number, string][] = [
      ['0.5', '500m'],
      [2, '2'],
      ['2000m', '2'],
      ['100m', '100m'],
      ['1024Mi', '1Gi'],
      ['1.5Gi', '1536Mi'],
      ['128Mi', '128Mi'],
      ['500M', '500M'],
      ['1000', '1k'],
    ];
    for (const [input, expected] of cases) assert.equal(canonicalQuantity(input), expected, String(input));
  });
});
