import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** Applies the edits a WorkspaceEdit makes to one document, as an editor would. */
export function applyWorkspaceEdit(edit: WorkspaceEdit, uri: string, text: string): string {
  const edits: TextEdit[] = edit.changes?.[uri] ?? [];
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 1, text), edits);
}
