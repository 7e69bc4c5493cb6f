import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectEnvironments, environmentsOf } from '../../../src/core/environments/detect-environments.js';
import { namespaceRulesFor } from '../../../src/core/environments/namespace-rules.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { extractResources } from '../../../src/core/resource/manifest-resource.js';

const FLUX = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec:
  path: ./apps/prod
  targetNamespace: shop
  sourceRef: {kind: GitRepository, name: flux-system}
  driftIgnoreRules:
    - paths: [/spec/replicas]
      target: {kind: Deployment}
`;
const ARGO = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: shop-staging, namespace: argocd}
spec:
  sources:
    - repoURL: https://charts.example.com
      chart: redis
    - repoURL: https://github.com/acme/gitops.git
      path: apps/staging
  destination: {name: staging-cluster, namespace: shop}
  ignoreDifferences:
    - group: apps
      kind: Deployment
      jqPathExpressions: ['.spec | keys']
`;

test('environments from Flux Kustomizations and Argo CD Applications, settings win by name', () => {
  const resources = [...extractResources(parseManifest('clusters/prod/apps.yaml', FLUX)), ...extractResources(parseManifest('argocd/shop.yaml', ARGO))];
  const envs = detectEnvironments(resources, [{ name: 'apps', path: 'apps/prod', context: 'prod-eu' }, { name: 'dev', path: './apps/dev', context: 'kind-dev' }]);
  assert.deepEqual(envs.map((e) => [e.name, e.path, e.context, e.namespace, e.detectedFrom, e.forceNamespace]), [
    ['apps', 'apps/prod', 'prod-eu', 'shop', 'flux', true],
    ['dev', 'apps/dev', 'kind-dev', undefined, 'settings', false],
    ['shop-staging', 'apps/staging', undefined, 'shop', 'argocd', false],
  ]);
  const apps = envs[0];
  assert.equal(apps?.owner, 'flux-system/apps');
  assert.equal(apps?.ignoreRules.length, 1);
  assert.equal(envs[2]?.cluster, 'staging-cluster');
  // An unsupported jq expression is reported on the rule, not dropped silently.
  assert.match(envs[2]?.ignoreRules[0]?.problems[0] ?? '', /outside the supported subset/);
  assert.deepEqual(environmentsOf(envs, 'apps/prod/deploy.yaml').map((e) => e.name), ['apps']);
  assert.deepEqual(namespaceRulesFor(apps, 'ctx-ns'), { defaultNamespace: 'shop', forceNamespace: 'shop' });
  assert.deepEqual(namespaceRulesFor(envs[2], 'ctx-ns'), { defaultNamespace: 'shop' });
  assert.deepEqual(namespaceRulesFor(undefined, undefined), { defaultNamespace: 'default' });
});

test('Argo CD directory sources recurse only when asked; Flux always does', async () => {
  const { buildDesiredState } = await import('../../../src/adapters/kustomize/build-desired-state.js');
  const { buildWorkspaceIndex } = await import('../../../src/core/workspace/workspace-index.js');
  const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;
  const files = [parseManifest('apps/top.yaml', cm('top')), parseManifest('apps/sub/nested.yaml', cm('nested')), parseManifest('other/x.yaml', cm('x'))];
  const index = buildWorkspaceIndex(files, { entryType: () => undefined });
  const names = async (recurse: boolean) => (await buildDesiredState('/nonexistent', index, 'apps', { defaultNamespace: 'd' }, { available: false, message: 'n/a' }, recurse)).desired.map((d) => d.key.name).sort();
  assert.deepEqual(await names(true), ['nested', 'top']);
  assert.deepEqual(await names(false), ['top']);
  const argo = detectEnvironments(extractResources(parseManifest('a.yaml', ARGO)));
  assert.equal(argo[0]?.recurse, false);
});

test('one Flux Kustomization name per cluster directory (clusters/staging, clusters/production): each named by its directory too, none hidden', () => {
  const apps = (path: string) => FLUX.replace('./apps/prod', path);
  const resources = [...extractResources(parseManifest('clusters/production/apps.yaml', apps('./apps/production'))), ...extractResources(parseManifest('clusters/staging/apps.yaml', apps('./apps/staging')))];
  assert.deepEqual(detectEnvironments(resources).map((e) => [e.name, e.path, e.owner]), [
    ['clusters/production/apps', 'apps/production', 'flux-system/apps'],
    ['clusters/staging/apps', 'apps/staging', 'flux-system/apps'],
  ]);
  const same = [...extractResources(parseManifest('clusters/a/apps.yaml', FLUX)), ...extractResources(parseManifest('clusters/b/apps.yaml', FLUX))];
  assert.deepEqual(detectEnvironments(same).map((e) => e.name), ['apps'], 'the same path twice is one environment');
});

test('a Flux Kustomization of another source is no environment of this repository; an ExternalArtifact path maps through its ArtifactGenerator', () => {
  const ks = (name: string, path: string, sourceRef: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: ${name}, namespace: flux-system}
spec: {interval: 1h, prune: true, path: "${path}", sourceRef: ${sourceRef}}
`;
  const tenantRepo = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata: {name: dev-team, namespace: flux-system}
spec: {interval: 1m, url: "https://github.com/acme/dev-team", ref: {branch: main}}
`;
  const generator = `apiVersion: source.extensions.fluxcd.io/v1beta1
kind: ArtifactGenerator
metadata: {name: flux-system, namespace: flux-system}
spec:
  sources: [{alias: monorepo, kind: GitRepository, name: flux-system}]
  artifacts:
    - name: apps
      copy:
        - {from: "@monorepo/apps/base/**", to: "@artifact/base/"}
        - {from: "@monorepo/apps/staging/**", to: "@artifact/staging/"}
    - name: infrastructure
      copy: [{from: "@monorepo/infrastructure/**", to: "@artifact/"}]
`;
  const resources = [
    ...extractResources(parseManifest('clusters/staging/ks.yaml', [
      ks('apps', './staging', '{kind: ExternalArtifact, name: apps}'),
      ks('infra', './controllers', '{kind: ExternalArtifact, name: infrastructure}'),
      ks('own', './clusters/staging/own', '{kind: GitRepository, name: flux-system}'),
      ks('dev-team', './', '{kind: GitRepository, name: dev-team}'),
      ks('kyverno', './', '{kind: OCIRepository, name: kyverno}'),
    ].join('---\n'))),
    ...extractResources(parseManifest('clusters/staging/sources.yaml', tenantRepo)),
    ...extractResources(parseManifest('clusters/staging/artifacts.yaml', generator)),
  ];
  assert.deepEqual(detectEnvironments(resources).map((e) => [e.name, e.path]), [
    ['apps', 'apps/staging'],
    ['infra', 'infrastructure/controllers'],
    ['own', 'clusters/staging/own'],
  ]);
});

test('a parent Flux Kustomization that patches its child Kustomizations gives the child environment the patched spec (home-ops cluster-apps)', () => {
  const parent = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: cluster-apps, namespace: flux-system}
spec:
  interval: 1h
  path: ./kubernetes/apps
  prune: true
  sourceRef: {kind: GitRepository, name: flux-system}
  patches:
    - target: {group: kustomize.toolkit.fluxcd.io, kind: Kustomization}
      patch: |-
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata: {name: _}
        spec:
          patches:
            - target: {group: helm.toolkit.fluxcd.io, kind: HelmRelease}
              patch: |-
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: {name: _}
                spec: {install: {crds: CreateReplace}}
`;
  const child = `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: atuin}
spec: {interval: 1h, path: ./kubernetes/apps/default/atuin/app, prune: true, sourceRef: {kind: GitRepository, name: flux-system}, targetNamespace: default}
`;
  const outside = child.replace('name: atuin', 'name: elsewhere');
  const resources = [
    ...extractResources(parseManifest('kubernetes/flux/cluster/ks.yaml', parent)),
    ...extractResources(parseManifest('kubernetes/apps/default/atuin/ks.yaml', child)),
    ...extractResources(parseManifest('other/ks.yaml', outside)),
  ];
  const envs = detectEnvironments(resources);
  const patches = (name: string) => envs.find((e) => e.name === name)?.kustomizeOverlay?.fields.patches as { target: { kind: string } }[] | undefined;
  assert.equal(patches('atuin')?.[0]?.target.kind, 'HelmRelease', 'the parent patch is the child environment\'s');
  assert.equal(patches('elsewhere'), undefined, 'a Kustomization outside the parent\'s path keeps its Git spec');
});
