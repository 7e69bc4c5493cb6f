// A Flux Kustomization's own patches, images, components, name prefix and common metadata are part of what
// kustomize-controller applies: drift renders them around the directory as it does (real kustomize).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildDesiredState } from '../../../src/adapters/kustomize/build-desired-state.js';
import { findKustomize } from '../../../src/adapters/kustomize/find-kustomize.js';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { detectEnvironments } from '../../../src/core/environments/detect-environments.js';
import { namespaceRulesFor } from '../../../src/core/environments/namespace-rules.js';
import { writeRepo } from '../../drift/drift-e2e-support.js';

const FLUX = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec:
  interval: 1h
  path: ./apps/app
  prune: true
  sourceRef: {kind: GitRepository, name: flux-system}
  targetNamespace: shop
  namePrefix: prod-
  components: [../../components/backup]
  commonMetadata:
    labels: {team: shop}
  images:
    - {name: ghcr.io/acme/api, newTag: "2.0.0"}
  patches:
    - target: {kind: Deployment}
      patch: |
        - op: add
          path: /spec/template/spec/serviceAccountName
          value: api
`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "ghcr.io/acme/api:1.0.0"}]
`;
const COMPONENT = `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [pvc.yaml]
`;
const PVC = `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: backup}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;

for (const layout of ['kustomization', 'plain files'] as const) {
  test(`Flux Kustomization patches, images, components, namePrefix and commonMetadata are rendered (${layout})`, async (t) => {
    const kustomize = findKustomize();
    assert.ok(kustomize.available, 'kustomize (or kubectl kustomize) must be on PATH for this test');
    const repo = writeRepo({
      'clusters/prod/apps.yaml': FLUX,
      'apps/app/deployment.yaml': DEPLOY,
      ...(layout === 'kustomization' ? { 'apps/app/kustomization.yaml': 'resources: [deployment.yaml]\n' } : {}),
      'components/backup/kustomization.yaml': COMPONENT,
      'components/backup/pvc.yaml': PVC,
    });
    t.after(() => repo.cleanup());
    const { index } = loadWorkspace(repo.dir);
    const env = detectEnvironments(index.resources).find((e) => e.name === 'apps');
    assert.deepEqual(env?.kustomizeOverlay?.components, ['components/backup']);
    const state = await buildDesiredState(repo.dir, index, env?.path ?? '', namespaceRulesFor(env, 'default'), kustomize, true, { ...(env?.kustomizeOverlay ? { overlay: env.kustomizeOverlay } : {}), overlaySource: 'clusters/prod/apps.yaml' });
    assert.deepEqual(state.problems, []);
    assert.deepEqual(state.desired.map((d) => `${d.key.kind} ${d.key.namespace}/${d.key.name}`).sort(), ['Deployment shop/prod-api', 'PersistentVolumeClaim shop/prod-backup']);
    const deploy = state.desired.find((d) => d.key.kind === 'Deployment');
    const spec = (deploy?.object.spec as { template: { spec: { serviceAccountName: string; containers: { image: string }[] } } }).template.spec;
    assert.equal(spec.serviceAccountName, 'api');
    assert.equal(spec.containers[0]?.image, 'ghcr.io/acme/api:2.0.0');
    assert.deepEqual((deploy?.object.metadata as { labels: unknown }).labels, { team: 'shop' });
    assert.equal(deploy?.origin?.originPath, 'apps/app/deployment.yaml');
    assert.ok(deploy?.origin?.transformedIn.includes('clusters/prod/apps.yaml'), `the patch is configured in the Flux Kustomization: ${JSON.stringify(deploy?.origin)}`);
  });
}

test('a kustomization below another one, or a Component, is no root of its own: kustomize-controller does not descend into it (home-ops cluster-apps)', async (t) => {
  const repo = writeRepo({
    'kubernetes/apps/default/kustomization.yaml': 'resources: [./namespace.yaml, ./atuin/ks.yaml]\n',
    'kubernetes/apps/default/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n',
    'kubernetes/apps/default/atuin/ks.yaml': FLUX.replace('./apps/app', './kubernetes/apps/default/atuin/app'),
    'kubernetes/apps/default/atuin/app/kustomization.yaml': 'resources: [deployment.yaml]\n',
    'kubernetes/apps/default/atuin/app/deployment.yaml': DEPLOY,
    'kubernetes/apps/kube-system/kustomization.yaml': 'resources: []\n',
    'kubernetes/components/backup/kustomization.yaml': COMPONENT,
    'kubernetes/components/backup/pvc.yaml': PVC,
  });
  t.after(() => repo.cleanup());
  const { index } = loadWorkspace(repo.dir);
  const state = await buildDesiredState(repo.dir, index, 'kubernetes/apps', { defaultNamespace: 'default' }, { available: false, message: 'n/a' });
  assert.deepEqual(state.rendered, ['kubernetes/apps/default', 'kubernetes/apps/kube-system']);
  // A kustomize Component is built only where something includes it, never as a root of the whole repository.
  const whole = await buildDesiredState(repo.dir, index, '', { defaultNamespace: 'default' }, { available: false, message: 'n/a' });
  assert.deepEqual(whole.rendered, ['kubernetes/apps/default', 'kubernetes/apps/kube-system']);
});
