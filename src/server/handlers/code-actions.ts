// Quick fixes: every fix a rule planned, and "suppress this rule here" as an annotation on the object or a
// comment above the line. All are WorkspaceEdits built from core's text edits.
import { CodeActionKind, type CodeAction, type CodeActionParams, type TextEdit as LspTextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { Finding, TextEdit } from '../../core/findings/finding.js';
import { planSuppressionFixes } from '../../core/lint/suppression-fixes.js';
import { isBefore, type Range } from '../../core/text/range.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import { resourceAtPosition } from '../../core/workspace/resource-at-position.js';
import type { Diagnostic } from 'vscode-languageserver';

export interface CodeActionInput {
  readonly params: CodeActionParams;
  readonly path: string;
  readonly text: string;
  readonly index: WorkspaceIndex;
  /** Findings last published for the document. */
  readonly findings: readonly Finding[];
  readonly uriOf: (path: string) => string;
  readonly toDiagnostic: (finding: Finding) => Diagnostic;
}

export function provideCodeActions(input: CodeActionInput): CodeAction[] {
  const { params } = input;
  const only = params.context.only;
  if (only && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty)) return [];
  const actions: CodeAction[] = [];
  const suppressions: CodeAction[] = [];
  for (const finding of input.findings) {
    if (!overlaps(finding.range, params.range)) continue;
    const diagnostics = [input.toDiagnostic(finding)];
    (finding.fixes ?? []).forEach((fix, i) => {
      if (fix.edits.length === 0) return;
      actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, isPreferred: i === 0, edit: toWorkspaceEdit(fix.edits, input.uriOf) });
    });
    const resource = resourceAtPosition(input.index, input.path, finding.range.start);
    for (const fix of planSuppressionFixes(finding, input.text, resource)) {
      suppressions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics, edit: toWorkspaceEdit(fix.edits, input.uriOf) });
    }
  }
  return [...actions, ...suppressions];
}

export function toWorkspaceEdit(edits: readonly TextEdit[], uriOf: (path: string) => string): WorkspaceEdit {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) (changes[uriOf(edit.path)] ??= []).push({ range: edit.range, newText: edit.newText });
  return { changes };
}

function overlaps(a: Range, b: Range): boolean {
  return !isBefore(a.end, b.start) && !isBefore(b.end, a.start);
}
