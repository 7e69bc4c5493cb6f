// "Commit all drift of an environment": one plan per drifted resource, merged into one change (one branch,
// one commit). A question from any resource is asked once; a resource that is refused is listed with its
// reason while the others still stand. Pure.
import type { EditPlan, FileEditPlan, PlanOutcome, PlanRefusal } from '../../core/edit/edit-plan.js';

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
  if (plans.length === 0) return { kind: 'refused', reason: refusedWhole.map((r) => `${r.path}: ${r.reason}`).join('\n') };
  const overlap = overlappingFile(plans.map((p) => p.plan));
  if (overlap) return { kind: 'refused', reason: `Two resources would edit the same lines of ${overlap}: commit them one at a time.` };
  return { kind: 'plan', plan: mergePlans(plans, refusedWhole, environment) };
}

function mergePlans(plans: readonly { label: string; plan: EditPlan }[], refusedWhole: readonly PlanRefusal[], environment: string): EditPlan {
  const files = new Map<string, FileEditPlan>();
  for (const { plan } of plans) {
    for (const file of plan.files) {
      const known = files.get(file.path);
      files.set(file.path, known ? { ...known, edits: [...known.edits, ...file.edits] } : file);
    }
  }
  const firstLines = plans.map((p) => p.plan.commitMessage.split('\n')[0] ?? '');
  const title = plans.length === 1 ? (plans[0] as { plan: EditPlan }).plan.commitMessage : `Codify live changes: ${plans.length} resources${environment ? ` (${environment})` : ''}\n\n${firstLines.map((l) => `- ${l}`).join('\n')}`;
  return {
    files: [...files.values()],
    fields: plans.flatMap((p) => p.plan.fields),
    summary: plans.flatMap((p) => p.plan.summary.map((line) => `${p.label}: ${line}`)),
    commitMessage: title,
    refused: [...plans.flatMap((p) => p.plan.refused.map((r) => ({ path: `${p.label} ${r.path}`, reason: r.reason }))), ...refusedWhole],
  };
}

/** The first file that two plans edit on overlapping ranges (or that both create), if any. */
function overlappingFile(plans: readonly EditPlan[]): string | undefined {
  const seen = new Map<string, { create: boolean; ranges: { start: number; end: number }[] }>();
  for (const plan of plans) {
    for (const file of plan.files) {
      const known = seen.get(file.path);
      const ranges = file.edits.map((e) => ({ start: e.range.start.line, end: e.range.end.line }));
      if (known && (known.create || file.create === true || ranges.some((r) => known.ranges.some((k) => r.start <= k.end && k.start <= r.end)))) return file.path;
      seen.set(file.path, { create: (known?.create ?? false) || file.create === true, ranges: [...(known?.ranges ?? []), ...ranges] });
    }
  }
  return undefined;
}
