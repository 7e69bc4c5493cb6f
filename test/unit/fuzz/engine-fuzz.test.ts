// Mutated real manifests: the engine never throws, never hangs (the test's timeout), and keeps memory bounded.
// `npm run fuzz` runs the same loop 100,000 times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom, loadFuzzCorpus, mutate } from '../../support/fuzz-mutator.js';
import { lintText } from '../../support/lint-text.js';
import { createNodeValidator } from '../../../src/adapters/schema/node-validator.js';

const CASES = 3000;

test(`engine survives ${CASES} mutated manifests`, { timeout: 120_000 }, () => {
  const corpus = loadFuzzCorpus();
  assert.ok(corpus.length >= 10, 'fuzz corpus present');
  const validator = createNodeValidator();
  const random = createRandom(0x5eed);
  const rssBefore = process.memoryUsage().rss;
  for (let i = 0; i < CASES; i++) {
    const seed = corpus[i % corpus.length];
    assert.ok(seed);
    const text = mutate(seed.text, random);
    let findings;
    try {
      findings = lintText(seed.name, text, validator);
    } catch (error) {
      assert.fail(`case ${i} (${seed.name}) threw ${String(error)}\n--- input ---\n${text}`);
    }
    for (const f of findings) {
      assert.ok(f.range.start.line >= 0 && f.range.start.character >= 0, `case ${i}: negative position`);
      assert.ok(typeof f.message === 'string' && f.message.length > 0, `case ${i}: empty message`);
    }
  }
  const grownMiB = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
  assert.ok(grownMiB < 512, `memory grew by ${grownMiB.toFixed(0)} MiB`);
});

test('hostile files end in one clear finding', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (const n of 'bcdefghi') bomb.push(`${n}: &${n} [${Array(9).fill('*' + String.fromCharCode(n.charCodeAt(0) - 1)).join(',')}]`);
  const cases: Record<string, RegExp> = {
    [bomb.join('\n')]: /alias/,
    ['['.repeat(50_000)]: /nested deeper/,
    [Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n')]: /nested deeper/,
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n' + '  k: ' + 'x'.repeat(11 * 1024 * 1024) + '\n']: /over the 10 MB limit/,
  };
  for (const [text, expected] of Object.entries(cases)) {
    const findings = lintText('hostile.yaml', text);
    assert.equal(findings.length, 1, findings.map((f) => f.message).join('; '));
    assert.match(findings[0]?.message ?? '', expected);
  }
});
