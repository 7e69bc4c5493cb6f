// What Request Reconcile / Suspend / Resume act on, and what the modal says before the write.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agentControlParamsOf, confirmationOf, unitControlTargetOf } from '../../../src/extension/agent-control-target.js';
import { anEnvironment, aResource, aUnit } from './drift-view-builders.js';

const flux = anEnvironment('apps', { context: 'prod-eu', unit: aUnit('apps') });
const argo = anEnvironment('guestbook', { context: 'kind-dev', unit: { kind: 'Application', name: 'guestbook', namespace: 'argocd' } });

describe('unitControlTargetOf', () => {
  it('acts on the environment\'s own unit by default, naming it and its context', () => {
    const target = unitControlTargetOf(flux);
    assert.ok(!('problem' in target));
    assert.deepEqual([target.label, target.context, target.flavor, target.unit], ['Kustomization flux-system/apps', 'prod-eu', 'flux', undefined]);
    assert.deepEqual(agentControlParamsOf('suspend', target), { environmentId: flux.id, action: 'suspend', context: 'prod-eu' });
  });

  it('acts on a HelmRelease the command was invoked on', () => {
    const release = { ...aResource('HelmRelease', 'flux-system', 'podinfo'), key: { group: 'helm.toolkit.fluxcd.io', kind: 'HelmRelease', namespace: 'flux-system', name: 'podinfo' }, apiVersion: 'helm.toolkit.fluxcd.io/v2' };
    const target = unitControlTargetOf(flux, release);
    assert.ok(!('problem' in target));
    assert.deepEqual(target.unit, { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'flux-system', name: 'podinfo' });
    assert.equal(target.label, 'HelmRelease flux-system/podinfo');
  });

  it('says why not: no context yet, no unit, not a unit', () => {
    const problem = (t: ReturnType<typeof unitControlTargetOf>) => ('problem' in t ? t.problem : '');
    const { context: _context, ...notConnected } = anEnvironment('apps', { unit: aUnit('apps') });
    assert.match(problem(unitControlTargetOf(notConnected)), /not connected to a cluster yet/);
    assert.match(problem(unitControlTargetOf(anEnvironment('', { context: 'c' }))), /has no GitOps unit/);
    assert.match(problem(unitControlTargetOf(anEnvironment('local', { context: 'c', unit: { kind: 'Settings', name: 'local' } }))), /has no GitOps unit/);
    assert.match(problem(unitControlTargetOf(flux, aResource('Deployment', 'shop', 'api'))), /is not a GitOps unit/);
  });
});

describe('confirmationOf', () => {
  it('names the object and the context, and what is written', () => {
    const target = unitControlTargetOf(flux);
    assert.ok(!('problem' in target));
    const suspend = confirmationOf('suspend', target);
    assert.equal(suspend.message, "Suspend Kustomization flux-system/apps in context 'prod-eu'?");
    assert.match(suspend.detail, /spec\.suspend: true \(one PATCH\)/);
    assert.deepEqual(suspend.buttons, [{ label: 'Suspend' }]);
    assert.match(confirmationOf('resume', target).detail, /reverts live changes Git does not have: commit them first/);
  });

  it('offers a normal and a hard refresh for an Argo CD Application', () => {
    const target = unitControlTargetOf(argo);
    assert.ok(!('problem' in target));
    const reconcile = confirmationOf('reconcile', target);
    assert.equal(reconcile.message, "Request a refresh of Application argocd/guestbook in context 'kind-dev'?");
    assert.deepEqual(reconcile.buttons.map((b) => [b.label, b.refresh]), [['Refresh', 'normal'], ['Hard Refresh', 'hard']]);
    assert.equal(agentControlParamsOf('reconcile', target, 'hard').refresh, 'hard');
  });
});
