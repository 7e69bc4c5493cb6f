// The CLI asks git where the linted folder sits: at the repository root, a single wrong Flux `spec.path` or
// Argo CD `source.path` is caught even when no other path of the repository resolves (without git the rule has
// to guess whether the folder is the root, and stays quiet).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRepositoryFacts } from '../../../src/adapters/git/read-repository-facts.js';
import { runCli } from '../../../src/cli/run-cli.js';

const KUSTOMIZATION = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ./apps/production
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
`;

const APPLICATION = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: guestbook
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/gitops.git
    targetRevision: HEAD
    path: guestbok
  destination:
    server: https://kubernetes.default.svc
    namespace: guestbook
`;

function lintJson(dir: string): { ruleId: string; message: string }[] {
  let stdout = '';
  runCli(['lint', dir, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, readStdin: () => '', isTty: false, version: '0' });
  const report = JSON.parse(stdout) as { files: { findings: { ruleId: string; message: string }[] }[] };
  return report.files.flatMap((f) => f.findings);
}

function withRepository(files: Record<string, string>, git: boolean, body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'ga-root-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    if (git) {
      execFileSync('git', ['init', '-q', dir]);
      execFileSync('git', ['-C', dir, 'remote', 'add', 'origin', 'git@github.com:example/gitops.git']);
    }
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('git facts: the prefix of a folder inside the repository and the remotes', () => {
  withRepository({ 'clusters/prod/apps.yaml': KUSTOMIZATION }, true, (dir) => {
    assert.deepEqual(readRepositoryFacts(dir), { prefix: '', remoteUrls: ['git@github.com:example/gitops.git'] });
    assert.deepEqual(readRepositoryFacts(join(dir, 'clusters/prod')), { prefix: 'clusters/prod', remoteUrls: ['git@github.com:example/gitops.git'] });
  });
  withRepository({ 'a.yaml': KUSTOMIZATION }, false, (dir) => assert.equal(readRepositoryFacts(dir), undefined));
});

test('at the repository root (git says so), a single wrong Flux path is an error', () => {
  withRepository({ 'clusters/prod/apps.yaml': KUSTOMIZATION, 'apps/staging/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' }, true, (dir) => {
    const findings = lintJson(dir).filter((f) => f.ruleId === 'flux-source');
    assert.deepEqual(findings.map((f) => f.message), ["spec.path 'apps/production' does not exist in this repository."]);
  });
});

test('without git, the same repository cannot tell its root: quiet', () => {
  withRepository({ 'clusters/prod/apps.yaml': KUSTOMIZATION }, false, (dir) => {
    assert.deepEqual(lintJson(dir).filter((f) => f.ruleId === 'flux-source'), []);
  });
});

test('at the repository root, an Application of this repository (its repoURL is a git remote) with a wrong path is an error', () => {
  withRepository({ 'argocd/guestbook.yaml': APPLICATION, 'guestbook/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n' }, true, (dir) => {
    assert.deepEqual(lintJson(dir).filter((f) => f.ruleId === 'argo-source').map((f) => f.message), ["Source path 'guestbok' does not exist in this repository."]);
  });
});

test('linting a subfolder keeps the heuristics (its paths are relative to the repository root)', () => {
  withRepository({ 'clusters/prod/apps.yaml': KUSTOMIZATION }, true, (dir) => {
    assert.deepEqual(lintJson(join(dir, 'clusters')).filter((f) => f.ruleId === 'flux-source'), []);
  });
});

test('at the repository root, a GitRepository whose URL is a git remote (default branch) is this repository', () => {
  const source = 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 5m\n  url: https://github.com/example/gitops\n  ref:\n    branch: main\n';
  const files = { 'clusters/prod/apps.yaml': KUSTOMIZATION.replace('name: flux-system', 'name: apps'), 'clusters/prod/source.yaml': source };
  withRepository(files, true, (dir) => {
    assert.deepEqual(lintJson(dir).filter((f) => f.ruleId === 'flux-source').map((f) => f.message), ["spec.path 'apps/production' does not exist in this repository."]);
  });
  // Another branch of the same URL may hold other folders: nothing is said.
  withRepository({ ...files, 'clusters/prod/source.yaml': source.replace('branch: main', 'branch: tenant') }, true, (dir) => {
    assert.deepEqual(lintJson(dir).filter((f) => f.ruleId === 'flux-source'), []);
  });
});
