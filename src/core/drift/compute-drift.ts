import type { KubeObject } from '../resource/manifest-resource.js';
import { DriftPairing, type DriftPairingInput } from './drift-pairing.js';
import { DriftStatus, type ResourceDrift } from './drift-types.js';

export interface DriftInput extends DriftPairingInput {
  /** Live objects of the kinds being watched (current lists). */
  readonly live: Iterable<KubeObject>;
}

/**
 * Pairs desired and live objects by group/kind/namespace/name and computes each resource's drift: a
 * `DriftPairing` built with every live object at once (a live session feeds the same pairing one event at a time).
 */
export function computeDrift(input: DriftInput): ResourceDrift[] {
  return new DriftPairing(input, input.live).results();
}

/** Drift summary counts per status, in the enum's order. */
export function countByStatus(results: readonly ResourceDrift[]): Record<DriftStatus, number> {
  const counts = Object.fromEntries(Object.values(DriftStatus).map((s) => [s, 0])) as Record<DriftStatus, number>;
  for (const r of results) counts[r.status]++;
  return counts;
}
