import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessReadiness } from '../../../src/core/readiness/assess-readiness.js';
import type { QuestionAnswer, ReadinessReport } from '../../../src/core/readiness/readiness-types.js';
import { ALERT, anInput, CONFIGMAP, DEPLOYMENT, fluxKustomization, GIT_REPOSITORY, PLAIN_SECRET, SEALED_SECRET, SEALED_SECRETS_RELEASE } from './readiness-input-builder.js';

function answer(report: ReadinessReport, id: string): QuestionAnswer {
  const q = report.questions.find((x) => x.id === id);
  assert.ok(q, `no question ${id}`);
  return q;
}

const PUSH_WORKFLOW = `name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: azure/k8s-set-context@v4
        with:
          kubeconfig: \${{ secrets.KUBECONFIG }}
      - run: kubectl apply -f k8s/
      - run: kubectl set image deployment/api api=ghcr.io/acme/api:\${{ github.sha }}
`;

const FLUX_COMPLETE: Record<string, string> = {
  'clusters/production/flux-system/gotk-sync.yaml': `${GIT_REPOSITORY}---\n${fluxKustomization('flux-system', './clusters/production')}`,
  'clusters/production/apps.yaml': fluxKustomization('apps', './apps/production', '  prune: true\n  targetNamespace: shop\n'),
  'clusters/production/alerts.yaml': ALERT,
  'clusters/production/sealed-secrets.yaml': SEALED_SECRETS_RELEASE,
  'apps/base/deployment.yaml': DEPLOYMENT,
  'apps/base/configmap.yaml': CONFIGMAP,
  'apps/base/sealed-secret.yaml': SEALED_SECRET,
  'apps/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - configmap.yaml\n  - sealed-secret.yaml\n',
  'apps/production/kustomization.yaml': 'resources:\n  - ../base\n',
  '.github/workflows/ci.yaml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: kubectl apply --dry-run=client -f apps/base\n      - run: kustomize build apps/production\n',
};

test('imperative scripts and a CI job pushing with kubectl score low, with each step as evidence', () => {
  const report = assessReadiness(anInput({
    'deploy.sh': '#!/bin/sh\nset -e\nkubectl create namespace shop\nkubectl -n shop create deployment api --image=ghcr.io/acme/api:1.2.3\nkubectl scale deployment api --replicas=3\n',
    '.github/workflows/deploy.yaml': PUSH_WORKFLOW,
  }));
  assert.equal(report.total, 1, JSON.stringify(report.scores));
  assert.equal(answer(report, 'declarative.desired-state').answer, 'No');
  const steps = answer(report, 'declarative.imperative-steps');
  assert.equal(steps.answer, 'Yes');
  assert.deepEqual(steps.evidence.map((e) => `${e.path}:${(e.range?.start.line ?? -1) + 1}`), ['deploy.sh:3', 'deploy.sh:4', 'deploy.sh:5', '.github/workflows/deploy.yaml:10', '.github/workflows/deploy.yaml:11']);
  assert.equal(answer(report, 'versioned.history').verdict, 'met', 'the scripts are in git with history');
  const push = answer(report, 'pulled.push-or-pull');
  assert.equal(push.answer, 'Push');
  assert.deepEqual(push.evidence.map((e) => e.range?.start.line), [9, 10]);
  const creds = answer(report, 'pulled.credentials');
  assert.equal(creds.answer, 'External systems');
  assert.deepEqual(creds.evidence.map((e) => e.range?.start.line), [6, 8]);
  assert.equal(answer(report, 'reconciled.continuous-sync').answer, 'No');
  assert.equal(report.gaps[0]?.principle, 'declarative');
  assert.ok(report.blockers.some((b) => /GitOps agent/.test(b)), report.blockers.join('\n'));
});

test('Flux with prune, alerts, Sealed Secrets and overlays per environment scores 12/12', () => {
  const report = assessReadiness(anInput(FLUX_COMPLETE));
  const open = report.questions.filter((q) => q.verdict !== 'met').map((q) => `${q.id}: ${q.summary}`);
  assert.deepEqual(open, []);
  assert.equal(report.total, 12);
  assert.deepEqual(report.mistakes, []);
  assert.deepEqual(report.gaps, []);
  const agent = answer(report, 'pulled.agent');
  assert.deepEqual(agent.evidence.map((e) => `${e.path}:${(e.range?.start.line ?? -1) + 1}`), [
    'clusters/production/flux-system/gotk-sync.yaml:12', 'clusters/production/apps.yaml:1']);
  assert.equal(answer(report, 'reconciled.drift-detected').evidence[0]?.path, 'clusters/production/alerts.yaml');
});

test('each gap of a half-done Flux setup has its answer, evidence and fix', () => {
  const files = { ...FLUX_COMPLETE };
  delete files['clusters/production/alerts.yaml'];
  files['clusters/production/apps.yaml'] = fluxKustomization('apps', './apps/production', '  prune: false\n');
  files['apps/base/sealed-secret.yaml'] = PLAIN_SECRET;
  const report = assessReadiness(anInput(files, { isShallow: true, commitCount: 1 }));
  assert.equal(answer(report, 'versioned.history').answer, 'Partial');
  assert.equal(answer(report, 'reconciled.drift-detected').answer, 'Partial');
  const corrected = answer(report, 'reconciled.drift-corrected');
  assert.equal(corrected.answer, 'Partial');
  assert.ok(corrected.evidence.some((e) => e.path === 'clusters/production/apps.yaml' && /does not prune/.test(e.note)));
  assert.deepEqual(report.mistakes.map((m) => m.id), ['secrets-in-git', 'no-drift-alerts']);
  const secret = report.mistakes[0];
  assert.equal(secret?.evidence[0]?.path, 'apps/base/sealed-secret.yaml');
  assert.equal(secret?.evidence[0]?.range?.start.line, 6);
  assert.ok(!JSON.stringify(report).includes('hunter2'), 'the secret value never appears');
  assert.equal(report.total, 10.5);
  assert.equal(report.gaps[0]?.principle, 'reconciled');
  assert.ok(report.quickWins.some((w) => /--unshallow/.test(w)));
  assert.ok(report.quickWins.some((w) => /prune: true/.test(w)));
});

test('a referenced ConfigMap declared nowhere means the deployment cannot be recreated from config alone', () => {
  const files = { ...FLUX_COMPLETE };
  delete files['apps/base/configmap.yaml'];
  files['apps/base/kustomization.yaml'] = 'resources:\n  - deployment.yaml\n  - sealed-secret.yaml\n';
  const recreate = answer(assessReadiness(anInput(files)), 'declarative.recreate');
  assert.equal(recreate.answer, 'No');
  assert.equal(recreate.evidence[0]?.path, 'apps/base/deployment.yaml');
  assert.match(recreate.evidence[0]?.note ?? '', /ConfigMap 'api-config'/);
});

test('untracked and ignored manifests make "Is the config in Git?" Partial; no git at all makes it No', () => {
  const partial = answer(assessReadiness(anInput(FLUX_COMPLETE, { trackedPaths: Object.keys(FLUX_COMPLETE).filter((p) => p !== 'apps/base/configmap.yaml'), ignoredPaths: ['secrets/prod.yaml'] })), 'versioned.in-git');
  assert.equal(partial.answer, 'Partial');
  assert.deepEqual(partial.evidence.map((e) => `${e.path} ${e.note}`), ['apps/base/configmap.yaml manifest not tracked by git', 'secrets/prod.yaml manifest ignored by .gitignore']);
  const none = assessReadiness(anInput(FLUX_COMPLETE, 'none'));
  assert.deepEqual(none.questions.filter((q) => q.principle === 'versioned').map((q) => q.answer), ['No', 'No', 'No']);
});

test('Argo CD: automated without selfHeal is Partial; notifications count as drift alerts', () => {
  const app = (automated: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: api
  namespace: argocd
  annotations:
    notifications.argoproj.io/subscribe.on-sync-failed.slack: ops
spec:
  project: default
  source:
    repoURL: https://github.com/acme/fleet.git
    path: apps/base
  destination:
    server: https://kubernetes.default.svc
    namespace: shop
  syncPolicy:
${automated}`;
  const files = { 'argocd/api.yaml': app('    automated:\n      prune: true\n'), 'apps/base/deployment.yaml': DEPLOYMENT, 'apps/base/configmap.yaml': CONFIGMAP, 'apps/base/secret.yaml': SEALED_SECRET };
  const report = assessReadiness(anInput(files, { remoteUrls: ['git@github.com:acme/fleet.git'] }));
  assert.equal(answer(report, 'pulled.agent').answer, 'Yes');
  assert.equal(answer(report, 'reconciled.continuous-sync').answer, 'Yes');
  assert.equal(answer(report, 'reconciled.drift-detected').answer, 'Yes');
  assert.equal(answer(report, 'reconciled.drift-corrected').answer, 'Partial');
  const healed = assessReadiness(anInput({ ...files, 'argocd/api.yaml': app('    automated:\n      prune: true\n      selfHeal: true\n') }, { remoteUrls: ['git@github.com:acme/fleet.git'] }));
  assert.equal(healed.total, 12);
  // Another repository's path, which does not exist here: that Application pulls something else.
  const elsewhere = assessReadiness(anInput({ ...files, 'argocd/api.yaml': app('    automated: {}\n').replace('path: apps/base', 'path: services/api') }, { remoteUrls: ['git@github.com:acme/other.git'] }));
  assert.equal(answer(elsewhere, 'pulled.agent').answer, 'Partial');
});

test('environment branches holding the same manifest paths are reported as branch-per-environment', () => {
  const paths = Object.keys(FLUX_COMPLETE);
  const report = assessReadiness(anInput(FLUX_COMPLETE, { branches: [{ name: 'main' }, { name: 'origin/staging', paths }, { name: 'origin/production', paths }, { name: 'feature-x' }] }));
  const finding = report.mistakes.find((m) => m.id === 'branch-per-environment');
  assert.ok(finding, JSON.stringify(report.mistakes));
  assert.match(finding.message, /'origin\/staging', 'origin\/production'/);
  const unrelated = assessReadiness(anInput(FLUX_COMPLETE, { branches: [{ name: 'origin/staging', paths: ['README.md'] }, { name: 'origin/production', paths: ['README.md'] }] }));
  assert.equal(unrelated.mistakes.length, 0);
});

test('a CI pipeline named GitOps that runs kubectl apply is a push pipeline called GitOps', () => {
  const report = assessReadiness(anInput({ ...FLUX_COMPLETE, '.github/workflows/gitops.yaml': 'name: GitOps deploy\non: push\njobs:\n  d:\n    steps:\n      - run: kubectl --context prod -n shop apply -k apps/production\n' }));
  const finding = report.mistakes.find((m) => m.id === 'push-pipeline-called-gitops');
  assert.ok(finding);
  assert.equal(finding.evidence[0]?.range?.start.line, 5);
  assert.equal(answer(report, 'pulled.push-or-pull').answer, 'Push');
});

test('a checkout under another remote (a fork, a mirror) is still the repository the Flux bootstrap pulls', () => {
  const report = assessReadiness(anInput(FLUX_COMPLETE, { remoteUrls: ['/tmp/mirror.git'] }));
  assert.equal(answer(report, 'pulled.agent').answer, 'Yes');
  const other = { ...FLUX_COMPLETE, 'clusters/production/apps.yaml': fluxKustomization('apps', './apps/production').replace('name: flux-system', 'name: other') + `---\n${GIT_REPOSITORY.replace('name: flux-system', 'name: other').replace('acme/fleet', 'acme/elsewhere')}` };
  const elsewhere = assessReadiness(anInput(other, { remoteUrls: ['/tmp/mirror.git'] }));
  assert.deepEqual(answer(elsewhere, 'pulled.agent').evidence.map((e) => e.note), ["Flux Kustomization 'flux-system' pulls 'clusters/production' from github.com/acme/fleet"]);
});
