// "Commit all drift of an environment": one plan per drifted resource, merged into one change (one branch,
// one commit) by core's `mergeEditPlans`. A question from any resource is asked once; a resource that is
// refused, or whose edits meet another's, is listed with the reason while the others still stand. Pure.
import type { PlanOutcome, PlanRefusal } from '../edit/edit-plan.js';
import { mergeEditPlans } from './merge-edit-plans.js';

export interface ResourceOutcome {
  /** `Deployment shop/api-server`. */
  readonly label: string;
  readonly outcome: PlanOutcome;
}

export function mergePlanOutcomes(outcomes: readonly ResourceOutcome[], environment: string): PlanOutcome {
  if (outcomes.length === 0) return { kind: 'refused', reason: `Nothing has drifted${environment ? ` in ${environment}` : ''}: there is no live change to commit.` };
  if (outcomes.length === 1) return (outcomes[0] as ResourceOutcome).outcome;
  const questions = outcomes.filter((o) => o.outcome.kind === 'choose-layer');
  if (questions.length > 0) {
    const sharedWith = [...new Set(questions.flatMap((q) => (q.outcome.kind === 'choose-layer' ? q.outcome.sharedWith : [])))].sort();
    const labels = questions.map((q) => q.label).join(', ');
    return { kind: 'choose-layer', question: `Only a shared base sets the drifted fields of ${labels}. Write them for this environment only, or for every environment?`, sharedWith };
  }
  const plans = outcomes.flatMap((o) => (o.outcome.kind === 'plan' ? [{ label: o.label, plan: o.outcome.plan }] : []));
  const refusedWhole: PlanRefusal[] = outcomes.flatMap((o) => (o.outcome.kind === 'refused' ? [{ path: o.label, reason: o.outcome.reason }] : []));
  const merged = mergeEditPlans(plans, `Codify live changes: ${plans.length} resources${environment ? ` (${environment})` : ''}`);
  if (!merged) return { kind: 'refused', reason: refusedWhole.map((r) => `${r.path}: ${r.reason}`).join('\n') };
  const postponed = merged.postponed.map((label) => ({ path: label, reason: 'its edits meet another resource\'s: commit it after this change' }));
  return { kind: 'plan', plan: { ...merged.plan, refused: [...merged.plan.refused, ...postponed, ...refusedWhole] } };
}
