import type { Evidence } from './readiness-types.js';

const MAX_EVIDENCE = 25;

/** At most 25 pieces of evidence per answer, then one line saying how many more there are. */
export function capEvidence(evidence: readonly Evidence[]): Evidence[] {
  if (evidence.length <= MAX_EVIDENCE) return [...evidence];
  return [...evidence.slice(0, MAX_EVIDENCE), { note: `… and ${evidence.length - MAX_EVIDENCE} more` }];
}
