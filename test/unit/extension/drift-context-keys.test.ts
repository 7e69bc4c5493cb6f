import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DRIFT_CONTEXT_KEYS } from '../../../src/extension/command-ids.js';
import { driftContextValues } from '../../../src/extension/drift-context-keys.js';

const zero = { Synced: 0, Drifted: 0, Missing: 0, Orphan: 0, Unknown: 0 };

describe('drift context keys', () => {
  it('says "no kubeconfig" only once the server said so, never before it answered', () => {
    assert.equal(driftContextValues({ heardFromServer: false, kubeconfigFound: false, environmentCount: 0, totals: zero }).get(DRIFT_CONTEXT_KEYS.noKubeconfig), false);
    assert.equal(driftContextValues({ heardFromServer: true, kubeconfigFound: false, environmentCount: 0, totals: zero }).get(DRIFT_CONTEXT_KEYS.noKubeconfig), true);
    assert.equal(driftContextValues({ heardFromServer: true, kubeconfigFound: true, environmentCount: 1, totals: zero }).get(DRIFT_CONTEXT_KEYS.noKubeconfig), false);
  });

  it('has environments and has drift (Drifted, Missing or Orphan; not Unknown)', () => {
    const values = driftContextValues({ heardFromServer: true, kubeconfigFound: true, environmentCount: 2, totals: { ...zero, Unknown: 3 } });
    assert.equal(values.get(DRIFT_CONTEXT_KEYS.hasEnvironments), true);
    assert.equal(values.get(DRIFT_CONTEXT_KEYS.hasDrift), false);
    assert.equal(driftContextValues({ heardFromServer: true, kubeconfigFound: true, environmentCount: 1, totals: { ...zero, Orphan: 1 } }).get(DRIFT_CONTEXT_KEYS.hasDrift), true);
  });
});
