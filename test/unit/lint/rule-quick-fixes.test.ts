// Quick fixes of the GitOps rules: applying the planned edits must remove the finding and keep valid YAML.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import type { Finding, TextEdit } from '../../../src/core/findings/finding.js';
import { LineIndex } from '../../../src/core/text/line-index.js';
import { lintText } from '../../support/lint-text.js';

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

function only(findings: readonly Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

function fixOnce(text: string, ruleId: string): string {
  const finding = only(lintText('app.yaml', text), ruleId)[0];
  assert.ok(finding, `no ${ruleId} finding`);
  const fix = finding.fixes?.[0];
  assert.ok(fix && fix.edits.length > 0, `no ${ruleId} quick fix`);
  const fixed = applyEdits(text, fix.edits);
  for (const doc of parseAllDocuments(fixed) as unknown as { errors: unknown[] }[]) assert.deepEqual(doc.errors, [], fixed);
  return fixed;
}

const deployment = (container: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
${container}
`;

test('resources: the stub block goes under the container and silences the rule', () => {
  let text = deployment('        - name: web\n          image: nginx:1.27.3\n        - name: log\n          image: busybox:1.36.1');
  text = fixOnce(text, 'resources');
  text = fixOnce(text, 'resources');
  assert.deepEqual(only(lintText('app.yaml', text), 'resources'), [], text);
  assert.match(text, /- name: web\n {10}image: nginx:1\.27\.3\n {10}resources:\n {12}requests:\n {14}cpu: 100m/);
});

test('resources: only the missing half is added to an existing block, with CRLF kept', () => {
  const text = deployment('        - name: web\n          image: nginx:1.27.3\n          resources:\n            requests: {cpu: 10m, memory: 16Mi}').replace(/\n/g, '\r\n');
  const fixed = fixOnce(text, 'resources');
  assert.ok(!/[^\r]\n/.test(fixed), 'a bare LF was introduced');
  assert.match(fixed, /requests: \{cpu: 10m, memory: 16Mi\}\r\n {12}limits:\r\n {14}memory: 128Mi/);
  assert.deepEqual(only(lintText('app.yaml', fixed), 'resources'), []);
});

test('status-in-git: removing the block keeps every other line, also at the end of the file and in a List', () => {
  const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nstatus:\n  loadBalancer:\n    ingress:\n      - ip: 203.0.113.10\nspec:\n  ports: [{port: 80}]\n';
  assert.equal(fixOnce(service, 'status-in-git'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n');

  const last = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nstatus:\n  loadBalancer:\n    ingress: [{ip: 203.0.113.10}]';
  assert.equal(fixOnce(last, 'status-in-git'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web');

  const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n    status:\n      loadBalancer: {ingress: [{ip: 203.0.113.10}]}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n';
  assert.equal(fixOnce(list, 'status-in-git'), 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: b}\n');
});

test('status-in-git: a flow-style object gets the finding but no line-cutting fix', () => {
  const findings = only(lintText('app.yaml', '{apiVersion: v1, kind: Service, metadata: {name: web}, status: {loadBalancer: {ingress: [{ip: 203.0.113.10}]}}}\n'), 'status-in-git');
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0]?.fixes, []);
});
