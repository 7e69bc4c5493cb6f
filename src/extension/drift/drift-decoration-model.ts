// What the editor shows on drifted lines of one document: the decoration after-texts and, when opted in, the
// CodeLens titles. Pure (no `vscode` import); computed from the store's index by URI, never from a scan of
// every resource, so a 10,000-line file among 10,000 live objects costs only its own findings.
//
// Exports:
// - `DriftEditorSettings`: the `gitopsAuthoring.drift.decorations` / `.codeLens` settings.
// - `DriftLineDecoration`, `computeLineDecorations(findings, options)`: one decoration per drifted line
//   (field source line; Missing/Orphan: the resource's first line), none when decorations are off. An Unknown
//   resource gets an after-text on its first line (`Unknown: <reason>`) without the drift marks: the editor
//   says when it cannot tell rather than keep a stale answer.
// - `DriftCodeLens`, `computeCodeLenses(findings, options)`: `Drift: replicas 3 → 5 (kubectl scale)` above
//   each drifted line (not for Unknown), none unless CodeLens is on.
// - `driftCommandArgument(finding)`: the `{ environmentId, resourceId, pointer? }` every drift command takes.
import { type DriftLineFinding, isDriftedStatus } from './drift-store.js';
import type { DriftStatus } from '../../core/drift/drift-types.js';
import { formatAfterText, formatCodeLensTitle } from './drift-format.js';

export interface DriftEditorSettings {
  /** `gitopsAuthoring.drift.decorations` (default true): off removes every decoration. */
  readonly decorations: boolean;
  /** `gitopsAuthoring.drift.codeLens` (default false). */
  readonly codeLens: boolean;
}

export interface DriftLineDecoration {
  /** 0-based line. */
  readonly line: number;
  /** Text after the line's end, starting with a space. */
  readonly afterText: string;
  /** Status of the line's first finding (Drifted, Missing, Orphan, or Unknown when nothing else is on the line). */
  readonly status: DriftStatus;
  /** A drifted line (gutter and overview-ruler marks); false for a line that only says Unknown. */
  readonly isDrifted: boolean;
  readonly findings: number;
}

export interface DriftCodeLens {
  readonly line: number;
  readonly title: string;
  readonly argument: DriftCommandArgument;
}

export interface DriftCommandArgument {
  readonly environmentId: string;
  readonly resourceId: string;
  readonly pointer?: string;
}

export interface DriftEditorModelOptions {
  readonly settings: DriftEditorSettings;
  readonly now: number;
  /** Name shown for an environment when several share a line. */
  readonly environmentName: (environmentId: string) => string;
  /** Lines of the document: findings beyond it (a stale source while typing) are left out. */
  readonly lineCount?: number;
}

export function driftCommandArgument(finding: DriftLineFinding): DriftCommandArgument {
  return finding.field
    ? { environmentId: finding.environmentId, resourceId: finding.resource.id, pointer: finding.field.pointer }
    : { environmentId: finding.environmentId, resourceId: finding.resource.id };
}

/** Findings sorted by line (as `DriftStore.findingsIn` returns them), one decoration per line. */
export function computeLineDecorations(findings: readonly DriftLineFinding[], options: DriftEditorModelOptions): DriftLineDecoration[] {
  if (!options.settings.decorations) return [];
  const out: DriftLineDecoration[] = [];
  forEachLine(findings, options.lineCount, (line, all) => {
    const onLine = driftedFirst(all);
    const first = onLine[0] as DriftLineFinding;
    let text = formatAfterText(first.resource, first.field, options.now);
    const more = onLine.length - 1;
    if (more > 0) {
      const isShared = onLine.some((f) => f.environmentId !== first.environmentId);
      text += isShared ? ` · ${options.environmentName(first.environmentId)} (+${more} more)` : ` (+${more} more)`;
    }
    out.push({ line, afterText: text, status: first.resource.status, isDrifted: isDriftedStatus(first.resource.status), findings: onLine.length });
  });
  return out;
}

/** One CodeLens per drifted line, when opted in (decorations off does not hide them: they are their own setting). */
export function computeCodeLenses(findings: readonly DriftLineFinding[], options: DriftEditorModelOptions): DriftCodeLens[] {
  if (!options.settings.codeLens) return [];
  const out: DriftCodeLens[] = [];
  forEachLine(findings, options.lineCount, (line, all) => {
    const onLine = all.filter((f) => isDriftedStatus(f.resource.status));
    const first = onLine[0];
    if (!first) return;
    const more = onLine.length - 1;
    const title = formatCodeLensTitle(first.resource, first.field) + (more > 0 ? ` (+${more} more)` : '');
    out.push({ line, title, argument: driftCommandArgument(first) });
  });
  return out;
}

/** Drift before Unknown on a shared line (another environment's unreachable cluster must not hide it). */
function driftedFirst(onLine: readonly DriftLineFinding[]): readonly DriftLineFinding[] {
  return onLine.every((f) => isDriftedStatus(f.resource.status)) ? onLine : [...onLine].sort((a, b) => Number(isDriftedStatus(b.resource.status)) - Number(isDriftedStatus(a.resource.status)));
}

function forEachLine(findings: readonly DriftLineFinding[], lineCount: number | undefined, visit: (line: number, onLine: readonly DriftLineFinding[]) => void): void {
  let i = 0;
  while (i < findings.length) {
    const line = (findings[i] as DriftLineFinding).line;
    let j = i + 1;
    while (j < findings.length && (findings[j] as DriftLineFinding).line === line) j++;
    if (line >= 0 && (lineCount === undefined || line < lineCount)) visit(line, findings.slice(i, j));
    i = j;
  }
}
