// The agent-control patches planned from the live unit: what each action writes, and when it writes nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HELD_AUTOMATED_SYNC_ANNOTATION, isUnitSuspended, planUnitControl } from '../../../src/core/environments/unit-control-patch.js';
import type { KubeObject } from '../../../src/core/resource/manifest-resource.js';

const NOW = { now: '2026-12-04T12:00:00Z' };
const kustomization = (spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'apps', namespace: 'flux-system', resourceVersion: '7' }, spec: { path: './apps', ...spec } });
const application = (syncPolicy: Record<string, unknown> | undefined, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'argoproj.io/v1alpha1', kind: 'Application',
  metadata: { name: 'guestbook', namespace: 'argocd', resourceVersion: '12', ...(annotations ? { annotations } : {}) },
  spec: { project: 'default', ...(syncPolicy ? { syncPolicy } : {}) },
});
const refusal = (plan: ReturnType<typeof planUnitControl>) => ('refused' in plan ? plan.refused : '');
const patch = (plan: ReturnType<typeof planUnitControl>) => ('patch' in plan ? plan.patch : undefined);

describe('planUnitControl: Flux', () => {
  it('reconcile writes requestedAt; suspend sets spec.suspend; resume clears it and requests a reconcile', () => {
    assert.deepEqual(patch(planUnitControl('Kustomization', kustomization(), 'reconcile', NOW)), { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': NOW.now } } });
    assert.deepEqual(patch(planUnitControl('HelmRelease', kustomization(), 'suspend', NOW)), { spec: { suspend: true } });
    assert.deepEqual(patch(planUnitControl('Kustomization', kustomization({ suspend: true }), 'resume', NOW)), { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': NOW.now } }, spec: { suspend: null } });
  });

  it('writes nothing that makes no sense: reconcile or suspend a suspended unit, resume a running one, a unit not in the cluster', () => {
    assert.match(refusal(planUnitControl('Kustomization', kustomization({ suspend: true }), 'reconcile', NOW)), /is suspended: Flux does not reconcile it/);
    assert.match(refusal(planUnitControl('Kustomization', kustomization({ suspend: true }), 'suspend', NOW)), /already suspended/);
    assert.match(refusal(planUnitControl('Kustomization', kustomization(), 'resume', NOW)), /is not suspended/);
    assert.match(refusal(planUnitControl('Kustomization', undefined, 'suspend', NOW)), /not in the cluster/);
  });
});

describe('planUnitControl: Argo CD', () => {
  const automated = { prune: true, selfHeal: false };

  it('suspend keeps automated in the annotation (with the read resourceVersion); resume restores exactly that', () => {
    const suspend = patch(planUnitControl('Application', application({ automated, syncOptions: ['CreateNamespace=true'] }), 'suspend', NOW));
    assert.deepEqual(suspend, { metadata: { resourceVersion: '12', annotations: { [HELD_AUTOMATED_SYNC_ANNOTATION]: JSON.stringify(automated) } }, spec: { syncPolicy: { automated: null } } });
    const suspended = application({ syncOptions: ['CreateNamespace=true'] }, { [HELD_AUTOMATED_SYNC_ANNOTATION]: JSON.stringify(automated) });
    assert.equal(isUnitSuspended('Application', suspended), true);
    assert.deepEqual(patch(planUnitControl('Application', suspended, 'resume', NOW)), { metadata: { resourceVersion: '12', annotations: { [HELD_AUTOMATED_SYNC_ANNOTATION]: null } }, spec: { syncPolicy: { automated } } });
  });

  it('an empty automated ({}: on with defaults) survives the round trip', () => {
    const suspend = patch(planUnitControl('Application', application({ automated: {} }), 'suspend', NOW)) as { metadata: { annotations: Record<string, string> } };
    const held = suspend.metadata.annotations[HELD_AUTOMATED_SYNC_ANNOTATION];
    assert.equal(held, '{}');
    assert.deepEqual((patch(planUnitControl('Application', application(undefined, { [HELD_AUTOMATED_SYNC_ANNOTATION]: '{}' }), 'resume', NOW)) as { spec: unknown }).spec, { syncPolicy: { automated: {} } });
  });

  it('refuses to guess: no automated sync to suspend, automated sync off by someone else, an unreadable annotation', () => {
    assert.match(refusal(planUnitControl('Application', application(undefined), 'suspend', NOW)), /no automated sync to turn off/);
    assert.match(refusal(planUnitControl('Application', application(undefined), 'resume', NOW)), /was not suspended by GitOps Authoring/);
    assert.match(refusal(planUnitControl('Application', application(undefined, { [HELD_AUTOMATED_SYNC_ANNOTATION]: 'yes' }), 'resume', NOW)), /not a JSON object; restore automated sync by hand/);
    assert.match(refusal(planUnitControl('Application', application({ automated }), 'resume', NOW)), /not suspended: automated sync is on/);
    assert.equal(isUnitSuspended('Application', application(undefined)), false, 'manual sync is not "suspended"');
  });

  it('reconcile: a normal refresh unless hard is asked for', () => {
    assert.deepEqual(patch(planUnitControl('Application', application({ automated }), 'reconcile', NOW)), { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    assert.deepEqual(patch(planUnitControl('Application', application({ automated }), 'reconcile', { ...NOW, refresh: 'hard' })), { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'hard' } } });
  });
});
