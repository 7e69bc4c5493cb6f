// The CLI over the manifests of public GitOps repositories (test/fixtures/corpus/<repo>/, origin and licence in
// each ORIGIN file) must report no error: one false error on a repository's main example is enough for a team
// to uninstall a linter. The `no schema` infos per repository are printed and pinned, so that a schema that
// goes missing shows. Beside them, faults planted in copies of the same repositories must each be caught, so
// that quiet is not bought by blindness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/run-cli.js';

const CORPUS = join(__dirname, '../../fixtures/corpus');

interface ReportedFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
}

function lint(dir: string): { path: string; finding: ReportedFinding }[] {
  let stdout = '';
  runCli(['lint', dir, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, readStdin: () => '', isTty: false, version: '0' });
  const report = JSON.parse(stdout) as { files: { path: string; findings: ReportedFinding[] }[] };
  return report.files.flatMap((f) => f.findings.map((finding) => ({ path: f.path, finding })));
}

/**
 * `No schema for …` infos per repository. Before the ecosystem CRDs were bundled: flux2-hub-spoke-example 1,
 * flux2-kustomize-helm-example 5, flux2-monitoring-example 1, flux2-multi-tenancy 2, home-ops 87,
 * microservices-demo 5, podinfo 2, source-watcher 3. What remains is outside the bundle on purpose: Kyverno
 * (multi-tenancy), Cilium, Grafana Operator, Envoy Gateway, CSI snapshots, home-grown operators (home-ops),
 * Tekton (a Jenkins X pipeline run), Kuma and Linkerd policies (flagger), Talos tool configuration and
 * Cilium (cluster-template), Grafana Operator, Cilium, Dragonfly and a home-grown operator (bjw-s-home-ops),
 * VolSync and Grafana Operator (xunholy-k8s-gitops).
 */
const NO_SCHEMA: Record<string, number> = {
  'argocd-apps-equivalent': 0,
  'bjw-s-home-ops': 19,
  'cluster-template': 2,
  flagger: 2,
  'fleet-examples-equivalent': 0,
  'flux-operator-equivalent': 0,
  'flux2-hub-spoke-example': 0,
  'flux2-kustomize-helm-example': 0,
  'flux2-monitoring-example': 0,
  'flux2-multi-tenancy': 2,
  'home-ops': 59,
  'microservices-demo': 0,
  podinfo: 0,
  'source-watcher': 0,
  'werf-jenkins-x-equivalent': 1,
  'xunholy-k8s-gitops': 7,
};

test('the corpus lists exactly the repositories pinned here', () => {
  const dirs = readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  assert.deepEqual(dirs, Object.keys(NO_SCHEMA).sort());
  for (const dir of dirs) assert.match(readFileSync(join(CORPUS, dir, 'ORIGIN'), 'utf8'), /^repository: /m, `${dir}/ORIGIN`);
});

for (const [repo, noSchema] of Object.entries(NO_SCHEMA)) {
  test(`${repo}: no error-severity finding; ${noSchema} objects without a schema`, () => {
    const found = lint(join(CORPUS, repo));
    const errors = found.filter((f) => f.finding.severity === 'error').map((f) => `${f.path}: ${f.finding.ruleId}: ${f.finding.message}`);
    assert.deepEqual(errors, []);
    const missing = found.filter((f) => f.finding.severity === 'info' && /^No schema for /.test(f.finding.message));
    console.log(`corpus ${repo}: ${found.length} findings, ${missing.length} without a schema`);
    assert.equal(missing.length, noSchema, missing.map((f) => f.finding.message).join('\n'));
  });
}

interface PlantedFault {
  readonly name: string;
  readonly repo: string;
  readonly file: string;
  readonly from: string;
  readonly to: string;
  readonly rule: string;
  readonly message: RegExp;
  /** Also write the edited text to these files (to plant a duplicate). */
  readonly copies?: readonly string[];
}

const FAULTS: PlantedFault[] = [
  { name: 'an ExternalArtifact no ArtifactGenerator produces', repo: 'flux2-kustomize-helm-example', file: 'clusters/production/apps.yaml', from: '    name: apps\n', to: '    name: aps\n', rule: 'flux-source', message: /no ArtifactGenerator of this repository produces/ },
  { name: 'a real value beside secret-manager references', repo: 'home-ops', file: 'bootstrap/kustomize/home-operations/external-secrets/secret.yaml', from: 'op://operations/1password/OP_SERVICE_ACCOUNT_TOKEN', to: 'ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSJ9', rule: 'secret-in-git', message: /in plain text/ },
  { name: 'a misspelt External Secrets provider', repo: 'home-ops', file: 'kubernetes/apps/external-secrets/onepassword-sdk-home-operations/app/clustersecretstore.yaml', from: 'onepasswordSDK:', to: 'onepasswordSKD:', rule: 'schema', message: /Unknown field "onepasswordSKD"/ },
  { name: 'a placeholder Namespace name no kustomization renames', repo: 'home-ops', file: 'kubernetes/apps/default/kustomization.yaml', from: 'namespace: default\n', to: '', rule: 'schema', message: /Invalid name "_"/ },
  { name: 'a misspelt pod field in a kustomize base', repo: 'microservices-demo', file: 'kustomize/base/adservice.yaml', from: '      containers:', to: '      container:', rule: 'schema', message: /Unknown field "container"/ },
  { name: 'an Argo CD source path that does not exist', repo: 'argocd-apps-equivalent', file: 'apps/templates/applications.yaml', from: '    path: guestbook\n', to: '    path: guestbok\n', rule: 'argo-source', message: /'guestbok' does not exist/ },
  { name: 'a misspelt Fleet GitRepo field', repo: 'fleet-examples-equivalent', file: 'gitrepos/gitrepos.yaml', from: '  paths:\n    - simple', to: '  pathz:\n    - simple', rule: 'schema', message: /Unknown field "pathz"/ },
  { name: 'a misspelt FluxInstance field', repo: 'flux-operator-equivalent', file: 'clusters/staging/flux-system.yaml', from: '    version: "2.7.x"', to: '    versoin: "2.7.x"', rule: 'schema', message: /Unknown field "versoin"/ },
  { name: 'an Alert on a kind the notification controller does not watch', repo: 'flux-operator-equivalent', file: 'tenants/apps.yaml', from: '    - kind: FluxInstance', to: '    - kind: FluxInstanse', rule: 'schema', message: /not an allowed value/ },
  { name: 'a namePrefix that makes a Service name too long as kustomize renders it', repo: 'argocd-apps-equivalent', file: 'kustomize-guestbook/kustomization.yaml', from: 'namePrefix: kustomize-\n', to: 'namePrefix: kustomize-guestbook-for-the-production-cluster-in-eu-west-region-\n', rule: 'schema', message: /Invalid name "kustomize-guestbook-for-the-production-cluster-in-eu-west-region-guestbook-ui".*as rendered by kustomize/ },
  { name: 'a file listed twice in one kustomization (kustomize refuses the build)', repo: 'argocd-apps-equivalent', file: 'kustomize-guestbook/kustomization.yaml', from: '  - guestbook-ui-svc.yaml\n', to: '  - guestbook-ui-svc.yaml\n  - ./guestbook-ui-svc.yaml\n', rule: 'duplicate-resource', message: /Service kustomize-guestbook-ui is rendered 2 times in kustomization kustomize-guestbook/ },
  { name: 'the same object twice in a directory a Flux Kustomization applies', repo: 'flux2-monitoring-example', file: 'monitoring/controllers/loki-stack/repository.yaml', from: 'kind: HelmRepository', to: 'kind: HelmRepository', copies: ['monitoring/controllers/a.yaml', 'monitoring/controllers/b.yaml'], rule: 'duplicate-resource', message: /declared 2 times in the directory monitoring\/controllers that a GitOps agent applies/ },
  { name: 'a multi-line quoted description that never closes', repo: 'flagger', file: 'kustomize/base/flagger/crd.yaml', from: "api-conventions.md#resources'\n", to: 'api-conventions.md#resources\n', rule: 'yaml-syntax', message: /Unexpected scalar at node end/ },
  { name: 'a default no parent Flux Kustomization patches in', repo: 'xunholy-k8s-gitops', file: 'kubernetes/clusters/cluster-00/ks.yaml', from: '          interval: 30m\n          retryInterval: 1m\n', to: '          retryInterval: 1m\n', rule: 'schema', message: /Missing required field "interval"/ },
  { name: 'an ExternalArtifact no ArtifactGenerator produces, outside the archive', repo: 'xunholy-k8s-gitops', file: 'kubernetes/apps/base/ai-system/kmcp/ks.yaml', from: '    name: kmcp\n    namespace: flux-system', to: '    name: kmpc\n    namespace: flux-system', rule: 'flux-source', message: /no ArtifactGenerator of this repository produces/ },
  { name: 'a Kubernetes kind under a group-less apiVersion other than v1', repo: 'cluster-template', file: '.github/template-tests/e2e/talos-cluster.yaml', from: 'kind: TalosCluster', to: 'kind: Deployment', rule: 'schema', message: /Deployment is not served as v1alpha1/ },
  { name: 'a real value where a 1Password reference with spaces was', repo: 'bjw-s-home-ops', file: 'kubernetes/bootstrap/kustomize/external-secrets/secret.yaml', from: 'op://Automation/1password connect/token', to: 'eyJhbGciOiJFUzI1NiIsImtpZCI6InRva2VuIn0.c2VjcmV0LXRva2Vu', rule: 'secret-in-git', message: /in plain text/ },
  { name: 'a misspelt field in a patch listed as a bare string', repo: 'argocd-apps-equivalent', file: 'plugins/kustomized-helm-string-patch/overlays/guestbook-deployment.yaml', from: '          image:', to: '          imagee:', rule: 'schema', message: /Unknown field "imagee"/ },
  { name: 'a misspelt field in a file applied with kubectl patch --patch-file', repo: 'argocd-apps-equivalent', file: 'cmp/manifests/2.argocd-repo-server-patch.yaml', from: '            runAsUser:', to: '            runAsUsr:', rule: 'schema', message: /Unknown field "runAsUsr"/ },
];

for (const fault of FAULTS) {
  test(`planted fault is caught: ${fault.name} (${fault.repo})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ga-corpus-'));
    try {
      cpSync(join(CORPUS, fault.repo), dir, { recursive: true });
      const path = join(dir, fault.file);
      const text = readFileSync(path, 'utf8');
      assert.ok(text.includes(fault.from), `${fault.file} no longer contains the text the fault replaces`);
      writeFileSync(path, text.replace(fault.from, fault.to));
      for (const copy of fault.copies ?? []) writeFileSync(join(dir, copy), text.replace(fault.from, fault.to));
      const errors = lint(dir).filter((f) => f.finding.severity === 'error');
      assert.ok(
        errors.some((f) => f.finding.ruleId === fault.rule && fault.message.test(f.finding.message)),
        `expected ${fault.rule} ${fault.message}; got:\n${errors.map((f) => `${f.path}: ${f.finding.ruleId}: ${f.finding.message}`).join('\n')}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
