// The CLI over inputs of the classes other validators (kubeconform, kubeval, kube-linter, Polaris, kube-score,
// datree) test with: no false error on the valid ones, exactly the expected errors on the invalid ones,
// templates said to be skipped, and no crash or hang on odd bytes (BOM, CRLF, very long lines, many documents).
// Survey and differences with kubeconform: docs/validator-fixtures.md; inputs: test/fixtures/validators/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run-cli.js';

const FIXTURES = join(__dirname, '../../fixtures/validators');

interface Report {
  readonly summary: { resources: number; valid: number; invalid: number; errors: number; skipped: number };
  readonly skippedChartTemplates: string[];
  readonly files: { path: string; resources: number; templateDocuments?: number; findings: { ruleId: string; severity: string; line: number; message: string }[] }[];
}

function lint(args: string[], stdin = ''): { code: number; stdout: string } {
  let stdout = '';
  const code = runCli(['lint', ...args], { stdout: (t) => (stdout += t), stderr: () => undefined, readStdin: () => stdin, isTty: false, version: '0' });
  assert.equal(typeof code, 'number', 'lint answers synchronously');
  return { code: code as number, stdout };
}

function lintJson(args: string[], stdin = ''): { code: number; report: Report } {
  const { code, stdout } = lint([...args, '--format', 'json'], stdin);
  return { code, report: JSON.parse(stdout) as Report };
}

const errorsOf = (report: Report) =>
  report.files.flatMap((f) => f.findings.filter((x) => x.severity === 'error').map((x) => `${f.path.split('/').pop()}:${x.line} ${x.ruleId}`));

test('valid/: no error-severity finding in any file, and every object counted valid', () => {
  const { code, report } = lintJson([join(FIXTURES, 'valid')]);
  assert.deepEqual(errorsOf(report), []);
  assert.equal(code, 0);
  assert.equal(report.summary.invalid, 0);
  // anchors 1, block scalars 2, List file 3 (Namespace + 2 items; the empty List holds none), numbers 4, nulls 1,
  // keys 1, JSON 1, CRD + object 2, unknown CRD 1, generateName 1, directive 1, DeploymentList 1, config files 5
  assert.equal(report.summary.resources, 24);
  assert.equal(report.summary.valid, 24);
  const infos = report.files.flatMap((f) => f.findings.filter((x) => x.severity === 'info').map((x) => `${f.path.split('/').pop()}:${x.line} ${x.message}`));
  assert.deepEqual(infos, [
    'config-files.yaml:3 kind.x-k8s.io/v1alpha4 Cluster is a kind cluster configuration file, not an API object: not validated.',
    'config-files.yaml:7 audit.k8s.io/v1 Policy is a kube-apiserver audit policy file, not an API object: not validated.',
    'config-files.yaml:12 kubelet.config.k8s.io/v1beta1 KubeletConfiguration is a Kubernetes component configuration file, not an API object: not validated.',
    'config-files.yaml:16 kubeadm.k8s.io/v1beta3 ClusterConfiguration is a kubeadm configuration file, not an API object: not validated.',
    'config-files.yaml:20 v1 Policy is a kube-scheduler policy file (removed in Kubernetes 1.23), not an API object: not validated.',
    'unknown-crd.yaml:2 No schema for training.example.org/v1 TrainingJob: add its CustomResourceDefinition to the repository to validate it.',
  ], 'an unknown CRD and configuration files are infos, nothing else is');
});

test('invalid/: exactly the expected errors, each on its line', () => {
  const { code, report } = lintJson([join(FIXTURES, 'invalid')]);
  assert.equal(code, 1);
  const expected = [
    'bad-enum.yaml:6 schema',
    'crd-object-breaks-schema.yaml:28 schema', // required size
    'crd-object-breaks-schema.yaml:28 schema', // enum
    'crd-object-breaks-schema.yaml:28 schema', // unknown field
    'duplicate-keys.yaml:7 yaml-syntax',
    'empty-kind.yaml:1 schema',
    'empty-kind.yaml:3 schema',
    'invalid-name.yaml:4 schema',
    'list-items-without-type.yaml:5 schema',
    'list-items-without-type.yaml:7 schema',
    'list-one-bad-item.yaml:12 schema',
    'missing-api-version.yaml:1 schema',
    'misspelt-kind.yaml:2 schema',
    'removed-api.yaml:1 deprecated-api',
    'stray-space.yaml:4 yaml-syntax', // one, not thirteen
    'tab-indentation.yaml:3 schema',
    'tab-indentation.yaml:4 yaml-syntax',
    'tab-indentation.yaml:4 schema',
    'unknown-field.yaml:7 schema',
    'wrong-type.yaml:6 schema',
  ];
  assert.deepEqual(errorsOf(report).sort(), expected.sort());
  for (const file of readdirSync(join(FIXTURES, 'invalid'))) {
    assert.ok(errorsOf(report).some((e) => e.startsWith(`${file}:`)), `${file} is meant to be invalid and must not pass silently`);
  }
});

test('a List with one bad item counts one invalid and one valid object (as kubeconform counts them)', () => {
  const { report } = lintJson([join(FIXTURES, 'invalid', 'list-one-bad-item.yaml')]);
  assert.deepEqual({ resources: report.summary.resources, valid: report.summary.valid, invalid: report.summary.invalid }, { resources: 2, valid: 1, invalid: 1 });
  const { stdout } = lint([join(FIXTURES, 'invalid', 'list-one-bad-item.yaml')]);
  assert.match(stdout, /^2 resources in 1 files — 1 valid, 1 invalid, 0 errors, 0 skipped$/m);
});

test('a broken document reports its first syntax error and how many followed, not a cascade', () => {
  const { report } = lintJson([join(FIXTURES, 'invalid', 'stray-space.yaml')]);
  const messages = report.files[0]?.findings.map((f) => `${f.line} ${f.message}`) ?? [];
  assert.deepEqual(messages, ['4 Unexpected scalar at node end (and 12 more syntax errors in this document that may follow from it)']);
});

test('List items without apiVersion or kind are errors naming what is missing', () => {
  const { report } = lintJson([join(FIXTURES, 'invalid', 'list-items-without-type.yaml')]);
  const messages = report.files[0]?.findings.filter((f) => f.severity === 'error').map((f) => f.message) ?? [];
  assert.deepEqual(messages, [
    "This item of the List has no 'apiVersion': it cannot be applied (and is not validated).",
    "This item of the List has no 'kind': it cannot be applied (and is not validated).",
  ]);
});

test('templates: a loose Helm template and a chart\'s templates/ are said to be skipped, with no YAML error', () => {
  const dir = join(FIXTURES, 'templates');
  const { code, report } = lintJson([dir]);
  assert.equal(code, 0);
  assert.deepEqual(errorsOf(report), []);
  assert.deepEqual(report.skippedChartTemplates, [`${dir.replaceAll('\\', '/')}/chart/templates`]);
  assert.deepEqual(report.files.filter((f) => f.templateDocuments).map((f) => [f.path.split('/').pop(), f.templateDocuments]), [['loose-template.yaml', 1]]);
  const { stdout } = lint([dir]);
  assert.match(stdout, /chart\/templates\/: skipped: Helm chart templates, not YAML until rendered; lint the output of `helm template`/);
  assert.match(stdout, /loose-template\.yaml: skipped: Go\/Helm template, not YAML until rendered/);
});

test('odd bytes: BOM, CRLF, a 200,000-character line and JSON with a BOM read like plain files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ga-validators-'));
  try {
    const cm = (name: string, eol = '\n') => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, 'data:', '  k: "v"', ''].join(eol);
    writeFileSync(join(dir, 'bom.yaml'), `\uFEFF${cm('bom')}`);
    writeFileSync(join(dir, 'crlf.yaml'), `${cm('crlf', '\r\n')}---\r\n${cm('crlf2', '\r\n')}`);
    writeFileSync(join(dir, 'long.yaml'), `${cm('long')}  long: "${'x'.repeat(200_000)}"\n`);
    writeFileSync(join(dir, 'bom.json'), `\uFEFF${JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bom-json' } })}`);
    const { code, report } = lintJson([dir]);
    assert.deepEqual(errorsOf(report), []);
    assert.equal(code, 0);
    assert.deepEqual({ resources: report.summary.resources, valid: report.summary.valid }, { resources: 5, valid: 5 });
    // …and a CRLF file's faults are still found, on the right line.
    writeFileSync(join(dir, 'crlf.yaml'), cm('crlf', '\r\n').replace('k: "v"', 'k: 1'));
    assert.deepEqual(errorsOf(lintJson([join(dir, 'crlf.yaml')]).report), ['crlf.yaml:6 schema']);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('many documents in one file: every object counted, one bad object found among 5,000', () => {
  const doc = (i: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: ${i === 4321 ? '1' : '"v"'}\n`;
  const text = Array.from({ length: 5000 }, (_, i) => doc(i)).join('---\n');
  const { code, report } = lintJson(['-'], text);
  assert.equal(code, 1);
  assert.deepEqual({ resources: report.summary.resources, valid: report.summary.valid, invalid: report.summary.invalid }, { resources: 5000, valid: 4999, invalid: 1 });
  assert.deepEqual(errorsOf(report), [`<stdin>:${4321 * 7 + 6} schema`]);
});

test('symlinks back to a directory above are not followed round: each file is linted once, no hang', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ga-validators-'));
  try {
    mkdirSync(join(dir, 'apps'));
    writeFileSync(join(dir, 'apps', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
    // Two links to the same ancestor: followed blindly, the walk doubles per level until paths are too long.
    symlinkSync('.', join(dir, 'apps', 'self'), 'dir');
    symlinkSync('..', join(dir, 'apps', 'parent'), 'dir');
    const { code, report } = lintJson([dir]);
    assert.equal(code, 0);
    assert.deepEqual(report.files.map((f) => f.path.slice(dir.length + 1)), ['apps/cm.yaml']);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('a file named on the command line with no object says it was skipped; files found in a directory are only counted', () => {
  const named = ['empty.yaml', 'comment-only.yaml', 'separators-only.yaml'].map((f) => join(FIXTURES, 'valid', f));
  const { code, stdout } = lint(named);
  assert.equal(code, 0);
  for (const file of named) assert.ok(stdout.includes(`${file.replaceAll('\\', '/')}: skipped: no Kubernetes object in it (an object needs apiVersion and kind)`), stdout);
  assert.match(stdout, /^0 resources in 3 files — 0 valid, 0 invalid, 0 errors, 3 skipped$/m);
  assert.match(lint(['-'], 'key: value\n').stdout, /^<stdin>: skipped: no Kubernetes object in it/m);
  assert.doesNotMatch(lint([join(FIXTURES, 'valid')]).stdout, /no Kubernetes object/);
});
