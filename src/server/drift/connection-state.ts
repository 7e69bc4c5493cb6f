// The words users see for an environment's connection: from the service's cluster status, or from the
// reason it could not start.
import { ClusterStatus } from '../../adapters/kube/cluster-status.js';
import { DriftServiceError } from '../../adapters/drift/drift-service-api.js';
import type { DriftConnectionState } from '../../protocol/drift-messages.js';

export interface ConnectionState {
  readonly state: DriftConnectionState;
  readonly reason?: string;
}

export const HOW_TO_CONNECT =
  'set KUBECONFIG, create ~/.kube/config, or point the setting gitopsAuthoring.drift.kubeconfig at a kubeconfig file';

export function stateOfCluster(status: ClusterStatus, reason: string | undefined): ConnectionState {
  switch (status) {
    case ClusterStatus.Connected:
      return { state: 'Connected' };
    case ClusterStatus.Connecting:
      return { state: 'Connecting', ...(reason ? { reason } : {}) };
    case ClusterStatus.Degraded:
      return { state: 'Degraded', reason: reason ?? 'some kinds cannot be listed or watched right now' };
    case ClusterStatus.Unreachable:
      return { state: 'Unreachable', reason: reason ?? 'the cluster cannot be reached' };
    case ClusterStatus.Unauthorized:
      return { state: 'Unauthorized', reason: reason ?? 'the cluster refused our credentials' };
    default:
      return { state: 'Error', reason: reason ?? `unexpected cluster status ${String(status)}` };
  }
}

/** Why a service did not start, as a state: no kubeconfig says how to connect; everything else is an Error. */
export function stateOfStartFailure(error: unknown): ConnectionState {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof DriftServiceError) {
    const { problem } = error;
    if (problem.kind === 'no-kubeconfig') {
      return { state: 'NoKubeconfig', reason: `${problem.message} — to connect, ${HOW_TO_CONNECT}` };
    }
    if (problem.kind === 'cluster' && problem.clusterStatus) return stateOfCluster(problem.clusterStatus, problem.message);
    return { state: 'Error', reason: problem.message };
  }
  return { state: 'Error', reason: message };
}
