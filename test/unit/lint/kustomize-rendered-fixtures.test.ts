// Names, namespaces, labels, images and replicas judged as kustomize renders them (issue 10): each tree under
// test/fixtures/kustomize-rendered/ holds objects that are fine as rendered (quiet) beside planted faults that
// must still be caught. `expected.json` pins the findings of the rendering-aware rules (UPDATE_GOLDEN=1 rewrites
// it; review the diff). That the model renders as kustomize does is proven in
// test/unit/kustomize/rendered-model-vs-kubectl.test.ts over the same trees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { createNodeValidator } from '../../../src/adapters/schema/node-validator.js';

const FIXTURES = join(__dirname, '../../fixtures/kustomize-rendered');
const JUDGED = new Set(['schema', 'image-tag', 'duplicate-resource', 'selector-mismatch', 'dangling-reference', 'hpa-fixed-replicas']);
const update = process.env.UPDATE_GOLDEN === '1';
const validator = createNodeValidator();

const RENDERED_CASES = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

function findingsOf(dir: string): string[] {
  const { index } = loadWorkspace(dir);
  return lintWorkspace(index, DEFAULT_LINT_CONFIG, { rules: RULES, validator })
    .flatMap((r) => r.findings)
    .filter((f) => JUDGED.has(f.ruleId))
    .map((f) => `${f.severity} ${f.ruleId} ${f.path}:${f.range.start.line + 1} ${f.message}`)
    .sort();
}

test('every rendering case has a planted fault and a quiet twin', () => {
  assert.ok(RENDERED_CASES.length >= 6, RENDERED_CASES.join(', '));
  for (const name of RENDERED_CASES) {
    const expected = JSON.parse(readFileSync(join(FIXTURES, name, 'expected.json'), 'utf8')) as { findings: string[]; quiet: string[] };
    assert.ok(expected.findings.length > 0, `${name}: no planted fault`);
    assert.ok(expected.quiet.length > 0, `${name}: no quiet case named`);
  }
});

for (const name of RENDERED_CASES) {
  test(`kustomize-rendered ${name}: faults caught as rendered, the rest quiet`, () => {
    const path = join(FIXTURES, name, 'expected.json');
    const expected = JSON.parse(readFileSync(path, 'utf8')) as { findings: string[]; quiet: string[]; kustomizeFails?: string[] };
    const actual = findingsOf(join(FIXTURES, name));
    if (update) writeFileSync(path, JSON.stringify({ ...expected, findings: actual }, null, 2) + '\n');
    assert.deepEqual(actual, expected.findings);
    // The files named quiet have no finding of these rules at all.
    for (const file of expected.quiet) assert.deepEqual(actual.filter((f) => f.split(' ')[2]?.startsWith(`${file}:`)), [], `${name}: ${file} should be quiet`);
  });
}
