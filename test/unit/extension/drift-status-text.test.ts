import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeDriftStatus } from '../../../src/extension/drift-status-text.js';
import type { DriftConnectionState, DriftEnvironmentView } from '../../../src/protocol/drift-messages.js';

function anEnvironment(state: DriftConnectionState, counts: Partial<DriftEnvironmentView['counts']> = {}, context = 'prod-eu', reason?: string): DriftEnvironmentView {
  return {
    id: `file:///r#${context}`,
    name: 'apps',
    folderUri: 'file:///r',
    path: 'apps',
    context,
    state,
    ...(reason ? { reason } : {}),
    counts: { Synced: 0, Drifted: 0, Missing: 0, Orphan: 0, Unknown: 0, ...counts },
  };
}

describe('drift status bar text', () => {
  it('counts Drifted, Missing and Orphan as drifted', () => {
    assert.equal(describeDriftStatus([anEnvironment('Connected', { Synced: 9, Drifted: 1, Missing: 1 })], true)?.text, '⎈ prod-eu · 2 drifted');
  });

  it('says in sync only when every environment is connected and nothing is Unknown', () => {
    assert.equal(describeDriftStatus([anEnvironment('Connected', { Synced: 4 })], true)?.text, '⎈ prod-eu · in sync');
    assert.equal(describeDriftStatus([anEnvironment('Connected', { Synced: 4, Unknown: 1 })], true)?.text, '⎈ prod-eu · Unknown: 1 resource');
  });

  it('says Unknown with a short reason when the cluster cannot be read, never a stale in sync', () => {
    const text = describeDriftStatus([anEnvironment('Unreachable', { Synced: 4 }, 'prod-eu', 'connect ECONNREFUSED 127.0.0.1:6443')], true);
    assert.equal(text?.text, '⎈ prod-eu · Unknown: unreachable');
    assert.match(text?.tooltip ?? '', /ECONNREFUSED/);
    assert.equal(describeDriftStatus([anEnvironment('Unauthorized')], true)?.text, '⎈ prod-eu · Unknown: unauthorized');
  });

  it('keeps the drift count visible when another environment is unreachable', () => {
    const text = describeDriftStatus([anEnvironment('Connected', { Drifted: 2 }), anEnvironment('Unreachable', {}, 'staging')], true);
    assert.equal(text?.text, '⎈ prod-eu +1 · 2 drifted · some Unknown');
  });

  it('says so when no kubeconfig was found, and nothing before the server has listed anything', () => {
    assert.equal(describeDriftStatus([], false)?.text, '⎈ no kubeconfig');
    assert.equal(describeDriftStatus([], true), undefined);
  });

  it('shows connecting and paused states', () => {
    assert.equal(describeDriftStatus([anEnvironment('Connecting')], true)?.text, '⎈ prod-eu · connecting…');
    assert.equal(describeDriftStatus([anEnvironment('Idle')], true)?.text, '⎈ prod-eu · paused');
  });
});
