// The values of the drift context keys (welcome views, menus, palette), free of `vscode` so they are tested.
import type { DriftStatus } from '../core/drift/drift-types.js';
import { DRIFT_CONTEXT_KEYS } from './command-ids.js';

export interface DriftContextFacts {
  /** The server answered since it started: before that, "no kubeconfig" is not known. */
  readonly heardFromServer: boolean;
  readonly kubeconfigFound: boolean;
  readonly environmentCount: number;
  readonly totals: Readonly<Record<DriftStatus, number>>;
}

/** Context key → value for the keys that follow the server's results. */
export function driftContextValues(facts: DriftContextFacts): ReadonlyMap<string, boolean> {
  return new Map([
    [DRIFT_CONTEXT_KEYS.noKubeconfig, facts.heardFromServer && !facts.kubeconfigFound],
    [DRIFT_CONTEXT_KEYS.hasEnvironments, facts.environmentCount > 0],
    [DRIFT_CONTEXT_KEYS.hasDrift, facts.totals.Drifted + facts.totals.Missing + facts.totals.Orphan > 0],
  ]);
}
