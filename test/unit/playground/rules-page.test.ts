// rules.html, the page the markers link to: a section per check, anchored by its id, from the rule list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_CHECKS } from '../../../src/core/lint/engine-checks.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { ALL_CHECKS, renderRulesPage } from '../../../src/playground/rules-page.js';

test('every check the engine can report has a section anchored by its id', () => {
  const html = renderRulesPage();
  assert.equal(ALL_CHECKS.length, ENGINE_CHECKS.length + RULES.length);
  for (const meta of ALL_CHECKS) assert.ok(html.includes(`<section id="${meta.id}">`), meta.id);
  assert.match(html, /ignore-check\.gitops-authoring\.dev\/image-tag/);
});

test('rule text is escaped', () => {
  const html = renderRulesPage([{ id: 'x', title: '<script>', rationale: 'a & b', remediation: '"q"', defaultSeverity: 'warning' }]);
  assert.doesNotMatch(html, /<script>/);
  assert.match(html, /&lt;script&gt;.*/);
  assert.match(html, /a &amp; b/);
});
