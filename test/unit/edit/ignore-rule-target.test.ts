// Where Add Ignore Rule writes: the agent object that deploys the resource, else the repository's config file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseIgnoreRuleTarget } from '../../../src/core/edit/ignore-rule-target.js';
import type { Environment } from '../../../src/core/environments/environment.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { extractResources } from '../../../src/core/resource/manifest-resource.js';

const resources = (path: string, text: string) => extractResources(parseManifest(path, text));
const FLUX = resources('clusters/prod/apps.yaml', `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec: {path: ./apps}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: podinfo, namespace: flux-system}
spec: {interval: 5m}
`);
const ARGO = resources('argo/guestbook.yaml', `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: guestbook, namespace: argocd}
spec: {project: default}
`);
const env = (name: string, detectedFrom: Environment['detectedFrom'], path: string): Environment => ({
  name, path: 'apps', forceNamespace: false, detectedFrom, ignoreRules: [], agentManagers: [], source: { path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
});
const base = { liveLabels: {}, configPath: '.gitops-authoring.yaml', configText: undefined };

describe('chooseIgnoreRuleTarget', () => {
  it('an Argo CD environment: its Application', () => {
    const target = chooseIgnoreRuleTarget({ ...base, env: env('guestbook', 'argocd', 'argo/guestbook.yaml'), resources: [...FLUX, ...ARGO] });
    assert.deepEqual([target.kind, 'resource' in target ? target.resource.name : ''], ['argocd-application', 'guestbook']);
  });

  it('a Flux environment: the HelmRelease the live labels name, else the Kustomization', () => {
    const flux = env('apps', 'flux', 'clusters/prod/apps.yaml');
    const byRelease = chooseIgnoreRuleTarget({ ...base, env: flux, resources: FLUX, liveLabels: { 'helm.toolkit.fluxcd.io/name': 'podinfo', 'helm.toolkit.fluxcd.io/namespace': 'flux-system' } });
    assert.deepEqual([byRelease.kind, 'resource' in byRelease ? byRelease.resource.name : ''], ['flux-helmrelease', 'podinfo']);
    const byKustomization = chooseIgnoreRuleTarget({ ...base, env: flux, resources: FLUX, liveLabels: { 'helm.toolkit.fluxcd.io/name': 'elsewhere' } });
    assert.deepEqual([byKustomization.kind, 'resource' in byKustomization ? byKustomization.resource.name : ''], ['flux-kustomization', 'apps']);
  });

  it('no agent object: the config file, in the dialect the repository uses', () => {
    const flux = chooseIgnoreRuleTarget({ ...base, env: undefined, resources: FLUX });
    assert.deepEqual(flux, { kind: 'settings', path: '.gitops-authoring.yaml', text: undefined, dialect: 'flux' });
    const argo = chooseIgnoreRuleTarget({ ...base, env: undefined, resources: ARGO, configText: 'rules: {}\n' });
    assert.deepEqual(argo, { kind: 'settings', path: '.gitops-authoring.yaml', text: 'rules: {}\n', dialect: 'argocd' });
  });
});
