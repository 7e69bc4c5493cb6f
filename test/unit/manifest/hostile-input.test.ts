// Issue 14: YAML shaped to be expensive costs time proportional to its size, and what cannot be read in a
// document's budget is one clear `file-limits` finding while the other documents are still read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, type Document } from 'yaml';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { yamlOptions } from '../../../src/core/manifest/kubernetes-yaml.js';
import { findDuplicateKeys } from '../../../src/core/manifest/duplicate-keys.js';
import { convertWithAliases, inspectAliases } from '../../../src/core/manifest/alias-expansion.js';
import { DEFAULT_PARSE_LIMITS } from '../../../src/core/manifest/parse-limits.js';
import { HOSTILE_SHAPES } from '../../support/fuzz-shapes.js';
import { measureScaling } from '../../support/fuzz-scaling.js';
import { lintText } from '../../support/lint-text.js';

const limitMessages = (text: string) => parseManifest('h.yaml', text).documents.flatMap((d) => d.problems).filter((p) => p.ruleId === 'file-limits').map((p) => p.message);

test('duplicate keys: the set-based check reports exactly what the library\'s pairwise check does', () => {
  const cases = [
    'a: 1\nb: 2\na: 3\n',
    'a: 1\n&x a: 2\n!!str a: 3\n',
    '{a: 1, a: 2, "a": 3, b: {c: 1, c: 2}}\n',
    '? a\n: 1\n? a\n: 2\n',
    ': 1\n: 2\n',
    '1: a\n1.0: b\n"1": c\n0x1: d\n',
    '~: 1\nnull: 2\ntrue: 3\nyes: 4\n',
    '? [a]\n: 1\n? [a]\n: 2\n',
    '<<: {a: 1}\n<<: {b: 1}\n',
    '.nan: 1\n.nan: 2\n',
    'x:\n  - {k: 1, k: 2}\n  - k: 1\n    k: 2\n',
  ];
  for (const text of cases) {
    const library = parseAllDocuments(text, { ...yamlOptions('yaml'), uniqueKeys: true }) as Document.Parsed[];
    const ours = parseAllDocuments(text, yamlOptions('yaml')) as Document.Parsed[];
    library.forEach((doc, i) => {
      const expected = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => e.pos[0]);
      assert.deepEqual(findDuplicateKeys(ours[i] as Document.Parsed), expected, text);
    });
  }
});

test('duplicate keys keep their message and range, in source order among other errors', () => {
  const file = parseManifest('d.yaml', 'a: 1\nb: [\na: 3\n');
  const library = parseAllDocuments('a: 1\nb: [\na: 3\n', { ...yamlOptions('yaml'), uniqueKeys: true })[0] as Document.Parsed;
  assert.deepEqual(file.documents[0]?.problems.filter((p) => p.severity === 'error').map((p) => p.message), library.errors.map((e) => e.message.split('\n')[0]));
});

test('aliases convert to the same value the library gives, merge keys included', () => {
  const text = 'base: &b {x: 1, y: [1, 2]}\nd:\n  <<: *b\n  x: 3\ne:\n  x: 0\n  <<: [*b, {z: 1}]\nf: *b\n__proto__: 1\ng: &s [*b, &n 7]\nh: [*s, *n]\n';
  const doc = parseAllDocuments(text, yamlOptions('yaml'))[0] as Document.Parsed;
  const report = inspectAliases(doc, 1000);
  assert.equal(report.problem, undefined);
  assert.equal(report.aliasCount, 6);
  assert.deepEqual(convertWithAliases(doc, report.targets), doc.toJS({ mapAsMap: false }));
});

test('an alias inside the value it names is a cycle, reported before anything expands it', () => {
  assert.deepEqual(limitMessages('a: &a [*a, *a]\n'), ['Document not validated: the alias *a is inside the value it names (&a), so it never ends.']);
  assert.match(limitMessages('data: &m\n  k: *m\n')[0] ?? '', /alias \*m is inside/);
  assert.match(limitMessages('data: &m\n  <<: *m\n')[0] ?? '', /alias \*m is inside/);
  assert.match(limitMessages('x: *nowhere\n')[0] ?? '', /no anchor &nowhere before it/);
});

test('a billion-laughs document is refused by counting, and names the reason', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefghijklmnop'.split('').map((n) => `${n}: &${n} [${Array(9).fill('*' + String.fromCharCode(n.charCodeAt(0) - 1)).join(', ')}]`)];
  assert.match(limitMessages(bomb.join('\n'))[0] ?? '', /aliases expand to more than 100,000 extra values/);
});

test('a document over its budget gets one finding; the other documents of the file are still read and linted', () => {
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${Array.from({ length: 200 }, (_, i) => `  k${i}: v\n`).join('')}`;
  const good = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: small\ndata:\n  k: v\n';
  const file = parseManifest('b.yaml', `${good}---\n${big}---\n${good.replace('small', 'other')}`, { ...DEFAULT_PARSE_LIMITS, maxDocumentValues: 100 });
  assert.deepEqual(file.documents.map((d) => d.value === undefined), [false, true, false]);
  const [problem] = file.documents[1]?.problems ?? [];
  assert.equal(problem?.ruleId, 'file-limits');
  assert.match(problem?.message ?? '', /^Document not validated: 411 values \(aliases expanded\) are over the 100 budget for one document\.$/);
  assert.equal(problem?.range.start.line, 6, 'where the document starts');
  const timed = parseManifest('t.yaml', `${good}---\n${big}`, { ...DEFAULT_PARSE_LIMITS, maxDocumentMs: -1 });
  assert.ok(timed.documents.every((d) => d.value === undefined && /s budget for one document/.test(d.problems[0]?.message ?? '')));
});

test('the real lint of each hostile shape ends, with at most one file-limits finding per document', () => {
  for (const shape of HOSTILE_SHAPES) {
    const findings = lintText('h.yaml', shape.generate(Math.min(shape.sizes[0], 200)));
    assert.ok(findings.filter((f) => f.ruleId === 'file-limits').length <= 1, shape.name);
  }
});

test('every hostile shape grows linearly: 4× the input costs far less than 16× the time (compared within this run)', () => {
  const parse = (text: string) => parseManifest('s.yaml', text);
  for (const shape of HOSTILE_SHAPES) {
    const testCase = { name: shape.name, generate: shape.generate, n: Math.max(1, Math.floor(shape.sizes[0] / 4)) };
    // Linear is 4×; quadratic would be 16×. Generous slack, and a shape over it is measured twice more: a busy
    // machine slows one measurement, superlinear work is slow every time.
    let result = measureScaling(testCase, parse);
    for (let retry = 0; retry < 2 && result.growth >= 10; retry++) result = measureScaling({ ...testCase, n: result.n }, parse);
    assert.ok(result.growth < 10, `${shape.name}: ${result.baseMs.toFixed(1)} ms at ${result.n} → ${result.grownMs.toFixed(1)} ms at ${result.n * 4}`);
  }
});

test('regression fixtures (test/fixtures/hostile): each ends with the findings it should', () => {
  const expected: Record<string, { readonly limit?: RegExp; readonly duplicates?: number }> = {
    'self-alias-sequence.yaml': { limit: /alias \*a is inside the value it names/ },
    'self-alias-mapping.yaml': { limit: /alias \*m is inside the value it names/ },
    'self-merge.yaml': { limit: /alias \*m is inside the value it names/ },
    'merge-chain.yaml': { limit: /aliases expand to more than 100,000 extra values/ },
    'many-anchors.yaml': {},
    'duplicate-keys.yaml': { duplicates: 200 },
    'billion-laughs.yaml': { limit: /aliases expand to more than 100,000 extra values/ },
  };
  const dir = 'test/fixtures/hostile';
  assert.deepEqual(readdirSync(dir).sort(), Object.keys(expected).sort(), 'every fixture has its expectation');
  for (const [name, want] of Object.entries(expected)) {
    const findings = lintText(name, readFileSync(join(dir, name), 'utf8'));
    const limits = findings.filter((f) => f.ruleId === 'file-limits');
    if (want.limit) {
      assert.equal(limits.length, 1, name);
      assert.match(limits[0]?.message ?? '', want.limit, name);
    } else assert.deepEqual(limits, [], name);
    assert.equal(findings.filter((f) => f.message === 'Map keys must be unique').length, want.duplicates ?? 0, name);
  }
  // The file's other document is still read.
  const laughs = parseManifest('b.yaml', readFileSync(join(dir, 'billion-laughs.yaml'), 'utf8'));
  assert.deepEqual((laughs.documents[1]?.value as { metadata: { name: string } }).metadata.name, 'after-the-bomb');
});

test('a document with more problems than call arguments fit (160,000 duplicate keys) is linted, not a stack overflow', () => {
  const shape = HOSTILE_SHAPES.find((s) => s.name === 'duplicate keys');
  assert.ok(shape);
  const findings = lintText('d.yaml', shape.generate(160_000));
  assert.equal(findings.filter((f) => f.message === 'Map keys must be unique').length, 160_000 - 100);
});
