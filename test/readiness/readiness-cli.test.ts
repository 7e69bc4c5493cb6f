import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';
import type { QuestionAnswer, ReadinessReport } from '../../src/core/readiness/readiness-types.js';
import { ALERT, CONFIGMAP, DEPLOYMENT, fluxKustomization, GIT_REPOSITORY, PLAIN_SECRET, SEALED_SECRET, SEALED_SECRETS_RELEASE } from '../unit/readiness/readiness-input-builder.js';
import { aGitRepository, git, writeFiles } from './git-fixture.js';

async function run(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => '', isTty: false, version: '9.9.9' });
  return { code, stdout, stderr };
}

async function reportOf(dir: string): Promise<ReadinessReport & { root: string }> {
  const r = await run(['readiness', dir, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as ReadinessReport & { root: string };
}

function answers(report: ReadinessReport): Record<string, string> {
  return Object.fromEntries(report.questions.map((q: QuestionAnswer) => [q.id, q.answer]));
}

function where(q: { readonly evidence: QuestionAnswer['evidence'] } | undefined): string[] {
  return (q?.evidence ?? []).map((e) => `${e.path ?? ''}:${e.range ? e.range.start.line + 1 : ''}`);
}

const DEMO = join(__dirname, '../fixtures/demo-repo');

const overlay = (env: string) => `resources:\n  - ../../base\npatches:\n  - target: {kind: Deployment, name: api}\n    patch: |\n      - op: replace\n        path: /spec/replicas\n        value: ${env === 'production' ? 3 : 1}\n`;

const FLUX_12: Record<string, string> = {
  'clusters/production/flux-system/gotk-sync.yaml': `${GIT_REPOSITORY}---\n${fluxKustomization('flux-system', './clusters/production')}`,
  'clusters/production/apps.yaml': fluxKustomization('apps', './apps/overlays/production', '  prune: true\n'),
  'clusters/production/alerts.yaml': ALERT,
  'clusters/production/sealed-secrets.yaml': SEALED_SECRETS_RELEASE,
  'clusters/staging/apps.yaml': fluxKustomization('apps-staging', './apps/overlays/staging', '  prune: true\n'),
  'apps/base/deployment.yaml': DEPLOYMENT,
  'apps/base/configmap.yaml': CONFIGMAP,
  'apps/base/sealed-secret.yaml': SEALED_SECRET,
  'apps/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - configmap.yaml\n  - sealed-secret.yaml\n',
  'apps/overlays/production/kustomization.yaml': overlay('production'),
  'apps/overlays/staging/kustomization.yaml': overlay('staging'),
  '.github/workflows/validate.yaml': 'on: pull_request\njobs:\n  validate:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: kubectl kustomize apps/overlays/production | kubectl apply --dry-run=client -f -\n',
};

test('imperative scripts and a CI job pushing with kubectl: low score, every step and credential with its line', async () => {
  const dir = aGitRepository([
    { message: 'deploy script', files: { 'deploy.sh': '#!/bin/sh\nset -e\nkubectl create namespace shop\nkubectl -n shop create deployment api --image=ghcr.io/acme/api:1.2.3\nkubectl -n shop scale deployment api --replicas=3\n' } },
    { message: 'CI deploys', files: { '.github/workflows/gitops.yaml': 'name: GitOps\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: gcloud container clusters get-credentials prod --zone europe-west1-b\n      - run: kubectl apply -f k8s/\n', 'k8s/configmap.yaml': CONFIGMAP } },
  ]);
  try {
    const report = await reportOf(dir);
    assert.deepEqual(answers(report), {
      'declarative.desired-state': 'Partial', 'declarative.imperative-steps': 'Yes', 'declarative.recreate': 'Partial',
      'versioned.in-git': 'Yes', 'versioned.every-change-a-commit': 'No', 'versioned.history': 'Yes',
      'pulled.agent': 'No', 'pulled.push-or-pull': 'Push', 'pulled.credentials': 'External systems',
      'reconciled.continuous-sync': 'No', 'reconciled.drift-detected': 'No', 'reconciled.drift-corrected': 'No',
    });
    assert.equal(report.total, 3);
    const q = (id: string) => report.questions.find((x) => x.id === id);
    assert.deepEqual(where(q('declarative.imperative-steps')), ['.github/workflows/gitops.yaml:8', 'deploy.sh:3', 'deploy.sh:4', 'deploy.sh:5']);
    assert.deepEqual(where(q('pulled.credentials')), ['.github/workflows/gitops.yaml:7']);
    assert.deepEqual(report.mistakes.map((m) => m.id), ['push-pipeline-called-gitops', 'no-drift-alerts']);
    assert.deepEqual(report.gaps.map((g) => g.principle), ['pulled', 'reconciled', 'declarative', 'versioned']);
    assert.ok(report.blockers.length > 0 && report.quickWins.length > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Flux with prune, alerts, Sealed Secrets and overlays per environment: 12/12 in every format', async () => {
  const dir = aGitRepository([
    { message: 'flux bootstrap', files: { 'clusters/production/flux-system/gotk-sync.yaml': FLUX_12['clusters/production/flux-system/gotk-sync.yaml'] as string } },
    { message: 'apps and overlays', files: FLUX_12 },
  ], 'ssh://git@github.com/acme/fleet');
  try {
    const report = await reportOf(dir);
    assert.deepEqual(report.questions.filter((q) => q.verdict !== 'met').map((q) => `${q.id}: ${q.summary}`), []);
    assert.equal(report.total, 12);
    assert.deepEqual(report.mistakes, []);
    assert.deepEqual(where(report.questions.find((q) => q.id === 'pulled.agent')), [
      'clusters/production/apps.yaml:1', 'clusters/production/flux-system/gotk-sync.yaml:12', 'clusters/staging/apps.yaml:1']);

    const text = await run(['readiness', dir]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^GitOps readiness: 12\/12$/m);
    assert.match(text.stdout, /^Declarative: 3\/3$/m);
    assert.match(text.stdout, /✔ Does an agent pull from Git\? Yes \(confidence: high\)/);
    const md = await run(['readiness', dir, '--format', 'markdown']);
    assert.equal(md.code, 0);
    assert.match(md.stdout, /^# GitOps readiness: 12\/12$/m);
    assert.match(md.stdout, /\[clusters\/production\/apps\.yaml:1\]\(clusters\/production\/apps\.yaml#L1\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('half way: Argo CD synced by hand, CI setting the image with kubectl, a plaintext Secret, environment branches', async () => {
  const app = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: api
  namespace: argocd
spec:
  project: default
  source:
    repoURL: git@github.com:acme/fleet.git
    path: apps/base
  destination:
    server: https://kubernetes.default.svc
    namespace: shop
`;
  const files = {
    'argocd/api.yaml': app,
    'apps/base/deployment.yaml': DEPLOYMENT,
    'apps/base/configmap.yaml': CONFIGMAP,
    'apps/base/secret.yaml': PLAIN_SECRET,
    '.gitlab-ci.yml': 'deploy:\n  stage: deploy\n  script:\n    - echo "$KUBECONFIG_B64" | base64 -d > kubeconfig\n    - kubectl --kubeconfig kubeconfig -n shop set image deployment/api api=ghcr.io/acme/api:$CI_COMMIT_SHA\n',
  };
  const dir = aGitRepository([{ message: 'app', files }]);
  git(dir, 'branch', 'staging');
  git(dir, 'branch', 'production');
  try {
    const report = await reportOf(dir);
    assert.deepEqual(answers(report), {
      'declarative.desired-state': 'Partial', 'declarative.imperative-steps': 'Yes', 'declarative.recreate': 'Partial',
      'versioned.in-git': 'Yes', 'versioned.every-change-a-commit': 'No', 'versioned.history': 'Yes',
      'pulled.agent': 'Yes', 'pulled.push-or-pull': 'Push', 'pulled.credentials': 'External systems',
      'reconciled.continuous-sync': 'No', 'reconciled.drift-detected': 'No', 'reconciled.drift-corrected': 'No',
    });
    assert.equal(report.total, 4);
    const q = (id: string) => report.questions.find((x) => x.id === id);
    assert.deepEqual(where(q('pulled.push-or-pull')), ['.gitlab-ci.yml:5']);
    assert.deepEqual(where(q('pulled.credentials')), ['.gitlab-ci.yml:4', '.gitlab-ci.yml:5']);
    assert.deepEqual(where(q('reconciled.continuous-sync')), ['argocd/api.yaml:1']);
    assert.deepEqual(report.mistakes.map((m) => m.id), ['secrets-in-git', 'branch-per-environment', 'no-drift-alerts']);
    assert.deepEqual(where(report.mistakes[0]), ['apps/base/secret.yaml:7']);
    assert.ok(!JSON.stringify(report).includes('hunter2'));
    assert.deepEqual(report.gaps.map((g) => g.principle), ['reconciled', 'declarative', 'pulled', 'versioned']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('git facts: untracked and ignored manifests, uncommitted changes, a shallow clone, environment branches', async () => {
  const origin = aGitRepository([
    { message: 'one', files: { ...FLUX_12, '.gitignore': 'secrets/\n' } },
    { message: 'two', files: { 'apps/base/configmap.yaml': CONFIGMAP.replace('info', 'debug') } },
    { message: 'three', files: { 'apps/base/configmap.yaml': CONFIGMAP } },
  ]);
  git(origin, 'branch', 'staging');
  git(origin, 'branch', 'production');
  const clone = mkdtempSync(join(tmpdir(), 'ga-readiness-clone-'));
  try {
    git(clone, 'clone', '-q', '--no-single-branch', '--depth', '1', `file://${origin}`, '.');
    writeFiles(clone, { 'secrets/prod.yaml': PLAIN_SECRET, 'apps/base/extra.yaml': CONFIGMAP.replace('api-config', 'extra') });
    writeFileSync(join(clone, 'apps/base/deployment.yaml'), DEPLOYMENT.replace('replicas: 2', 'replicas: 5'));
    const report = await reportOf(clone);
    const q = (id: string) => report.questions.find((x) => x.id === id);
    assert.equal(q('versioned.history')?.answer, 'Partial');
    assert.match(q('versioned.history')?.summary ?? '', /shallow clone: only 1 commit/);
    assert.equal(q('versioned.in-git')?.answer, 'Partial');
    assert.deepEqual(q('versioned.in-git')?.evidence.map((e) => `${e.path} ${e.note}`), ['apps/base/extra.yaml manifest not tracked by git', 'secrets/prod.yaml manifest ignored by .gitignore']);
    assert.equal(q('versioned.every-change-a-commit')?.answer, 'Partial');
    assert.deepEqual(q('versioned.every-change-a-commit')?.evidence.map((e) => e.path), ['apps/base/deployment.yaml', 'apps/base/extra.yaml']);
    const branches = report.mistakes.find((m) => m.id === 'branch-per-environment');
    assert.ok(branches, JSON.stringify(report.mistakes));
    assert.match(branches.message, /'origin\/production', 'origin\/staging'/);
  } finally {
    rmSync(origin, { recursive: true, force: true });
    rmSync(clone, { recursive: true, force: true });
  }
});

test('the demo repository (in a fresh git history): Flux pulls and prunes, no alerts, its own evidence', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ga-readiness-demo-'));
  try {
    cpSync(DEMO, dir, { recursive: true });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'demo');
    const report = await reportOf(dir);
    const a = answers(report);
    assert.equal(a['pulled.agent'], 'Yes');
    assert.equal(a['pulled.push-or-pull'], 'Pull');
    assert.equal(a['reconciled.continuous-sync'], 'Yes');
    assert.equal(a['reconciled.drift-corrected'], 'Yes');
    assert.equal(a['reconciled.drift-detected'], 'Partial');
    assert.deepEqual(where(report.questions.find((q) => q.id === 'pulled.agent')), ['clusters/production/apps.yaml:1', 'clusters/production/flux-system/gotk-sync.yaml:15']);
    assert.ok(report.mistakes.some((m) => m.id === 'no-drift-alerts'));
    assert.ok(report.total >= 9 && report.total < 12, String(report.total));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the demo repository in place (a subfolder of this project) reads the same manifests', async () => {
  const report = await reportOf(DEMO);
  assert.equal(answers(report)['pulled.agent'], 'Yes');
  assert.equal(answers(report)['reconciled.drift-corrected'], 'Yes');
});

test('errors exit 2 with a message: a missing folder, a bad format', async () => {
  const missing = await run(['readiness', join(tmpdir(), 'ga-readiness-does-not-exist')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /is not a directory/);
  const format = await run(['readiness', '.', '--format', 'sarif']);
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--format must be one of text, json, markdown/);
});

test('a folder outside git: versioned scores 0 and the report still comes out', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ga-readiness-nogit-'));
  try {
    writeFiles(dir, { 'app.yaml': CONFIGMAP });
    const report = await reportOf(dir);
    assert.equal(report.scores.find((s) => s.principle === 'versioned')?.score, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
