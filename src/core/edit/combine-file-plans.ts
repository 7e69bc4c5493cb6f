// Several resources' plans in one commit: the edits of a file two plans touch are joined when they cannot
// interfere (every plan was made against the same text, so positions agree). Many repositories keep all of an
// app's objects in one multi-document file (microservices-demo's release manifests): a scale of one Deployment
// and an image change of another are edits in different documents of that file and go together.
import type { TextEdit } from '../findings/finding.js';
import type { FileEditPlan } from './edit-plan.js';

/** `accepted` with `next`'s files added, or undefined when an edit of `next` could interfere with one accepted. */
export function combineFilePlans(accepted: readonly FileEditPlan[], next: readonly FileEditPlan[]): FileEditPlan[] | undefined {
  const out = new Map(accepted.map((f) => [f.path, f]));
  for (const file of next) {
    const there = out.get(file.path);
    if (!there) {
      out.set(file.path, file);
      continue;
    }
    if (there.create || file.create) return undefined;
    if (file.edits.some((e) => there.edits.some((a) => interfere(a, e)))) return undefined;
    out.set(file.path, { path: file.path, edits: [...there.edits, ...file.edits] });
  }
  return [...out.values()];
}

/** Overlapping ranges, or two edits at one point (their order would be a guess). */
function interfere(a: TextEdit, b: TextEdit): boolean {
  const [as, ae, bs, be] = [a.range.start, a.range.end, b.range.start, b.range.end].map((p) => p.line * 1e9 + p.character) as [number, number, number, number];
  if (as === bs || ae === be) return true;
  return as < be && bs < ae;
}
