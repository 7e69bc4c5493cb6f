// Every version (1.30–1.36) comes from its release's official OpenAPI document (before, 1.30–1.34 came from
// cdk8s-plus, which dropped core v1 Event): no built-in GA kind may be lost from one version to the next, and
// each version's own fields apply to it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { listApiDeprecations } from '../../../src/core/schema/api-deprecations.js';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { DATA_DIR, dataRegistry, parseYaml } from './schema-test-support.js';

const registry = dataRegistry();

/** `apiVersion kind` of every built-in kind bundled for a version (its k8s-<version>.json). */
function builtinKinds(version: string): Set<string> {
  const chunk = JSON.parse(readFileSync(join(DATA_DIR, `k8s-${version}.json`), 'utf8')) as { kinds: Record<string, Record<string, string>> };
  return new Set(Object.entries(chunk.kinds).flatMap(([apiVersion, kinds]) => Object.keys(kinds).map((kind) => `${apiVersion} ${kind}`)));
}

const isGa = (entry: string) => /^(\S+\/)?v\d+ /.test(entry);

/** Kinds Kubernetes itself stopped serving in `version`: the deprecation table names each removal. */
function removedKinds(version: string): string[] {
  return listApiDeprecations()
    .filter((d) => d.project === 'kubernetes' && d.removedIn === version)
    .flatMap((d) => d.kind.split(' ').flatMap((kind) => [`${d.apiVersion} ${kind}`, `${d.apiVersion} ${kind}List`]));
}

for (const [older, newer] of [['1.34', '1.35'], ['1.35', '1.36']] as const) {
  test(`every built-in kind of ${older} is bundled for ${newer} unless Kubernetes removed it (named)`, () => {
    const before = builtinKinds(older);
    const after = builtinKinds(newer);
    assert.ok(after.size >= 170, `${newer}: ${after.size} kinds`);
    const lost = [...before].filter((entry) => !after.has(entry)).sort();
    assert.deepEqual(lost, removedKinds(newer).sort());
    assert.deepEqual(lost.filter(isGa), [], 'no GA kind is removed');
    for (const entry of lost.filter((e) => !e.endsWith('List'))) {
      const [apiVersion, kind] = entry.split(' ') as [string, string];
      const lookup = registry.lookup(newer, apiVersion, kind);
      assert.ok(lookup.status === 'removed' && lookup.replacement && lookup.message.includes(newer), `${entry}: ${lookup.status}`);
      assert.equal(registry.lookup(older, apiVersion, kind).status, 'found', `${entry} at ${older}`);
    }
  });
}

const VERSIONS = ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];

for (const [index, older] of VERSIONS.slice(0, -1).entries()) {
  const newer = VERSIONS[index + 1]!;
  test(`no GA kind of ${older} is lost at ${newer}; the alpha/beta kinds that are have an earlier GA or newer version`, () => {
    const before = builtinKinds(older);
    const after = builtinKinds(newer);
    const lost = [...before].filter((entry) => !after.has(entry));
    assert.deepEqual(lost.filter(isGa), [], 'no GA kind is lost');
    // An alpha/beta kind Kubernetes dropped is served at `newer` by another version of its group (or, like
    // SelfSubjectReview, by GA), except for whole alpha APIs Kubernetes replaced by another design.
    const servedKinds = new Set([...after].map((entry) => `${entry.split(' ')[0]!.split('/')[0]} ${entry.split(' ')[1]}`));
    const replacedDesigns = /^resource\.k8s\.io\/v1alpha[23] (PodSchedulingContext|ResourceClaimParameters|ResourceClass|ResourceClassParameters)(List)?$/;
    const orphans = lost.filter((entry) => !servedKinds.has(`${entry.split(' ')[0]!.split('/')[0]} ${entry.split(' ')[1]}`) && !replacedDesigns.test(entry));
    assert.deepEqual(orphans, []);
  });
}

test('core v1 Event and EventList are bundled and validated at every version', () => {
  const event = parseYaml(`apiVersion: v1
kind: Event
metadata:
  name: e
  namespace: default
involvedObject: { kind: Pod, name: p, namespace: default }
reason: Started
type: Normal
count: 1
firstTimestamp: "2026-12-04T00:00:00Z"
`);
  for (const version of VERSIONS) {
    const kinds = builtinKinds(version);
    assert.ok(kinds.has('v1 Event') && kinds.has('v1 EventList'), version);
    assert.deepEqual(validateResource(registry, event, { kubernetesVersion: version }).findings, [], version);
    const typo = structuredClone(event) as Record<string, unknown>;
    typo.reasn = typo.reason;
    delete typo.reason;
    typo.count = 'one';
    const found = validateResource(registry, typo, { kubernetesVersion: version }).findings.map((f) => `${f.code} ${f.path.join('.')}`).sort();
    assert.deepEqual(found, ['type count', 'unknown-field reasn'], version);
  }
});

test('each version names the exact referenced type where same-named types differ (EndpointSlice ports, APIService service, which needs a namespace)', () => {
  for (const version of VERSIONS) {
    // discovery.k8s.io/v1 EndpointPort has `appProtocol` and an optional port; core/v1 EndpointPort requires `port`.
    const slice = parseYaml('apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: s\naddressType: IPv4\nendpoints: []\nports:\n  - name: http\n');
    assert.deepEqual(validateResource(registry, slice, { kubernetesVersion: version }).findings, [], version);
    // apiregistration ServiceReference has `port`, no `path`; admissionregistration's has `path`.
    const api = parseYaml('apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  groupPriorityMinimum: 100\n  versionPriority: 100\n  service: { name: metrics-server, namespace: kube-system, path: /x }\n');
    assert.deepEqual(validateResource(registry, api, { kubernetesVersion: version }).findings.map((f) => `${f.code} ${f.path.join('.')}`), ['unknown-field spec.service.path'], version);
    // The API server (not the OpenAPI document) requires its name and namespace: restored by the generator's overrides.
    const noNamespace = parseYaml('apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata:\n  name: v1beta1.metrics.k8s.io\nspec:\n  groupPriorityMinimum: 100\n  versionPriority: 100\n  service: { name: metrics-server }\n');
    assert.deepEqual(validateResource(registry, noNamespace, { kubernetesVersion: version }).findings.map((f) => `${f.code} ${f.path.join('.')} ${f.field ?? ''}`), ['required spec.service namespace'], version);
  }
});

test('every GA kind of 1.34 validates at 1.36 (lookup found, not unknown)', () => {
  for (const entry of [...builtinKinds('1.34')].filter(isGa)) {
    const [apiVersion, kind] = entry.split(' ') as [string, string];
    const status = registry.lookup('1.36', apiVersion, kind).status;
    assert.ok(status === 'found' || status === 'deprecated', `${entry}: ${status}`);
  }
});

test('core kinds a GitOps repository holds are bundled for every version', () => {
  const core = ['v1 ConfigMap', 'v1 Secret', 'v1 Service', 'v1 Namespace', 'v1 Pod', 'v1 ServiceAccount', 'apps/v1 Deployment', 'apps/v1 StatefulSet', 'batch/v1 CronJob', 'networking.k8s.io/v1 Ingress', 'rbac.authorization.k8s.io/v1 ClusterRole', 'apiextensions.k8s.io/v1 CustomResourceDefinition', 'autoscaling/v2 HorizontalPodAutoscaler', 'policy/v1 PodDisruptionBudget'];
  for (const version of VERSIONS) {
    const kinds = builtinKinds(version);
    assert.deepEqual(core.filter((entry) => !kinds.has(entry)), [], version);
  }
});

test('each version has its own fields: PodSpec workloadRef in 1.35 only, schedulingGroup from 1.36', () => {
  const bodies: Record<string, string> = { workloadRef: '{ name: w, podGroup: g }', schedulingGroup: '{ podGroupName: g }' };
  const pod = (field: string) => parseYaml(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  ${field}: ${bodies[field]}\n  containers:\n    - name: c\n      image: nginx:1.27\n`);
  const codes = (field: string, version: string) => validateResource(registry, pod(field), { kubernetesVersion: version }).findings.map((f) => `${f.code} ${f.path.join('.')}`);
  assert.deepEqual(codes('workloadRef', '1.34'), ['unknown-field spec.workloadRef']);
  assert.deepEqual(codes('workloadRef', '1.35'), []);
  assert.deepEqual(codes('workloadRef', '1.36'), ['unknown-field spec.workloadRef']);
  assert.deepEqual(codes('schedulingGroup', '1.35'), ['unknown-field spec.schedulingGroup']);
  assert.deepEqual(codes('schedulingGroup', '1.36'), []);
});

test('1.35/1.36 schemas keep the special types: quantities, int-or-string, date-time, base64', () => {
  const deployment = parseYaml(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
spec:
  selector: { matchLabels: { app: d } }
  strategy: { rollingUpdate: { maxSurge: 25%, maxUnavailable: 1 } }
  template:
    metadata: { labels: { app: d } }
    spec:
      containers:
        - name: c
          image: nginx:1.27
          ports: [{ containerPort: 80 }]
          resources: { limits: { cpu: 500m, memory: 1Gi } }
`);
  for (const version of ['1.35', '1.36']) {
    assert.deepEqual(validateResource(registry, deployment, { kubernetesVersion: version }).findings, [], version);
    const bad = structuredClone(deployment) as { spec: { template: { spec: { containers: { resources: { limits: { memory: string } }; ports: { containerPort: unknown }[] }[] } } } };
    bad.spec.template.spec.containers[0]!.resources.limits.memory = '1 gig';
    bad.spec.template.spec.containers[0]!.ports[0]!.containerPort = 'http';
    const found = validateResource(registry, bad, { kubernetesVersion: version }).findings.map((f) => f.code).sort();
    assert.deepEqual(found, ['format', 'type'], version);
    const secret = parseYaml('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: "not base64!"\n');
    assert.deepEqual(validateResource(registry, secret, { kubernetesVersion: version }).findings.map((f) => f.code), ['format'], version);
  }
});
