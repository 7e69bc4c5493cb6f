// The write-back planner's refusals and choices, on small in-memory repositories (the data-driven fixtures
// with the real kustomize are in writeback-fixtures.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planCodifyFromDrift, planIntentFromDrift } from '../../../src/adapters/writeback/plan-from-drift.js';
import type { DesiredObject } from '../../../src/core/drift/compute-resource-drift.js';
import { desiredFromManifests } from '../../../src/core/drift/desired-from-manifests.js';
import { desiredFromRendered } from '../../../src/core/drift/desired-from-rendered.js';
import { DriftStatus, DriftStrategy, FieldChange, SuggestedAction, type FieldDrift, type PathSegment, type ResourceDrift } from '../../../src/core/drift/drift-types.js';
import { formatFieldPath } from '../../../src/core/drift/field-path.js';
import type { PlanOutcome } from '../../../src/core/edit/edit-plan.js';
import { planHelmValues } from '../../../src/core/edit/helm-values-edit.js';
import { planCodify } from '../../../src/core/edit/plan-codify.js';
import { planIntent } from '../../../src/core/edit/plan-intent.js';
import { detectEnvironments } from '../../../src/core/environments/detect-environments.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { formatResourceKey } from '../../../src/core/resource/resource-key.js';
import { buildWorkspaceIndex, type WorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { FakeDriftService } from '../../server/support/fake-drift-service.js';
import { applyEdits } from './writeback-fixture-case.js';

function repo(files: Record<string, string>): WorkspaceIndex {
  return buildWorkspaceIndex(Object.entries(files).map(([p, t]) => parseManifest(p, t)), { entryType: () => undefined });
}

function plain(index: WorkspaceIndex, kind = 'Deployment'): DesiredObject {
  const d = desiredFromManifests(index.resources, { defaultNamespace: 'shop' }).find((x) => x.key.kind === kind);
  assert.ok(d);
  return d;
}

function rendered(index: WorkspaceIndex, object: Record<string, unknown>, origin: { originPath?: string; generatedBy?: string; transformedIn: string[] }, root: string): DesiredObject {
  const d = desiredFromRendered([{ object: object as DesiredObject['object'], ...origin }], index, { defaultNamespace: 'shop' }, root)[0];
  assert.ok(d);
  return d;
}

function field(segments: PathSegment[], gitValue: unknown, liveValue: unknown, extra: Partial<FieldDrift> = {}): FieldDrift {
  return {
    path: formatFieldPath(segments), pointer: '', segments, change: liveValue === undefined ? FieldChange.MissingLive : FieldChange.Changed,
    ...(gitValue !== undefined ? { gitValue } : {}), ...(liveValue !== undefined ? { liveValue } : {}),
    attribution: { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-12-04T09:00:00Z' },
    suggestedAction: SuggestedAction.Commit, actionReason: 'changed by kubectl', ...extra,
  };
}

function drift(d: DesiredObject, fields: FieldDrift[], status: DriftStatus = DriftStatus.Drifted): ResourceDrift {
  return { key: d.key, id: formatResourceKey(d.key), status, fields, strategy: DriftStrategy.Normalized, ignoredFields: 0 };
}

function refusal(o: PlanOutcome): string {
  assert.equal(o.kind, 'refused', JSON.stringify(o));
  return o.kind === 'refused' ? o.reason : '';
}

function planOf(o: PlanOutcome) {
  assert.equal(o.kind, 'plan', JSON.stringify(o));
  if (o.kind !== 'plan') throw new Error('no plan');
  return o.plan;
}

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/api:1.0
          args: ["--fast"]
          resources: {limits: {cpu: 1}}
`;

describe('planCodify refusals', () => {
  it('refuses a Secret whole, names where the value belongs, and never carries the value', () => {
    const index = repo({ 'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nstringData:\n  password: hunter2\n' });
    const d = plain(index, 'Secret');
    const reason = refusal(planCodify({ index, desired: d, drift: drift(d, [field(['data', 'password'], '***', '*** (changed)')]) }));
    assert.match(reason, /Sealed Secret/);
    assert.match(reason, /SOPS/);
    assert.match(reason, /External Secret/);
    assert.doesNotMatch(reason, /hunter2/);
  });

  it('refuses a field a controller owns (HPA) and says to add an ignore rule', () => {
    const index = repo({ 'd.yaml': DEPLOY });
    const d = plain(index);
    const reason = refusal(planCodify({ index, desired: d, drift: drift(d, [field(['spec', 'replicas'], 3, 7, { suggestedAction: SuggestedAction.Ignore, actionReason: 'owned by kube-controller-manager (HPA)' })]) }));
    assert.match(reason, /HPA.*ignore rule/);
  });

  it('plans the fields it can and lists the others with the reason', () => {
    const index = repo({ 'd.yaml': DEPLOY });
    const d = plain(index);
    const plan = planOf(planCodify({ index, desired: d, context: 'prod-eu', drift: drift(d, [
      field(['spec', 'replicas'], 3, 5),
      field(['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }, 'resources'], { limits: { cpu: 1 } }, { limits: { cpu: 2 } }),
    ]) }));
    assert.deepEqual(plan.fields.map((f) => f.path), ['.spec.replicas']);
    assert.equal(plan.refused.length, 1);
    assert.match(plan.refused[0]?.reason ?? '', /replacing a whole mapping/);
    assert.match(plan.commitMessage, /^Codify live change: Deployment shop\/api \.spec\.replicas 3 → 5 \(kubectl scale, prod-eu\)\n/);
    assert.match(plan.commitMessage, /not written: .*resources/);
  });

  it('rewrites an atomic list item by item, appends or drops trailing items, a flow list whole in flow style', () => {
    const block = DEPLOY.replace('          args: ["--fast"]\n', '          args:\n            - --fast # tuned\n            - --port=80\n');
    const args = ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }, 'args'] as PathSegment[];
    const run = (text: string, from: string[], to: string[]) => {
      const index = repo({ 'd.yaml': text });
      const d = plain(index);
      return applyEdits(text, planOf(planCodify({ index, desired: d, drift: drift(d, [field(args, from, to)]) })).files[0]?.edits ?? []);
    };
    assert.equal(run(block, ['--fast', '--port=80'], ['--fast', '--port=81']), block.replace('--port=80', '--port=81'));
    assert.equal(run(block, ['--fast', '--port=80'], ['--fast']), block.replace('            - --port=80\n', ''));
    assert.equal(run(DEPLOY, ['--fast'], ['--fast', '--x=a,b']), DEPLOY.replace('["--fast"]', '[--fast, "--x=a,b"]'));
  });

  it('refuses a resource that is not Drifted and a field that does not drift', () => {
    const index = repo({ 'd.yaml': DEPLOY });
    const d = plain(index);
    assert.match(refusal(planCodify({ index, desired: d, drift: drift(d, [], DriftStatus.Synced) })), /is Synced: there is no live change/);
    assert.match(refusal(planCodify({ index, desired: d, drift: drift(d, [field(['spec', 'replicas'], 3, 5)]), fields: ['.spec.paused'] })), /no drifted field \.spec\.paused/);
  });

  it('refuses a new field inside a flow mapping and a list item without a merge key', () => {
    const index = repo({ 'd.yaml': DEPLOY });
    const d = plain(index);
    const container = ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }] as PathSegment[];
    assert.match(refusal(planCodify({ index, desired: d, drift: drift(d, [field([...container, 'resources', 'limits', 'memory'], undefined, '1Gi', { change: FieldChange.RemovedFromGit })]) })), /flow style/);
    assert.match(refusal(planCodify({ index, desired: d, drift: drift(d, [field([...container, 'args', { index: 1 }], undefined, '--x', { change: FieldChange.RemovedFromGit })]) })), /no merge key/);
  });

  it('joins two new fields under one mapping, and two under one missing parent into that parent (sibling-inserts.ts)', () => {
    const index = repo({ 'd.yaml': DEPLOY });
    const d = plain(index);
    const container = ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }] as PathSegment[];
    const added = (segments: PathSegment[], value: unknown) => field(segments, undefined, value, { change: FieldChange.RemovedFromGit });
    const both = planOf(planCodify({ index, desired: d, drift: drift(d, [added(['spec', 'paused'], true), added(['spec', 'minReadySeconds'], 10)]) }));
    const text = index.files.get('d.yaml')?.text ?? '';
    // Single values go above the first block member (the pod template), where a person puts them.
    assert.equal(applyEdits(text, both.files[0]?.edits ?? []), text.replace('  template:\n', '  paused: true\n  minReadySeconds: 10\n  template:\n'));
    const joined = planOf(planCodify({ index, desired: d, drift: drift(d, [added([...container, 'securityContext', 'runAsUser'], 1000), added([...container, 'securityContext', 'runAsGroup'], 1000)]) }));
    assert.deepEqual([joined.fields.map((f) => f.path), joined.refused], [['.spec.template.spec.containers[name="app"].securityContext'], []]);
    assert.match(applyEdits(text, joined.files[0]?.edits ?? []), /\n( +)securityContext:\n\1 {2}runAsUser: 1000\n\1 {2}runAsGroup: 1000\n/);
  });

  it('deletes a field live lacks, but refuses when it is its mapping\'s only field', () => {
    const index = repo({ 'd.yaml': DEPLOY.replace('  namespace: shop\n', '  namespace: shop\n  labels:\n    tier: web\n') });
    const d = plain(index);
    assert.match(refusal(planCodify({ index, desired: d, drift: drift(d, [field(['metadata', 'labels', 'tier'], 'web', undefined)]) })), /only field of \.metadata\.labels/);
    const plan = planOf(planCodify({ index, desired: d, drift: drift(d, [field(['spec', 'replicas'], 3, undefined)]) }));
    const text = index.files.get('d.yaml')?.text ?? '';
    assert.equal(applyEdits(text, plan.files[0]?.edits ?? []), text.replace('  replicas: 3\n', ''));
  });
});

const BASE_K = 'resources:\n  - deployment.yaml\n';
const BASE = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/api:1.0\n          env:\n            - name: MODE\n              value: fast\n';

function kustomized(extra: Record<string, string> = {}, prodK = 'resources:\n  - ../../base\n') {
  const index = repo({
    'base/kustomization.yaml': BASE_K, 'base/deployment.yaml': BASE,
    'overlays/prod/kustomization.yaml': prodK, 'overlays/staging/kustomization.yaml': 'resources:\n  - ../../base\n', ...extra,
  });
  const object = parseManifest('x.yaml', BASE).documents[0]?.value as Record<string, unknown>;
  const transformedIn = prodK.includes('patches') ? ['overlays/prod/kustomization.yaml'] : [];
  return { index, desired: rendered(index, object, { originPath: 'base/deployment.yaml', transformedIn }, 'overlays/prod') };
}

describe('planCodify in kustomize layers', () => {
  const env = ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }, 'env', { index: 0, key: { name: 'MODE' } }, 'value'] as PathSegment[];

  it('asks when only a shared base sets the field, naming the other environments', () => {
    const { index, desired } = kustomized();
    const o = planCodify({ index, desired, drift: drift(desired, [field(['spec', 'replicas'], 3, 5)]) });
    assert.equal(o.kind, 'choose-layer');
    assert.deepEqual(o.kind === 'choose-layer' ? o.sharedWith : [], ['overlays/staging']);
  });

  it('writes a new overlay patch naming the list items by merge key for "this environment"', () => {
    const { index, desired } = kustomized();
    const plan = planOf(planCodify({ index, desired, layer: 'environment', drift: drift(desired, [field(env, 'fast', 'slow'), field(['spec', 'replicas'], 3, 5)]) }));
    const created = plan.files.find((f) => f.create);
    assert.equal(created?.path, 'overlays/prod/deployment-api-patch.yaml');
    assert.equal(created?.edits[0]?.newText, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          env:\n            - name: MODE\n              value: slow\n  replicas: 5\n');
    const k = plan.files.find((f) => f.path === 'overlays/prod/kustomization.yaml');
    assert.equal(k?.edits[0]?.newText, '\npatches:\n  - path: deployment-api-patch.yaml');
  });

  it('writes only the parts of an image that changed in the overlay\'s images: entry (newName, newTag, digest)', () => {
    const prodK = 'resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/api\n    newName: registry.example.com/acme/api\n    newTag: "1.1"\n';
    const { index } = kustomized({}, prodK);
    const object = parseManifest('x.yaml', BASE.replace('ghcr.io/acme/api:1.0', 'registry.example.com/acme/api:1.1')).documents[0]?.value as Record<string, unknown>;
    const desired = rendered(index, object, { originPath: 'base/deployment.yaml', transformedIn: ['overlays/prod/kustomization.yaml'] }, 'overlays/prod');
    const image = ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }, 'image'] as PathSegment[];
    const text = index.files.get('overlays/prod/kustomization.yaml')?.text ?? '';
    const after = (to: string) => applyEdits(text, planOf(planCodify({ index, desired, drift: drift(desired, [field(image, 'registry.example.com/acme/api:1.1', to)]) })).files[0]?.edits ?? []);
    assert.equal(after('registry.example.com/acme/api:1.2'), prodK.replace('"1.1"', '"1.2"'));
    assert.equal(after('mirror.example.com/acme/api:1.1'), prodK.replace('newName: registry.example.com/acme/api', 'newName: mirror.example.com/acme/api'));
    assert.equal(after('registry.example.com/acme/api:1.1@sha256:abc'), `${prodK}    digest: sha256:abc\n`);
  });

  it('refuses removing a field for one environment, and a field set by an inline patch', () => {
    const { index, desired } = kustomized();
    assert.match(refusal(planCodify({ index, desired, layer: 'environment', drift: drift(desired, [field(['spec', 'replicas'], 3, undefined)]) })), /\$patch: delete/);
    const inline = kustomized({}, 'resources:\n  - ../../base\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata:\n        name: api\n      spec:\n        replicas: 4\n');
    assert.match(refusal(planCodify({ index: inline.index, desired: inline.desired, drift: drift(inline.desired, [field(['spec', 'replicas'], 4, 5)]) })), /inline patch/);
  });

  it('refuses removing a field from a patch when the base sets it too', () => {
    const { index, desired } = kustomized({ 'overlays/prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 4\n  paused: false\n' }, 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n');
    assert.match(refusal(planCodify({ index, desired, drift: drift(desired, [field(['spec', 'replicas'], 4, undefined)]) })), /base base\/deployment\.yaml sets it too/);
  });

  it('writes a generated ConfigMap\'s key in its generator literal, and refuses keys from files', () => {
    const index = repo({ 'k/kustomization.yaml': 'configMapGenerator:\n  - name: cfg\n    literals: [A=1]\n    files: [app.conf]\n' });
    const desired = rendered(index, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg-5f7b9c8d2k' }, data: { A: '1', 'app.conf': 'x' } }, { generatedBy: 'k/kustomization.yaml', transformedIn: [] }, 'k');
    const plan = planOf(planCodify({ index, desired, drift: drift(desired, [field(['data', 'A'], '1', '2')]) }));
    assert.deepEqual(plan.summary, ['.data.A 1 → 2 in k/kustomization.yaml (configMapGenerator literals:)']);
    assert.equal(plan.files[0]?.edits[0]?.newText, 'A=2');
    assert.match(refusal(planCodify({ index, desired, drift: drift(desired, [field(['data', 'app.conf'], 'x', 'y')]) })), /generator in k\/kustomization\.yaml and no literal of it sets app\.conf/);
  });
});

describe('Flux variables', () => {
  const flux = (substitute: string, extra = '') => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  path: ./apps\n  targetNamespace: shop\n  postBuild:\n    substitute:\n${substitute}${extra}`;
  const setup = (image: string, substitute: string, extra = '') => {
    const index = repo({ 'clusters/apps.yaml': flux(substitute, extra), 'apps/d.yaml': DEPLOY.replace('ghcr.io/acme/api:1.0', image) });
    const environment = detectEnvironments(index.resources).find((e) => e.name === 'apps');
    assert.ok(environment);
    const desired = plain(index);
    const image0 = ['spec', 'template', 'spec', 'containers', { index: 0, key: { name: 'app' } }, 'image'] as PathSegment[];
    return (to: string) => planCodify({ index, desired, environment, drift: drift(desired, [field(image0, 'x', to)]) });
  };

  it('inserts a variable that relied on its default into substitute', () => {
    const plan = planOf(setup('ghcr.io/acme/api:${TAG:=1.0}', '      OTHER: "x"\n')('ghcr.io/acme/api:1.1'));
    assert.equal(plan.files[0]?.path, 'clusters/apps.yaml');
    assert.equal(plan.files[0]?.edits[0]?.newText, '\n      TAG: "1.1"');
  });

  it('writes a ${…} literally where Flux does not substitute (no postBuild, or substitute: disabled)', () => {
    const index = repo({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sh\n  namespace: shop\ndata:\n  run: echo ${HOME}\n' });
    const d = plain(index, 'ConfigMap');
    const plan = planOf(planCodify({ index, desired: d, drift: drift(d, [field(['data', 'run'], 'echo ${HOME}', 'echo ${HOME}/bin')]) }));
    assert.equal(plan.files[0]?.edits[0]?.newText, 'echo ${HOME}/bin');
  });

  it('refuses two variables in one value, a value that does not fit the template, and substituteFrom variables', () => {
    assert.match(refusal(setup('${REGISTRY}/api:${TAG}', '      TAG: "1.0"\n')('ghcr.io/api:1.1')), /combines 2 Flux variables/);
    assert.match(refusal(setup('ghcr.io/acme/api:${TAG}', '      TAG: "1.0"\n')('docker.io/other:1.1')), /does not fit the Git template/);
    assert.match(refusal(setup('ghcr.io/acme/api:${TAG}', '      OTHER: "1.0"\n', '    substituteFrom:\n      - kind: ConfigMap\n        name: vars\n')('ghcr.io/acme/api:1.1')), /substituteFrom/);
  });
});

describe('planIntent', () => {
  const index = repo({ 'd.yaml': DEPLOY });
  const desired = plain(index);

  it('plans Scale and Set Image with their own commit verbs', () => {
    const scale = planOf(planIntent({ index, desired, path: '.spec.replicas', value: 6, context: 'prod-eu' }));
    assert.match(scale.commitMessage, /^Scale via Git: Deployment shop\/api \.spec\.replicas 3 → 6 \(prod-eu\)/);
    const image = planOf(planIntent({ index, desired, path: '.spec.template.spec.containers[name="app"].image', value: 'ghcr.io/acme/api:2.0' }));
    assert.equal(image.files[0]?.edits[0]?.newText, 'ghcr.io/acme/api:2.0');
    assert.match(image.commitMessage, /^Set image via Git:/);
  });

  it('refuses bad values, a bad path and a value Git already has', () => {
    assert.match(refusal(planIntent({ index, desired, path: '.spec.replicas', value: -1 })), /whole number/);
    assert.match(refusal(planIntent({ index, desired, path: '.spec.replicas', value: 2.5 })), /whole number/);
    assert.match(refusal(planIntent({ index, desired, path: '.spec.template.spec.containers[name="app"].image', value: 'a b' })), /image is a reference/);
    assert.match(refusal(planIntent({ index, desired, path: 'spec..replicas', value: 1 })), /not a field path/);
    assert.match(refusal(planIntent({ index, desired, path: '.spec.replicas', value: 3 })), /Git already says \.spec\.replicas 3/);
  });
});

describe('planHelmValues', () => {
  const release = (values: string) => repo({ 'r.yaml': `apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: api\n  namespace: shop\nspec:\n${values}` }).resources[0];
  const key = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'api' };

  it('refuses when several values keys hold the Git value, naming them', () => {
    const r = release('  values:\n    replicaCount: 2\n    worker:\n      replicas: 2\n');
    assert.ok(r);
    const reason = refusal(planHelmValues({ release: r, key, path: '.spec.replicas', from: 2, to: 4 }));
    assert.match(reason, /2 values keys .* hold 2 \(replicaCount, worker\.replicas\)/);
  });

  it('refuses when no key holds it, and values only from valuesFrom', () => {
    const r = release('  values:\n    replicaCount: 2\n');
    assert.ok(r);
    assert.match(refusal(planHelmValues({ release: r, key, path: '.spec.replicas', from: 1, to: 4 })), /no values key .* holds 1/);
    const from = release('  valuesFrom:\n    - kind: ConfigMap\n      name: api-values\n');
    assert.ok(from);
    assert.match(refusal(planHelmValues({ release: from, key, path: '.spec.replicas', from: 1, to: 4 })), /valuesFrom/);
  });
});

describe('Argo CD Helm values and kustomize namespace', () => {
  it('writes the one valuesObject key of an Application holding the Git value', () => {
    const index = repo({ 'app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: api\n  namespace: argocd\nspec:\n  source:\n    chart: api\n    helm:\n      valuesObject:\n        replicaCount: 2\n' });
    const release = index.resources[0];
    assert.ok(release);
    const plan = planOf(planHelmValues({ release, key: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'api' }, path: '.spec.replicas', from: 2, to: 4 }));
    assert.equal(plan.files[0]?.edits[0]?.newText, '4');
    assert.equal(plan.fields[0]?.layer, 'Application values replicaCount');
  });

  it('writes .metadata.namespace in the overlay\'s namespace: transformer', () => {
    const { index, desired } = kustomized({}, 'namespace: shop\nresources:\n  - ../../base\n');
    const withNs = rendered(index, { ...desired.object, metadata: { name: 'api', namespace: 'shop' } }, { originPath: 'base/deployment.yaml', transformedIn: ['overlays/prod/kustomization.yaml'] }, 'overlays/prod');
    const plan = planOf(planCodify({ index, desired: withNs, drift: drift(withNs, [field(['metadata', 'namespace'], 'shop', 'shop-2')]) }));
    assert.deepEqual(plan.summary, ['.metadata.namespace shop → shop-2 in overlays/prod/kustomization.yaml (kustomization namespace:)']);
  });
});

describe('plan-from-drift', () => {
  it('plans from the service\'s desiredOf and refuses what it does not know', () => {
    const index = repo({ 'd.yaml': DEPLOY });
    const desired = plain(index);
    const result = drift(desired, [field(['spec', 'replicas'], 3, 5)]);
    const service = new FakeDriftService({ root: '/repo', index, context: 'prod-eu' }, [result]);
    service.desiredContexts.set('apps/Deployment/shop/api', { desired, result, index });
    const plan = planOf(planCodifyFromDrift(service, 'apps/Deployment/shop/api'));
    assert.match(plan.commitMessage, /\(kubectl scale, prod-eu\)/);
    assert.equal(planIntentFromDrift(service, 'apps/Deployment/shop/api', { path: '.spec.replicas', value: 9 }).kind, 'plan');
    assert.match(refusal(planCodifyFromDrift(service, 'apps/Deployment/shop/other')), /not in the desired state/);
  });
});
