// A replaced scalar keeps its style and always reads back (as Kubernetes reads YAML) as the new value.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { formatBlockScalarLike, formatScalarLike } from '../../../src/core/edit/format-scalar.js';
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
    assert.equal(formatScalarLike('|\n  a\n', 'b'), undefined, 'block scalars have their own writer (formatBlockScalarLike)');
    assert.equal(formatScalarLike('3', { a: 1 }), undefined);
    assert.equal(formatScalarLike('3', Number.NaN), undefined);
  });
});

describe('formatBlockScalarLike', () => {
  const readBlock = (text: string): unknown => (parseDocument(`k: ${text}`, yamlOptions('yaml')).toJS() as { k: unknown }).k;

  it('writes a literal block indented like the old content that reads back as the value', () => {
    for (const value of ['a = 1\n\nb = 2\n', 'one line, no end', 'x:\n  nested: "quoted"\n', 'tab\there\n']) {
      const text = formatBlockScalarLike('|\n    old\n', value, 2, '\n');
      assert.ok(text, JSON.stringify(value));
      assert.match(text, /^\|-?\n {4}/);
      assert.equal(readBlock(text), value);
    }
  });

  it('keeps a comment after the header, turns folded into literal, and writes CRLF in a CRLF file', () => {
    assert.equal(formatBlockScalarLike('> # wrapped\n  old\n', 'a\nb\n', 0, '\r\n'), '| # wrapped\r\n  a\r\n  b\r\n');
  });

  it('refuses what a plain literal block cannot say', () => {
    assert.equal(formatBlockScalarLike('|\n  old\n', '  leading spaces\n', 0, '\n'), undefined);
    assert.equal(formatBlockScalarLike('|\n  old\n', 'trailing blank lines\n\n', 0, '\n'), undefined);
    assert.equal(formatBlockScalarLike('|2\n   old\n', 'x\n', 0, '\n'), undefined);
    assert.equal(formatBlockScalarLike('|\n  old\n', 42, 0, '\n'), undefined);
  });
});
