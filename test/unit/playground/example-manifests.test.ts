// Each example of the playground shows exactly the mistake it is named for, and the clean one shows nothing:
// linted by the same function the page's worker runs, with the page's defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeValidator } from '../../../src/adapters/schema/node-validator.js';
import { EXAMPLE_MANIFESTS } from '../../../src/playground/example-manifests.js';
import { createTextLinter } from '../../../src/playground/lint-text.js';

const linter = createTextLinter(createNodeValidator());
const lint = (text: string, disabledRules: readonly string[] = []) => linter.lint({ id: 1, text, kubernetesVersion: '1.34', disabledRules });

for (const example of EXAMPLE_MANIFESTS) {
  test(`example '${example.title}' shows ${example.ruleId ?? 'no finding'}`, () => {
    const findings = lint(example.text).findings;
    assert.deepEqual(findings.map((f) => f.ruleId), example.ruleId ? [example.ruleId] : []);
  });
}

test('a finding carries the rule\'s own fix first, then the suppressions, as edits on the text', () => {
  const example = EXAMPLE_MANIFESTS.find((e) => e.ruleId === 'image-tag');
  assert.ok(example);
  const [finding] = lint(example.text).findings;
  assert.equal(finding?.range.start.line, example.text.split('\n').findIndex((line) => line.includes('nginx:latest')));
  assert.deepEqual(finding?.fixes.map((f) => [f.isPreferred, f.isSuppression]), [[true, false], [false, true], [false, true]]);
  assert.ok(finding?.fixes[0]?.edits.every((e) => !e.newText.includes('latest')), 'the image fix replaces the tag');
});

test('turning a rule off removes its findings', () => {
  const secret = EXAMPLE_MANIFESTS.find((e) => e.ruleId === 'secret-in-git');
  assert.ok(secret);
  assert.equal(lint(secret.text).findings.length, 1);
  assert.deepEqual(lint(secret.text, ['secret-in-git']).findings, []);
});

test('a sourceRef to a Flux source the text does not declare is reported (the page is the whole repository)', () => {
  const clean = EXAMPLE_MANIFESTS.find((e) => e.ruleId === undefined);
  assert.ok(clean);
  const withoutSource = clean.text.split('---\n').slice(1).join('---\n');
  assert.deepEqual(lint(withoutSource).findings.map((f) => f.ruleId), []);
  const misnamed = clean.text.replace('name: platform\n', 'name: platfrom\n');
  assert.deepEqual(lint(misnamed).findings.map((f) => f.ruleId), ['flux-source']);
});

test('the Kubernetes version decides what is served: a removed apiVersion is an error only where it is removed', () => {
  const text = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: x\nspec:\n  priorityLevelConfiguration:\n    name: global-default\n';
  const at = (kubernetesVersion: string) => linter.lint({ id: 1, text, kubernetesVersion, disabledRules: [] }).findings.map((f) => `${f.ruleId}:${f.severity}`);
  assert.notDeepEqual(at('1.30'), at('1.34'));
});
