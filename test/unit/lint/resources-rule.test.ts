// `resources` decisions that need a workspace of their own (the fixtures share one per rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../support/lint-text.js';

const job = (namespace: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: import
  namespace: ${namespace}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: import
          image: example/import:2.0.0
`;
const limitRange = (namespace: string, limits: string) => `apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: ${namespace}
spec:
  limits:
    - type: Container
${limits}
---
`;

const findings = (text: string) => lintText('app.yaml', text).filter((f) => f.ruleId === 'resources').map((f) => f.message);

test('a LimitRange with container defaults in the namespace counts as declared', () => {
  assert.deepEqual(findings(limitRange('batch', '      default: {memory: 256Mi}\n      defaultRequest: {cpu: 50m, memory: 128Mi}') + job('batch')), []);
});

test('a LimitRange only gives what it defaults, and only in its namespace', () => {
  assert.deepEqual(findings(limitRange('batch', '      defaultRequest: {cpu: 50m}') + job('batch')), ["Container 'import' has no resource limits."]);
  assert.deepEqual(findings(limitRange('other', '      default: {memory: 256Mi}\n      defaultRequest: {cpu: 50m}') + job('batch')), ["Container 'import' has no resource requests or limits."]);
});
