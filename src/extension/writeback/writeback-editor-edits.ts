// Write-back's edits in the editor: the planned files as the editor holds them, and the plan applied as one
// undoable WorkspaceEdit with every touched document saved (Git commits what is on disk).
import * as vscode from 'vscode';
import type { EditPlan } from '../../core/edit/edit-plan.js';
import type { WriteBackPlanResult } from '../../protocol/writeback-messages.js';
import { SAVE_PARTICIPANT_SETTINGS, type EditorDocumentState } from './writeback-flow-model.js';

/** What a saved document holds, and which save participants (format on save…) were on for it. */
export interface SavedDocument {
  readonly text: string;
  readonly settingsOn: string[];
}

/** The planned files as the editor holds them now (undefined: not there). */
export async function editorDocumentStates(result: WriteBackPlanResult): Promise<Map<string, EditorDocumentState | undefined>> {
  const states = new Map<string, EditorDocumentState | undefined>();
  for (const file of result.files) {
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(file.uri));
      states.set(file.uri, { text: document.getText(), isDirty: document.isDirty });
    } catch {
      states.set(file.uri, undefined);
    }
  }
  return states;
}

/** One undoable WorkspaceEdit, then every touched document saved; the saved texts by path, undefined when VS Code refused. */
export async function applyPlanAndSave(plan: EditPlan, result: WriteBackPlanResult): Promise<Map<string, SavedDocument> | undefined> {
  const edit = new vscode.WorkspaceEdit();
  const uris: { path: string; uri: vscode.Uri }[] = [];
  for (const file of plan.files) {
    const uri = vscode.Uri.parse(result.files.find((f) => f.path === file.path)?.uri ?? '');
    uris.push({ path: file.path, uri });
    if (file.create) {
      edit.createFile(uri, { ignoreIfExists: false });
      edit.insert(uri, new vscode.Position(0, 0), file.edits.map((e) => e.newText).join(''));
      continue;
    }
    for (const e of file.edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) return undefined;
  const saved = new Map<string, SavedDocument>();
  for (const { path, uri } of uris) {
    const document = await vscode.workspace.openTextDocument(uri);
    if (!(await document.save())) return undefined;
    const config = vscode.workspace.getConfiguration(undefined, document);
    saved.set(path, { text: document.getText(), settingsOn: SAVE_PARTICIPANT_SETTINGS.filter((name) => config.get<boolean>(name) === true) });
  }
  return saved;
}
