// Applies planned text edits (LSP ranges, non-overlapping) to a text: how a plan's result is previewed and
// checked without touching a file.
import type { TextEdit } from '../findings/finding.js';
import { LineIndex } from '../text/line-index.js';

export function applyTextEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lines = new LineIndex(text);
  const ordered = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of ordered) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
