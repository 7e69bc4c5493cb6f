// Write-back on real public kustomize repositories (test/fixtures/writeback-realworld/*/ORIGIN): podinfo's
// `kustomize/` (a Deployment scaled by an HPA), argocd-example-apps' kustomize-guestbook (a `namePrefix:`) and
// flux2-kustomize-helm-example (HelmRelease values in a base shared by staging and production, overlaid by a
// `target: kind: HelmRelease` patch). Applied with the real kubectl, changed by hand with kubectl scale / set
// image / set env / set resources / patch / edit; each plan is checked in its layer, byte for byte, and closed
// (written, then the codified fields no longer drift). Fails when kubectl is not on PATH.
import assert from 'node:assert/strict';
import { chmodSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { planIntentFromDrift } from '../../src/adapters/writeback/plan-from-drift.js';
import { LayerChoice } from '../../src/core/edit/edit-plan.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { environment, openRealWorldRepo, planOf, runCodifyCli, type RealWorldRepo } from './realworld-support.js';

/** Flux's kinds, their schema left open (the test cluster's trimmed CRDs lack fields these repositories use). */
const crd = (group: string, version: string, kind: string, plural: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${plural}.${group}` },
  spec: {
    group, scope: 'Namespaced', names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
    versions: [{ name: version, served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
});
const FLUX_CRDS = [
  crd('helm.toolkit.fluxcd.io', 'v2', 'HelmRelease', 'helmreleases'),
  crd('source.toolkit.fluxcd.io', 'v1', 'HelmRepository', 'helmrepositories'),
  crd('source.toolkit.fluxcd.io', 'v1', 'GitRepository', 'gitrepositories'),
  crd('kustomize.toolkit.fluxcd.io', 'v1', 'Kustomization', 'kustomizations'),
];

let cluster: TestCluster;

before(async () => {
  cluster = await startTestCluster({
    seedObjects: [...FLUX_CRDS, ...['podinfo-kz', 'gb', 'gb-plain', 'boutique'].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }))],
    bookmarkIntervalMs: 200,
  });
});

after(async () => {
  await cluster?.stop();
});

describe('stefanprodan/podinfo kustomize/', () => {
  let repo: RealWorldRepo;
  const DEPLOYMENT = 'apps/Deployment/podinfo-kz/podinfo';
  before(async () => {
    repo = await openRealWorldRepo(cluster, 'podinfo', environment('podinfo', 'kustomize', 'podinfo-kz'), [['apply', '-k', '$DIR/kustomize', '-n', 'podinfo-kz']]);
  });
  after(() => repo?.remove());

  test('kubectl set image, set env, set resources → each value in its own span of kustomize/deployment.yaml; Synced after', async () => {
    await cluster.run('-n', 'podinfo-kz', 'set', 'image', 'deployment/podinfo', 'podinfod=ghcr.io/stefanprodan/podinfo:6.15.0');
    await cluster.run('-n', 'podinfo-kz', 'set', 'env', 'deployment/podinfo', 'PODINFO_UI_COLOR=#ff0000');
    await cluster.run('-n', 'podinfo-kz', 'set', 'resources', 'deployment/podinfo', '--limits=memory=1Gi');
    const c = '.spec.template.spec.containers[name="podinfod"]';
    const paths = [`${c}.image`, `${c}.env[name="PODINFO_UI_COLOR"].value`, `${c}.resources.limits.memory`];
    await repo.driftOf(DEPLOYMENT, paths);
    const before = repo.read('kustomize/deployment.yaml');
    const plan = planOf(repo.codify(DEPLOYMENT));
    assert.deepEqual(plan.files.map((f) => f.path), ['kustomize/deployment.yaml']);
    assert.match(plan.commitMessage, /^Codify live change: Deployment podinfo-kz\/podinfo 3 fields \(kubectl set, gitops-test\)\n/);
    repo.write(plan);
    assert.equal(repo.read('kustomize/deployment.yaml'), before
      .replace('image: ghcr.io/stefanprodan/podinfo:6.14.1', 'image: ghcr.io/stefanprodan/podinfo:6.15.0')
      .replace('value: "#34577c"', 'value: "#ff0000"')
      .replace('memory: 512Mi', 'memory: 1Gi'));
    await repo.closeLoop(DEPLOYMENT, paths);
  });

  test('kubectl scale of a Deployment its HPA scales → refused: the HPA owns replicas, add an ignore rule', async () => {
    await cluster.run('-n', 'podinfo-kz', 'scale', 'deployment/podinfo', '--replicas=3');
    await repo.driftOf(DEPLOYMENT, ['.spec.replicas']);
    const outcome = repo.codify(DEPLOYMENT, { fields: ['.spec.replicas'] });
    assert.equal(outcome.kind, 'refused');
    assert.match(outcome.kind === 'refused' ? outcome.reason : '', /HorizontalPodAutoscaler.*ignore rule/);
  });

  test('Scale via Git of the Deployment its HPA scales → refused, naming the HPA and its minReplicas / maxReplicas; Set Image via Git → the base', () => {
    const scale = planIntentFromDrift(repo.service, DEPLOYMENT, { path: '.spec.replicas', value: 3, intent: 'scale' });
    assert.equal(scale.kind, 'refused', JSON.stringify(scale));
    assert.match(scale.kind === 'refused' ? scale.reason : '', /^HorizontalPodAutoscaler podinfo-kz\/podinfo \(kustomize\/hpa\.yaml\) scales Deployment podinfo-kz\/podinfo: .*change its minReplicas \/ maxReplicas instead$/);
    const image = planOf(planIntentFromDrift(repo.service, DEPLOYMENT, { path: '.spec.template.spec.containers[name="podinfod"].image', value: 'ghcr.io/stefanprodan/podinfo:7.0.0', intent: 'set-image' }));
    assert.deepEqual(image.files.map((f) => f.path), ['kustomize/deployment.yaml']);
  });

  test('kubectl patch of a Service port (its merge key) → that port\'s value edited, not a second `http` port appended', async () => {
    const SERVICE = '/Service/podinfo-kz/podinfo';
    await cluster.run('-n', 'podinfo-kz', 'patch', 'service', 'podinfo', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/ports/0/port","value":8080}]');
    const paths = ['.spec.ports[port=9898,protocol="TCP"]', '.spec.ports[port=8080,protocol="TCP"]'];
    await repo.driftOf(SERVICE, paths);
    const before = repo.read('kustomize/service.yaml');
    const plan = planOf(repo.codify(SERVICE));
    assert.deepEqual(plan.summary, ['.spec.ports[port=9898,protocol="TCP"].port 9898 → 8080 in kustomize/service.yaml (base)']);
    assert.deepEqual(plan.refused, []);
    repo.write(plan);
    assert.equal(repo.read('kustomize/service.yaml'), before.replace('port: 9898', 'port: 8080'));
    await repo.closeLoop(SERVICE, paths);
  });

  test('kubectl edit (KUBE_EDITOR) of an annotation and kubectl patch of the HPA → both files edited, the HPA\'s comments kept', async () => {
    const editor = cluster.write('edit-annotation.sh', '#!/bin/sh\nsed -i \'s/prometheus.io\\/port: "9797"/prometheus.io\\/port: "9798"/\' "$1"\n');
    chmodSync(editor, 0o755);
    const edited = await cluster.kubectl(['-n', 'podinfo-kz', 'edit', 'deployment/podinfo'], { env: { KUBE_EDITOR: editor } });
    assert.equal(edited.code, 0, edited.stderr);
    await cluster.run('-n', 'podinfo-kz', 'patch', 'hpa', 'podinfo', '--type', 'merge', '-p', '{"spec":{"maxReplicas":6}}');
    const annotation = '.spec.template.metadata.annotations["prometheus.io/port"]';
    await repo.driftOf(DEPLOYMENT, [annotation]);
    const HPA = 'autoscaling/HorizontalPodAutoscaler/podinfo-kz/podinfo';
    await repo.driftOf(HPA, ['.spec.maxReplicas']);

    const deployment = planOf(repo.codify(DEPLOYMENT, { fields: [annotation] }));
    const hpa = planOf(repo.codify(HPA));
    const before = { deployment: repo.read('kustomize/deployment.yaml'), hpa: repo.read('kustomize/hpa.yaml') };
    repo.write(deployment);
    repo.write(hpa);
    assert.equal(repo.read('kustomize/deployment.yaml'), before.deployment.replace('prometheus.io/port: "9797"', 'prometheus.io/port: "9798"'));
    assert.equal(repo.read('kustomize/hpa.yaml'), before.hpa.replace('maxReplicas: 4', 'maxReplicas: 6'));
    assert.match(repo.read('kustomize/hpa.yaml'), /# scale up if usage is above\n/);
    await repo.closeLoop(DEPLOYMENT, [annotation]);
    await repo.closeLoop(HPA, ['.spec.maxReplicas']);
  });
});

describe('argoproj/argocd-example-apps kustomize-guestbook (namePrefix)', () => {
  let repo: RealWorldRepo;
  const DEPLOYMENT = 'apps/Deployment/gb/kustomize-guestbook-ui';
  before(async () => {
    repo = await openRealWorldRepo(cluster, 'argocd-example-apps', environment('kustomize-guestbook', 'kustomize-guestbook', 'gb'), [['apply', '-k', '$DIR/kustomize-guestbook', '-n', 'gb']]);
  });
  after(() => repo?.remove());

  test('kubectl scale and set image of the prefixed Deployment → the unprefixed base file; Synced after', async () => {
    await cluster.run('-n', 'gb', 'scale', 'deployment/kustomize-guestbook-ui', '--replicas=2');
    await cluster.run('-n', 'gb', 'set', 'image', 'deployment/kustomize-guestbook-ui', 'guestbook-ui=gcr.io/google-samples/gb-frontend:v6');
    const paths = ['.spec.replicas', '.spec.template.spec.containers[name="guestbook-ui"].image'];
    await repo.driftOf(DEPLOYMENT, paths);
    const before = repo.read('kustomize-guestbook/guestbook-ui-deployment.yaml');
    const plan = planOf(repo.codify(DEPLOYMENT));
    assert.deepEqual(plan.files.map((f) => f.path), ['kustomize-guestbook/guestbook-ui-deployment.yaml']);
    repo.write(plan);
    assert.equal(repo.read('kustomize-guestbook/guestbook-ui-deployment.yaml'), before.replace('replicas: 1', 'replicas: 2').replace('gb-frontend:v5', 'gb-frontend:v6'));
    await repo.closeLoop(DEPLOYMENT, paths);
  });

  test('kubectl patch of the Service type → inserted above the first block member, where a person puts a single value (trailing tabs of the file kept); Synced after', async () => {
    const SERVICE = '/Service/gb/kustomize-guestbook-ui';
    await cluster.run('-n', 'gb', 'patch', 'service', 'kustomize-guestbook-ui', '-p', '{"spec":{"type":"NodePort"}}');
    await repo.driftOf(SERVICE, ['.spec.type']);
    const before = repo.read('kustomize-guestbook/guestbook-ui-svc.yaml');
    const plan = planOf(repo.codify(SERVICE));
    repo.write(plan);
    assert.equal(repo.read('kustomize-guestbook/guestbook-ui-svc.yaml'), before.replace('spec:\t\n', 'spec:\t\n  type: NodePort\n'));
    await repo.closeLoop(SERVICE, ['.spec.type']);
  });
});

describe('argoproj/argocd-example-apps guestbook (a plain directory app)', () => {
  let repo: RealWorldRepo;
  const DEPLOYMENT = 'apps/Deployment/gb-plain/guestbook-ui';
  before(async () => {
    repo = await openRealWorldRepo(cluster, 'argocd-example-apps', environment('guestbook', 'guestbook', 'gb-plain'), [['apply', '-f', '$DIR/guestbook', '-n', 'gb-plain']]);
  });
  after(() => repo?.remove());

  test('kubectl set resources with requests and limits on a container Git gives none → one resources: block inserted (not refused as a collision); Synced after', async () => {
    await cluster.run('-n', 'gb-plain', 'set', 'resources', 'deployment/guestbook-ui', '--requests=cpu=50m,memory=64Mi', '--limits=memory=128Mi');
    const c = '.spec.template.spec.containers[name="guestbook-ui"].resources';
    const paths = [`${c}.limits`, `${c}.requests`];
    await repo.driftOf(DEPLOYMENT, paths);
    const before = repo.read('guestbook/guestbook-ui-deployment.yaml');
    const plan = planOf(repo.codify(DEPLOYMENT));
    assert.deepEqual(plan.refused, []);
    assert.match(plan.commitMessage, /\(kubectl set, gitops-test\)\n/);
    repo.write(plan);
    assert.equal(repo.read('guestbook/guestbook-ui-deployment.yaml'), `${before}          resources:\n            limits:\n              memory: 128Mi\n            requests:\n              cpu: 50m\n              memory: 64Mi\n`);
    await repo.closeLoop(DEPLOYMENT, paths);
  });
});

describe('fluxcd/flux2-kustomize-helm-example apps/production (HelmRelease values)', () => {
  let repo: RealWorldRepo;
  const RELEASE = 'helm.toolkit.fluxcd.io/HelmRelease/podinfo/podinfo';
  before(async () => {
    repo = await openRealWorldRepo(cluster, 'flux2-kustomize-helm-example', environment('production', 'apps/production'), [['apply', '-k', '$DIR/apps/production']]);
  });
  after(() => repo?.remove());

  test('kubectl patch of values the shared base sets → asks the layer; `environment` extends production\'s values patch; Synced after', async () => {
    await cluster.run('-n', 'podinfo', 'patch', 'helmrelease', 'podinfo', '--type', 'merge', '-p', '{"spec":{"values":{"redis":{"tag":"8.6.3"},"replicaCount":2}}}');
    const paths = ['.spec.values.redis.tag', '.spec.values.replicaCount'];
    await repo.driftOf(RELEASE, paths);
    const ask = repo.codify(RELEASE);
    assert.equal(ask.kind, 'choose-layer', JSON.stringify(ask));
    assert.deepEqual(ask.kind === 'choose-layer' ? ask.sharedWith : [], ['apps/staging']);

    const before = { base: repo.read('apps/base/podinfo/release.yaml'), values: repo.read('apps/production/podinfo-values.yaml') };
    const plan = planOf(repo.codify(RELEASE, { layer: LayerChoice.Environment }));
    assert.deepEqual(plan.files.map((f) => f.path), ['apps/production/podinfo-values.yaml']);
    repo.write(plan);
    assert.equal(repo.read('apps/production/podinfo-values.yaml'), `${before.values.replace('    httpRoute:\n', '    replicaCount: 2\n    httpRoute:\n')}    redis:\n      tag: 8.6.3\n`);
    assert.equal(repo.read('apps/base/podinfo/release.yaml'), before.base);
    await repo.closeLoop(RELEASE, paths);
  });

  test('kubectl patch of a values list (hostnames) → its item rewritten in production\'s values patch (an atomic list, item by item); Synced after', async () => {
    await cluster.run('-n', 'podinfo', 'patch', 'helmrelease', 'podinfo', '--type', 'merge', '-p', '{"spec":{"values":{"httpRoute":{"hostnames":["podinfo.example.com"]}}}}');
    const path = '.spec.values.httpRoute.hostnames';
    await repo.driftOf(RELEASE, [path]);
    const before = repo.read('apps/production/podinfo-values.yaml');
    const plan = planOf(repo.codify(RELEASE, { fields: [path] }));
    repo.write(plan);
    assert.equal(repo.read('apps/production/podinfo-values.yaml'), before.replace('- podinfo.production', '- podinfo.example.com'));
    await repo.closeLoop(RELEASE, [path]);
  });

  test('the CLI without --env on this repository (staging and production render the same HelmRelease) → not "nothing drifted": the Unknown resources named, exit 2', async () => {
    const r = await runCodifyCli(repo.dir, cluster.handle.kubeconfigPath, '--dry-run');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /no resource has drifted/);
    assert.match(r.stdout, /Nothing codified: no compared resource has drifted, \d+ could not be compared/);
    assert.match(r.stderr, /could not be compared, so whether they have drifted is not known: .*HelmRelease podinfo\/podinfo \(declared 2 times .*choose an environment/);
  });
});

describe('fluxcd/flux2-multi-tenancy (one `tenants` Kustomization per cluster directory)', () => {
  let repo: RealWorldRepo;
  before(async () => {
    repo = await openRealWorldRepo(cluster, 'flux2-multi-tenancy', environment('production', 'tenants/production'), [['apply', '-k', '$DIR/tenants/production']]);
    await cluster.run('-n', 'apps', 'patch', 'kustomizations.kustomize.toolkit.fluxcd.io', 'dev-team', '--type', 'merge', '-p', '{"spec":{"path":"./hotfix","interval":"10m"}}');
    await cluster.run('-n', 'apps', 'patch', 'gitrepository', 'dev-team', '--type', 'merge', '-p', '{"spec":{"ref":{"branch":"hotfix"}}}');
    await repo.driftOf('source.toolkit.fluxcd.io/GitRepository/apps/dev-team', ['.spec.ref.branch']);
  });
  after(() => repo?.remove());

  test('codify --env tenants is refused as ambiguous (never staging\'s Git against production\'s cluster)', async () => {
    const r = await runCodifyCli(repo.dir, cluster.handle.kubeconfigPath, '--env', 'tenants', '--dry-run');
    assert.equal(r.code, 2, r.stdout);
    assert.match(r.stderr, /no environment 'tenants' \(found: clusters\/production\/tenants, clusters\/staging\/tenants/);
  });

  test('codify --env clusters/production/tenants --layer environment: the overlay\'s patch extended, a new patch for the GitRepository listed in patches:', async () => {
    const r = await runCodifyCli(repo.dir, cluster.handle.kubeconfigPath, '--env', 'clusters/production/tenants', '--layer', 'environment', '--dry-run');
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stdout.includes('Kustomization apps/dev-team: .spec.path ./production → ./hotfix in tenants/production/dev-team-patch.yaml (overlay patch)'), r.stdout);
    assert.ok(r.stdout.includes(' spec:\n-  path: ./production\n+  path: ./hotfix\n+  interval: 10m\n'), r.stdout);
    assert.ok(r.stdout.includes(' patches:\n   - path: dev-team-patch.yaml\n+  - path: gitrepository-dev-team-patch.yaml\n'), r.stdout);
    assert.ok(r.stdout.includes('+++ b/tenants/production/gitrepository-dev-team-patch.yaml\n'), r.stdout);
    assert.doesNotMatch(r.stdout, /tenants\/staging|tenants\/base/);
  });

  test('planCodifyFromDrift on production: written, then Synced', async () => {
    const ID = 'kustomize.toolkit.fluxcd.io/Kustomization/apps/dev-team';
    const paths = ['.spec.path', '.spec.interval'];
    await repo.driftOf(ID, paths);
    const plan = planOf(repo.codify(ID, { layer: LayerChoice.Environment }));
    assert.deepEqual(plan.files.map((f) => f.path), ['tenants/production/dev-team-patch.yaml']);
    repo.write(plan);
    await repo.closeLoop(ID, paths);
  });
});

describe('GoogleCloudPlatform/microservices-demo kustomize/ with its container-images-tag component', () => {
  let repo: RealWorldRepo;
  const FRONTEND = 'apps/Deployment/boutique/frontend';
  const COMPONENT = 'kustomize/components/container-images-tag/kustomization.yaml';
  before(async () => {
    // As its README says: enable the component and set the tag.
    repo = await openRealWorldRepo(cluster, 'microservices-demo', environment('boutique', 'kustomize', 'boutique'), [['apply', '-k', '$DIR/kustomize', '-n', 'boutique']], (edit) => {
      edit('kustomize/kustomization.yaml', (t) => t.replace('# - components/container-images-tag\n', '- components/container-images-tag\n'));
      edit(COMPONENT, (t) => t.replaceAll('CONTAINER_IMAGES_TAG', 'v0.10.6'));
    });
  });
  after(() => repo?.remove());

  test('kubectl set image → the component\'s images: newTag of that image only; kubectl scale → inserted in the base Deployment; Synced after', async () => {
    await cluster.run('-n', 'boutique', 'set', 'image', 'deployment/frontend', 'server=us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend:v0.10.7');
    await cluster.run('-n', 'boutique', 'scale', 'deployment/frontend', '--replicas=2');
    const paths = ['.spec.template.spec.containers[name="server"].image', '.spec.replicas'];
    await repo.driftOf(FRONTEND, paths);
    const before = { component: repo.read(COMPONENT), base: repo.read('kustomize/base/frontend.yaml') };
    const plan = planOf(repo.codify(FRONTEND));
    assert.deepEqual(plan.files.map((f) => f.path), ['kustomize/base/frontend.yaml', COMPONENT]);
    repo.write(plan);
    assert.equal(repo.read(COMPONENT), before.component.replace('frontend\n  newTag: v0.10.6', 'frontend\n  newTag: v0.10.7'));
    assert.equal(repo.read('kustomize/base/frontend.yaml').replace('  replicas: 2\n', ''), before.base);
    await repo.closeLoop(FRONTEND, paths);
  });
});
