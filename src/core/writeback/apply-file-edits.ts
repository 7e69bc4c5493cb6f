// A planned file's new text: its edits applied to the text it was planned from, last to first, in the file's
// own line ends (an edit written with `\n` lands as `\r\n` in a CRLF file).
import type { TextEdit } from '../findings/finding.js';
import { LineIndex } from '../text/line-index.js';
import type { FileEditPlan } from '../edit/edit-plan.js';

export type AppliedText = { readonly text: string } | { readonly problem: string };

/** The text after `file`'s edits; `original` is undefined for a file the plan creates. */
export function applyFileEdits(file: FileEditPlan, original: string | undefined): AppliedText {
  if (file.create) {
    if (original !== undefined) return { problem: `${file.path} already exists; the plan meant to create it` };
    const only = file.edits[0];
    if (file.edits.length !== 1 || !only) return { problem: `${file.path}: a created file must hold exactly one edit` };
    return { text: only.newText };
  }
  if (original === undefined) return { problem: `${file.path} does not exist` };
  const lines = new LineIndex(original);
  const spans = file.edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: inLineEndsOf(original, edit) }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) {
    if ((spans[i] as { start: number }).start < (spans[i - 1] as { end: number }).end) return { problem: `${file.path}: the planned edits overlap` };
  }
  let text = original;
  for (const span of [...spans].reverse()) text = text.slice(0, span.start) + span.newText + text.slice(span.end);
  return { text };
}

function inLineEndsOf(original: string, edit: TextEdit): string {
  if (!original.includes('\r\n')) return edit.newText;
  return edit.newText.replace(/\r?\n/g, '\r\n');
}
