import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareKubernetesVersions } from '../../../src/core/schema/api-deprecations.js';
import { isQuantity } from '../../../src/core/schema/quantity.js';
import { createMemorySchemaSource } from '../../../src/core/schema/schema-source.js';
import { editDistance, suggestField } from '../../../src/core/schema/suggest-field.js';

test('quantity grammar', () => {
  for (const ok of ['1', '0.5', '.5', '1.', '100m', '128Mi', '1Gi', '2Ti', '1e3', '1E-3', '+1', '-1', '5k', '3M', '1Ei', 0.25, 4]) assert.ok(isQuantity(ok), String(ok));
  for (const bad of ['1GB', 'Mi', '', '1 Gi', '1.2.3', 'one', '1mi', '1Kib', Number.POSITIVE_INFINITY, true, null, '9'.repeat(100)]) assert.ok(!isQuantity(bad), String(bad));
});

test('edit distance counts transpositions and stops early past the limit', () => {
  assert.equal(editDistance('contianers', 'containers', 3), 1);
  assert.equal(editDistance('abc', 'abc', 1), 0);
  assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
});

test('suggestField picks the closest name, case-insensitively, or nothing', () => {
  assert.equal(suggestField('contianers', ['containers', 'initContainers']), 'containers');
  assert.equal(suggestField('ImagePullPolicy', ['imagePullPolicy', 'image']), 'imagePullPolicy');
  assert.equal(suggestField('xyz', ['containers']), undefined);
  assert.equal(suggestField('a'.repeat(500), ['a']), undefined);
});

test('Kubernetes versions compare numerically', () => {
  assert.ok(compareKubernetesVersions('1.9', '1.30') < 0);
  assert.equal(compareKubernetesVersions('1.30', '1.30'), 0);
});

test('the memory source loads lazily and once', () => {
  let calls = 0;
  const source = createMemorySchemaSource({ a: () => (calls++, { x: 1 }), b: { y: 2 }, bad: () => { throw new Error('no'); } });
  assert.deepEqual(source.load('a'), { x: 1 });
  source.load('a');
  assert.equal(calls, 1);
  assert.deepEqual(source.load('b'), { y: 2 });
  assert.equal(source.load('bad'), undefined);
  assert.equal(source.load('missing'), undefined);
  assert.equal(source.load('toString'), undefined);
});
