import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuantity, quantitiesEqual } from '../../../src/core/drift/quantity.js';

test('quantities compare by value across spellings the API server canonicalizes', () => {
  for (const [a, b] of [['1000m', '1'], ['1Gi', '1024Mi'], [0.5, '500m'], ['1e3', '1k'], ['10240Mi', '10Gi'], ['1e9', '1G'], [2, '2000m'], ['.5', '500m']] as const) {
    assert.ok(quantitiesEqual(a, b), `${a} = ${b}`);
  }
  for (const [a, b] of [['1Gi', '1G'], ['100m', '1'], ['512Mi', '0.25Gi'], ['1', '1001m']] as const) {
    assert.ok(!quantitiesEqual(a, b), `${a} ≠ ${b}`);
  }
});

test('malformed quantities are not equal to anything and do not throw', () => {
  assert.equal(parseQuantity('1.2.3'), undefined);
  assert.equal(parseQuantity('lots'), undefined);
  assert.ok(!quantitiesEqual('lots', 'lots'));
});
