// "No kubeconfig" travels as a code from the kube adapter to the connection state, never as words of a message:
// a reworded message cannot turn the state (with how to connect) into a plain Error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DriftServiceError } from '../../../src/adapters/drift/drift-service-api.js';
import { createDriftService } from '../../../src/adapters/drift/drift-service.js';
import { ClusterAccessError } from '../../../src/adapters/kube/cluster-status.js';
import { loadKubeconfig } from '../../../src/adapters/kube/load-kubeconfig.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { stateOfStartFailure } from '../../../src/server/drift/connection-state.js';

const NOWHERE = '/nonexistent-dir/kubeconfig';

test('the kube adapter says no kubeconfig with a code', () => {
  assert.throws(() => loadKubeconfig({ env: { KUBECONFIG: NOWHERE } }), (e: unknown) => e instanceof ClusterAccessError && e.details.code === 'no-kubeconfig');
});

test('a kubeconfig that exists but cannot be used carries no such code', () => {
  assert.throws(() => loadKubeconfig({ env: { KUBECONFIG: '/dev/null' } }), (e: unknown) => e instanceof ClusterAccessError && e.details.code === undefined);
});

test('the drift service reports it as the problem kind no-kubeconfig', async () => {
  const index = buildWorkspaceIndex([], { entryType: () => undefined });
  await assert.rejects(createDriftService({ root: '/nonexistent-dir', index, kubeconfig: NOWHERE, processEnv: {} }), (e: unknown) => e instanceof DriftServiceError && e.problem.kind === 'no-kubeconfig');
});

test('the connection state follows the kind, whatever the message says', () => {
  const missing = stateOfStartFailure(new DriftServiceError({ kind: 'no-kubeconfig', message: 'kubeconfig absent (reworded)' }));
  assert.equal(missing.state, 'NoKubeconfig');
  assert.match(missing.reason ?? '', /^kubeconfig absent \(reworded\) — to connect, set KUBECONFIG/);
  const unusable = stateOfStartFailure(new DriftServiceError({ kind: 'kubeconfig', message: 'no kubeconfig context named x' }));
  assert.equal(unusable.state, 'Error', 'a usable-kubeconfig problem is no NoKubeconfig, even in those words');
});
