// The drift status bar item's words, free of `vscode` so it is unit-tested in plain Node.
// `⎈ <context> · N drifted`, `⎈ <context> · Unknown: <short reason>`, `⎈ <context> · in sync`: never "in sync"
// while any environment or resource cannot tell.
import { DriftStatus } from '../core/drift/drift-types.js';
import type { DriftConnectionState, DriftEnvironmentView } from '../protocol/drift-messages.js';

export interface DriftStatusText {
  readonly text: string;
  readonly tooltip: string;
}

const SHORT_REASONS: Partial<Record<DriftConnectionState, string>> = {
  Unreachable: 'unreachable',
  Unauthorized: 'unauthorized',
  NoKubeconfig: 'no kubeconfig',
  Untrusted: 'untrusted workspace',
  Degraded: 'degraded',
  Error: 'error',
};

const PROBLEM_STATES = new Set<DriftConnectionState>(['Unreachable', 'Unauthorized', 'NoKubeconfig', 'Untrusted', 'Degraded', 'Error']);

export const HELM = '⎈';

/** The status bar text for these environments, or undefined when there is nothing to say. */
export function describeDriftStatus(environments: readonly DriftEnvironmentView[], kubeconfigFound: boolean): DriftStatusText | undefined {
  if (environments.length === 0) {
    return kubeconfigFound ? undefined : { text: `${HELM} no kubeconfig`, tooltip: 'GitOps Authoring drift: no kubeconfig found. Click to see how to connect.' };
  }
  const contexts = [...new Set(environments.map((e) => e.context).filter((c): c is string => Boolean(c)))];
  const where = contexts.length === 0 ? 'no context' : contexts.length === 1 ? contexts[0]! : `${contexts[0]} +${contexts.length - 1}`;
  let drifted = 0;
  let unknown = 0;
  for (const env of environments) {
    drifted += env.counts[DriftStatus.Drifted] + env.counts[DriftStatus.Missing] + env.counts[DriftStatus.Orphan];
    unknown += env.counts[DriftStatus.Unknown];
  }
  const problems = environments.filter((e) => PROBLEM_STATES.has(e.state));
  const connecting = environments.some((e) => e.state === 'Connecting');
  const idle = environments.every((e) => e.state === 'Idle');
  const lines = environments.map((e) => `${e.name || '(repository)'}: ${e.context ?? 'no context'} · ${e.state}${e.reason ? ` — ${e.reason}` : ''}`);
  const tooltip = ['GitOps Authoring drift (click to show the Drift view)', ...lines].join('\n');

  let state: string;
  if (drifted > 0) state = `${drifted} drifted${problems.length > 0 || unknown > 0 ? ' · some Unknown' : ''}`;
  else if (problems.length > 0) state = `Unknown: ${SHORT_REASONS[problems[0]!.state] ?? 'unknown'}`;
  else if (connecting) state = 'connecting…';
  else if (idle) state = 'paused';
  else if (unknown > 0) state = `Unknown: ${unknown} resource${unknown === 1 ? '' : 's'}`;
  else state = 'in sync';
  return { text: `${HELM} ${where} · ${state}`, tooltip };
}
