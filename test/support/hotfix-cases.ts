// The "just this once" changes people make with kubectl, and the benign ones that are not drift, on real
// public manifests (test/fixtures/public-manifests, see NOTICE.md there). Shared by the fixture recorder
// (record-hotfix-fixtures.ts) and the end-to-end test (test/drift/hotfix-drift.e2e.test.ts), so both run
// exactly the same commands against the test cluster.
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestCluster } from '../cluster/harness.js';

export const PUBLIC_MANIFESTS = join(process.cwd(), 'test/fixtures/public-manifests');

/** Repository-relative path → file under PUBLIC_MANIFESTS. */
export const REPO_FILES: Readonly<Record<string, string>> = {
  'apps/frontend.yaml': 'microservices-demo/frontend.yaml',
  'apps/currencyservice.yaml': 'microservices-demo/currencyservice.yaml',
  'apps/loadgenerator.yaml': 'microservices-demo/loadgenerator.yaml',
  'apps/podinfo-deployment.yaml': 'podinfo/deployment.yaml',
  'apps/podinfo-service.yaml': 'podinfo/service.yaml',
  'apps/podinfo-hpa.yaml': 'podinfo/hpa.yaml',
};

export type HotfixStep =
  | { readonly kubectl: readonly string[] }
  /** `kubectl edit TARGET` with KUBE_EDITOR set to a script that replaces `find` (a regex) by `replace`. */
  | { readonly edit: string; readonly find: string; readonly replace: string }
  /** What the HPA controller sends: a merge patch of the Deployment's scale subresource as kube-controller-manager. */
  | { readonly hpaScale: string; readonly replicas: number };

export interface HotfixCase {
  readonly name: string;
  readonly description: string;
  /** Keys of REPO_FILES the case's repository holds. */
  readonly files: readonly string[];
  readonly steps: readonly HotfixStep[];
  /** Drift settings for case.yaml (as in `.gitops-authoring.yaml`'s `drift:`). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

const FRONTEND = ['apps/frontend.yaml'];
const STARTUP_PROBE = { find: '^( *)terminationMessagePolicy: File$', replace: '$1terminationMessagePolicy: File\n$1startupProbe:\n$1  tcpSocket:\n$1    port: 8080' };

export const HOTFIX_CASES: readonly HotfixCase[] = [
  {
    name: 'added-env-kubectl-set', description: '`kubectl set env` adds a variable to a container Git declares: added-live, kubectl-set',
    files: FRONTEND, steps: [{ kubectl: ['set', 'env', 'deployment/frontend', 'DEBUG=1'] }],
  },
  {
    name: 'added-resources-kubectl-set', description: '`kubectl set resources` on an init container without resources: added-live, kubectl-set',
    files: ['apps/loadgenerator.yaml'],
    steps: [{ kubectl: ['set', 'resources', 'deployment/loadgenerator', '-c', 'frontend-check', '--limits=cpu=100m,memory=64Mi'] }],
  },
  {
    name: 'added-sidecar-kubectl-patch', description: 'a debug sidecar added by `kubectl patch`: one added-live container, kubectl-patch',
    files: FRONTEND,
    steps: [{ kubectl: ['patch', 'deployment/frontend', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"debug","image":"busybox:1.36","command":["sleep","infinity"]}]}}}}'] }],
  },
  {
    name: 'changed-default-kubectl-patch', description: 'a Service field Git leaves to its default patched: changed-default (None → ClientIP), kubectl-patch',
    files: FRONTEND, steps: [{ kubectl: ['patch', 'service/frontend', '-p', '{"spec":{"sessionAffinity":"ClientIP"}}'] }],
  },
  {
    name: 'added-probe-kubectl-edit', description: '`kubectl edit` adds a startupProbe: added-live, kubectl-edit',
    files: FRONTEND, steps: [{ edit: 'deployment/frontend', ...STARTUP_PROBE }],
  },
  {
    name: 'benign-restart-label-annotate', description: '`rollout restart`, `label`, `annotate`: in sync; the label and annotation listed as live-only metadata',
    files: FRONTEND,
    steps: [
      { kubectl: ['rollout', 'restart', 'deployment/frontend'] },
      { kubectl: ['label', 'deployment/frontend', 'owner=alice'] },
      { kubectl: ['annotate', 'deployment/frontend', 'note=checked by alice'] },
    ],
  },
  {
    name: 'live-metadata-counted', description: 'the countLiveOnlyMetadata setting makes a live-only label drift',
    files: FRONTEND, steps: [{ kubectl: ['label', 'deployment/frontend', 'owner=alice'] }],
    settings: { countLiveOnlyMetadata: true },
  },
  {
    name: 'hpa-scales-target', description: 'an HPA scales a Deployment whose replicas Git leaves out: kube-controller-manager via scale, in sync',
    files: ['apps/podinfo-deployment.yaml', 'apps/podinfo-hpa.yaml'], steps: [{ hpaScale: 'podinfo', replicas: 3 }],
  },
  {
    name: 'scaled-by-person', description: '`kubectl scale` of a Deployment whose replicas Git leaves out: changed-default (1 → 4), kubectl via scale',
    files: ['apps/podinfo-deployment.yaml'], steps: [{ kubectl: ['scale', 'deployment/podinfo', '--replicas=4'] }],
  },
  {
    name: 'removed-live', description: 'removals leave no owner: "who: not recorded", or "probably kubectl-edit" when that edit is the one change since the apply',
    files: ['apps/frontend.yaml', 'apps/currencyservice.yaml'],
    steps: [
      { kubectl: ['patch', 'deployment/frontend', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/template/spec/containers/0/livenessProbe"}]'] },
      // One edit changes PORT and drops DISABLE_PROFILER: kubectl-edit is the one change since the apply.
      { edit: 'deployment/currencyservice', find: '^( *)- name: PORT\\n( *)value: "7000"\\n *- name: DISABLE_PROFILER\\n *value: "1"\\n', replace: '$1- name: PORT\n$2value: "7001"\n' },
    ],
  },
  {
    name: 'added-live-ignore-rules', description: 'added-live and changed-default fields hidden by Argo CD managedFieldsManagers and jsonPointers rules and a Flux path rule',
    files: FRONTEND,
    steps: [
      { kubectl: ['set', 'env', 'deployment/frontend', 'DEBUG=1'] },
      { kubectl: ['patch', 'deployment/frontend', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disktype":"ssd"}}}}}'] },
      { kubectl: ['patch', 'service/frontend', '-p', '{"spec":{"sessionAffinity":"ClientIP"}}'] },
    ],
    settings: {
      ignoreDifferences: [
        { group: 'apps', kind: 'Deployment', managedFieldsManagers: ['kubectl-patch'] },
        { kind: 'Service', name: 'frontend', jsonPointers: ['/spec/sessionAffinity'] },
      ],
      driftIgnoreRules: [{ paths: ['/spec/template/spec/containers/0/env'], target: { kind: 'Deployment' } }],
    },
  },
  {
    name: 'controller-owned-not-drift', description: 'a controller (a VPA-like updater, by its field manager) adds resources Git leaves out: not drift',
    files: ['apps/loadgenerator.yaml'],
    steps: [{ kubectl: ['patch', 'deployment/loadgenerator', '--field-manager', 'vpa-updater', '-p', '{"spec":{"template":{"spec":{"initContainers":[{"name":"frontend-check","resources":{"requests":{"cpu":"50m"}}}]}}}}'] }],
  },
  {
    name: 'person-tools-setting', description: 'a manager the built-in list does not know counts once settings name it as a person tool',
    files: FRONTEND,
    steps: [{ kubectl: ['patch', 'deployment/frontend', '--field-manager', 'ops-console', '-p', '{"spec":{"template":{"spec":{"nodeSelector":{"disktype":"ssd"}}}}}'] }],
    settings: { personTools: ['ops-console'] },
  },
];

/** Runs one step against the cluster (kubectl from `cluster`, with its temp HOME). */
export async function runHotfixStep(cluster: TestCluster, step: HotfixStep, namespace = 'default'): Promise<void> {
  if ('kubectl' in step) {
    await cluster.run(...step.kubectl, '-n', namespace);
    return;
  }
  if ('edit' in step) {
    const script = join(cluster.dir, 'edit-step.mjs');
    writeFileSync(script, [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      'const file = process.argv[2];',
      `const next = readFileSync(file, 'utf8').replace(new RegExp(${JSON.stringify(step.find)}, 'm'), ${JSON.stringify(step.replace)});`,
      'writeFileSync(file, next);',
    ].join('\n'));
    const r = await cluster.kubectl(['edit', step.edit, '-n', namespace], { env: { KUBE_EDITOR: `node ${script}` } });
    if (r.code !== 0) throw new Error(`kubectl edit ${step.edit} failed: ${r.stderr}`);
    return;
  }
  const status = await hpaScale(cluster.handle.url, namespace, step.hpaScale, step.replicas);
  if (status !== 200) throw new Error(`HPA scale of ${step.hpaScale} answered ${status}`);
}

function hpaScale(base: string, namespace: string, name: string, replicas: number): Promise<number> {
  const url = new URL(`${base}/apis/apps/v1/namespaces/${namespace}/deployments/${name}/scale`);
  const userAgent = 'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/4cb5f07/system:serviceaccount:kube-system:horizontal-pod-autoscaler';
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json', 'User-Agent': userAgent } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ spec: { replicas } }));
  });
}
