import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDeploySteps, isCiPath, isDeployTextPath } from '../../../src/core/readiness/deploy-steps.js';

function kinds(text: string, path = 'deploy.sh'): string[] {
  return findDeploySteps([{ path, text }]).map((s) => `${s.kind} ${s.command}`);
}

test('kubectl and helm commands are classified, with global flags before the verb', () => {
  assert.deepEqual(kinds('kubectl --context prod -n shop apply -k overlays/prod\n'), ['push kubectl --context prod -n shop apply']);
  assert.deepEqual(kinds('helm upgrade --install api ./chart\n'), ['push helm upgrade']);
  assert.deepEqual(kinds('kubectl scale deploy/api --replicas=3\nkubectl delete pod x\n'), ['mutation kubectl scale', 'delete kubectl delete']);
  assert.deepEqual(kinds('gcloud container clusters get-credentials prod\n'), ['credentials container clusters get-credentials']);
  assert.deepEqual(kinds('echo "$KUBECONFIG_B64" | base64 -d > ~/.kube/config\n', '.gitlab-ci.yml'), ['credentials KUBECONFIG']);
});

test('comments, dry runs, diffs and read-only commands are no deploy steps', () => {
  assert.deepEqual(kinds('# kubectl apply -f x\nkubectl apply --dry-run=client -f x\nkubectl create secret generic s --from-literal=a=b --dry-run=client -o yaml | kubeseal\nkubectl diff -f x\nkubectl get pods\nkubectl kustomize .\n'), []);
});

test('only the command is quoted, never the rest of the line', () => {
  const steps = findDeploySteps([{ path: 'ci.sh', text: 'TOKEN=abc123 kubectl apply --token=abc123 -f x\nkubectl --token s3cret --server https://k apply -f x\n' }]);
  assert.deepEqual(steps.map((s) => s.command), ['kubectl apply', 'kubectl --token=… --server https://k apply']);
});

test('a CI job that makes a throwaway cluster (kind) tests: its kubectl apply is no deploy', () => {
  const text = 'jobs:\n  e2e:\n    steps:\n      - uses: helm/kind-action@v1\n      - run: kubectl apply -k config/\n';
  assert.deepEqual(kinds(text, '.github/workflows/e2e.yaml'), []);
});

test('CI paths and script paths', () => {
  assert.ok(isCiPath('.github/workflows/deploy.yml'));
  assert.ok(isCiPath('.gitlab-ci.yml'));
  assert.ok(isCiPath('Jenkinsfile'));
  assert.ok(!isCiPath('scripts/deploy.sh'));
  assert.ok(isDeployTextPath('scripts/deploy.sh'));
  assert.ok(isDeployTextPath('Makefile'));
  assert.ok(!isDeployTextPath('apps/deployment.yaml'));
});
