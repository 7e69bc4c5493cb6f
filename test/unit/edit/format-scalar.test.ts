// A replaced scalar keeps its style and always reads back (as Kubernetes reads YAML) as the new value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { formatScalarLike } from '../../../src/core/edit/format-scalar.js';
import { yamlOptions } from '../../../src/core/manifest/kubernetes-yaml.js';

function readBack(text: string): unknown {
  return (parseDocument(`k: ${text}\n`, yamlOptions('yaml')).toJS() as { k: unknown }).k;
}

describe('formatScalarLike', () => {
  it('keeps the old style: plain, single-quoted, double-quoted', () => {
    assert.equal(formatScalarLike('3', 10), '10');
    assert.equal(formatScalarLike('nginx:1.0', 'nginx:1.1'), 'nginx:1.1');
    assert.equal(formatScalarLike("'nginx:1.0'", 'nginx:1.1'), "'nginx:1.1'");
    assert.equal(formatScalarLike('"nginx:1.0"', 'nginx:1.1'), '"nginx:1.1"');
    assert.equal(formatScalarLike("'a'", "it's"), "'it''s'");
  });

  it('quotes a plain string that would read back as another type or value', () => {
    for (const value of ['yes', 'off', 'true', '1.10', '0o644', '0644', '10', 'null', '~', '', ' padded', 'a: b', '# not a comment', '- item', '*alias', '&anchor', '{x}', 'multi\nline']) {
      const text = formatScalarLike('old', value);
      assert.ok(text !== undefined);
      assert.notEqual(text, value, `"${value}" must be quoted`);
      assert.equal(readBack(text), value, `${text} reads back as ${JSON.stringify(value)}`);
    }
  });

  it('writes numbers, booleans and null plain, and every result reads back as the value', () => {
    const cases: [string, unknown][] = [['3', 0], ['"3"', 7], ['true', false], ['x', null], ["'1.0'", 1.5], ['"8080"', '8081'], ['plain', 'with "quotes" and \'single\'']];
    for (const [old, value] of cases) {
      const text = formatScalarLike(old, value);
      assert.ok(text !== undefined, `${old} → ${String(value)}`);
      assert.deepEqual(readBack(text), value);
    }
  });

  it('declines what one inline scalar cannot say', () => {
    assert.equal(formatScalarLike('|\n  a\n', 'b'), undefined, 'block scalars are rewritten by a person, not here');
    assert.equal(formatScalarLike('3', { a: 1 }), undefined);
    assert.equal(formatScalarLike('3', Number.NaN), undefined);
  });
});
