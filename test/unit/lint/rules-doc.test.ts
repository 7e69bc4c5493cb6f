import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { RULES_DOC_PATH, renderRulesDoc } from '../../../scripts/render-rules-doc.js';

test('docs/rules.md is what `npm run docs:rules` generates from RULES', () => {
  const committed = readFileSync(RULES_DOC_PATH, 'utf8');
  assert.equal(committed, renderRulesDoc(RULES), 'docs/rules.md is stale: run `npm run docs:rules` and commit it');
});

test('every rule has a unique kebab-case id and complete metadata', () => {
  const ids = RULES.map((r) => r.meta.id);
  assert.deepEqual([...new Set(ids)], ids, 'duplicate rule id');
  for (const { meta } of RULES) {
    assert.match(meta.id, /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, meta.id);
    for (const field of ['title', 'rationale', 'remediation'] as const) assert.ok(meta[field].trim().length > 10, `${meta.id}: ${field} is empty`);
    assert.ok(meta.kinds === undefined || meta.kinds.length > 0, `${meta.id}: kinds is an empty list (no object would be checked)`);
  }
});

test('the generated document has a section and the three suppression forms for each rule', () => {
  const doc = renderRulesDoc(RULES);
  for (const { meta } of RULES) {
    assert.ok(doc.includes(`## \`${meta.id}\``), `${meta.id}: no section`);
    assert.ok(doc.includes(`ignore-check.gitops-authoring.dev/${meta.id}:`), `${meta.id}: no annotation example`);
    assert.ok(doc.includes(`# gitops-authoring-ignore ${meta.id}`), `${meta.id}: no comment example`);
    assert.ok(doc.includes(`  ${meta.id}: off`), `${meta.id}: no config example`);
  }
});
