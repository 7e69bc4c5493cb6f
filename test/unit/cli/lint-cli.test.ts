import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../../../src/cli/run-cli.js';

function run(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => stdin, isTty: false, version: '9.9.9' });
  return { code, stdout, stderr };
}

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ga-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const LATEST = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n';
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  password: hunter2\n';

test('exit 0 and a summary line when nothing is wrong', () => {
  const dir = repo({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: v\n' });
  try {
    const r = run(['lint', dir]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^1 resources in 1 files — 1 valid, 0 invalid, 0 errors, 0 skipped$/m);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('warnings keep exit 0, errors make it 1; text lines are path:line:col', () => {
  const dir = repo({ 'pod.yaml': LATEST, 'nested/secret.yaml': SECRET });
  try {
    const warnOnly = run(['lint', join(dir, 'pod.yaml')]);
    assert.equal(warnOnly.code, 0);
    assert.match(warnOnly.stdout, /pod\.yaml:8:14: warning: .*\(image-tag\)/);
    const r = run(['lint', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /nested\/secret\.yaml:6:3: error: .*\(secret-in-git\)/);
    assert.doesNotMatch(r.stdout, /hunter2/, 'secret values are never printed');
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('.gitignore and node_modules are skipped; config file sets severities and ignored paths', () => {
  const dir = repo({
    '.gitignore': 'generated/\n',
    'generated/secret.yaml': SECRET,
    'node_modules/pkg/secret.yaml': SECRET,
    'legacy/secret.yaml': SECRET,
    'pod.yaml': LATEST,
    '.gitops-authoring.yaml': 'rules:\n  image-tag: error\nignorePaths:\n  - legacy/\n',
  });
  try {
    const r = run(['lint', dir, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { files: { path: string; ignored: boolean; findings: { ruleId: string; severity: string }[] }[] };
    assert.equal(r.code, 1);
    const paths = report.files.map((f) => f.path.slice(dir.length + 1)).sort();
    assert.deepEqual(paths, ['legacy/secret.yaml', 'pod.yaml']);
    assert.equal(report.files.find((f) => f.path.endsWith('legacy/secret.yaml'))?.ignored, true);
    assert.deepEqual(report.files.find((f) => f.path.endsWith('pod.yaml'))?.findings.filter((f) => f.ruleId === 'image-tag').map((f) => [f.ruleId, f.severity]), [['image-tag', 'error']]);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('stdin with -, and SARIF 2.1.0 with rule metadata and 1-based regions', () => {
  const r = run(['lint', '-', '--format=sarif'], SECRET);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
  assert.equal(sarif.version, '2.1.0');
  const [runResult] = sarif.runs;
  assert.ok(runResult);
  const result = runResult.results.find((x) => x.ruleId === 'secret-in-git');
  assert.ok(result);
  assert.equal(result.level, 'error');
  assert.equal(runResult.tool.driver.rules[result.ruleIndex]?.id, 'secret-in-git');
  assert.deepEqual(result.locations[0]?.physicalLocation.region, { startLine: 6, startColumn: 3, endLine: 6, endColumn: 11 });
});

test('usage and I/O problems exit 2 with one line on stderr', () => {
  for (const argv of [['lint', '--format', 'xml'], ['lint', '/no/such/path'], ['frobnicate'], ['lint', '--kubernetes-version', '1.12'], ['lint', '--bogus']]) {
    const r = run(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^gitops-authoring: /);
  }
});

test('broken YAML is an error with its line, and other documents are still checked', () => {
  const r = run(['lint', '-'], `${LATEST}---\nkind: [\n---\n${SECRET}`);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /<stdin>:8:14: warning: .*image-tag/);
  assert.match(r.stdout, /<stdin>:1[01]:\d+: error: .*\(yaml-syntax\)/);
  assert.match(r.stdout, /<stdin>:17:3: error: .*secret-in-git/);
});

test('the real entry point reads stdin and sets the exit code', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'lint', '-'], { input: SECRET, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /secret-in-git/);
});
