// Several resources' plans as one commit (the CLI's "every drifted resource"). Each plan was made against
// the same texts, so edits to one file combine when they do not touch the same span (nor insert at the same
// point); a plan that would collide with one already taken, or create a file another writes, waits.
import type { TextEdit } from '../findings/finding.js';
import type { EditPlan, FileEditPlan } from '../edit/edit-plan.js';
import type { Position } from '../text/range.js';

export interface LabeledPlan {
  /** `Deployment shop/api`: prefixes summary lines and refusals. */
  readonly label: string;
  readonly plan: EditPlan;
}

export interface MergedPlans {
  readonly plan: EditPlan;
  /** The plans in `plan`, in order. */
  readonly kept: readonly LabeledPlan[];
  /** Labels of plans left out because they collide with a kept one (plan them again after this one). */
  readonly postponed: readonly string[];
}

/** Undefined when `plans` is empty. One plan comes back as it is. */
export function mergeEditPlans(plans: readonly LabeledPlan[], title: string): MergedPlans | undefined {
  const files = new Map<string, FileEditPlan>();
  const kept: LabeledPlan[] = [];
  const postponed: string[] = [];
  for (const p of plans) {
    if (p.plan.files.some((f) => collides(files.get(f.path), f))) {
      postponed.push(p.label);
      continue;
    }
    for (const f of p.plan.files) {
      const taken = files.get(f.path);
      files.set(f.path, taken ? { ...taken, edits: [...taken.edits, ...f.edits] } : f);
    }
    kept.push(p);
  }
  const first = kept[0];
  if (!first) return undefined;
  if (kept.length === 1) return { plan: first.plan, kept, postponed };
  const plan: EditPlan = {
    files: [...files.values()],
    fields: kept.flatMap((p) => p.plan.fields),
    summary: kept.flatMap((p) => p.plan.summary.map((line) => `${p.label}: ${line}`)),
    commitMessage: [
      title, '',
      ...kept.map((p) => `- ${p.plan.commitMessage.split('\n')[0] ?? ''}`),
      ...(postponed.length > 0 ? ['', `Left for another run (their edits meet these): ${postponed.join(', ')}`] : []),
    ].join('\n'),
    refused: kept.flatMap((p) => p.plan.refused.map((r) => ({ ...r, path: `${p.label} ${r.path}` }))),
  };
  return { plan, kept, postponed };
}

function collides(taken: FileEditPlan | undefined, next: FileEditPlan): boolean {
  if (!taken) return false;
  if (taken.create || next.create) return true;
  return next.edits.some((a) => taken.edits.some((b) => overlaps(a, b)));
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const aEmpty = compare(a.range.start, a.range.end) === 0;
  const bEmpty = compare(b.range.start, b.range.end) === 0;
  if (aEmpty && bEmpty) return compare(a.range.start, b.range.start) === 0;
  return compare(a.range.start, b.range.end) < 0 && compare(b.range.start, a.range.end) < 0;
}

function compare(x: Position, y: Position): number {
  return x.line - y.line || x.character - y.character;
}
