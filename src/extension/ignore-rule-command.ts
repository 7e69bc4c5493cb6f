// Add Ignore Rule on a drifted field: the server plans the rule in the repository's dialect (`planIgnoreRule`),
// and the extension applies the plan as a WorkspaceEdit that VS Code previews first (the refactor preview shows
// the planned diff; nothing changes until it is applied). Undoable; not committed: the user saves and commits.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { EditPlan } from '../core/edit/edit-plan.js';
import { planIgnoreRuleRequest } from '../protocol/drift-edit-messages.js';
import type { DriftStore } from './drift/drift-store.js';
import { formatManager, formatValue } from './drift/drift-format.js';
import { toDriftTarget, type DriftTarget } from './drift-target.js';

export async function addIgnoreRule(client: LanguageClient, store: DriftStore, arg: unknown): Promise<void> {
  const target = await pickField(store, toDriftTarget(arg));
  if (!target?.resourceId || !target.pointer) return;
  const env = store.environment(target.environmentId);
  const field = store.resource(target.environmentId, target.resourceId)?.fields.find((f) => f.pointer === target.pointer);
  if (!env || !field) {
    void vscode.window.showWarningMessage('GitOps Authoring: that field no longer drifts.');
    return;
  }
  let byManager = false;
  if (env.unit?.kind === 'Application' && field.attribution) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: `Ignore ${field.path}`, description: 'jsonPointers / jqPathExpressions', byManager: false },
        { label: `Ignore what ${formatManager(field.attribution)} owns on this object`, description: 'managedFieldsManagers', byManager: true },
      ],
      { placeHolder: 'Which Argo CD ignore rule?' },
    );
    if (!choice) return;
    byManager = choice.byManager;
  }
  try {
    const result = await client.sendRequest(planIgnoreRuleRequest, { environmentId: target.environmentId, resourceId: target.resourceId, pointer: target.pointer, ...(byManager ? { byManager } : {}) });
    if (result.outcome.kind !== 'plan') {
      void vscode.window.showWarningMessage(`GitOps Authoring: no ignore rule written: ${result.outcome.kind === 'refused' ? result.outcome.reason : 'nothing to do'}`);
      return;
    }
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(result.folderUri, result.outcome.plan), { isRefactoring: true });
    if (applied) void vscode.window.showInformationMessage(`GitOps Authoring: ${result.outcome.plan.summary.join('; ')}. Save and commit the file to make it the repository's rule.`);
  } catch (error) {
    void vscode.window.showErrorMessage(`GitOps Authoring: Add Ignore Rule failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Every edit needs confirmation: VS Code shows the planned diff in its refactor preview before anything changes. */
function toWorkspaceEdit(folderUri: string, plan: EditPlan): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { needsConfirmation: true, label: 'Add ignore rule', description: plan.summary.join('; ') };
  for (const file of plan.files) {
    const uri = vscode.Uri.joinPath(vscode.Uri.parse(folderUri), ...file.path.split('/'));
    if (file.create) edit.createFile(uri, { ignoreIfExists: false }, metadata);
    for (const e of file.edits) {
      const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
      edit.replace(uri, range, e.newText, metadata);
    }
  }
  return edit;
}

/** The field a command acts on: its argument, else a pick among the drifted fields. */
async function pickField(store: DriftStore, given: DriftTarget | undefined): Promise<DriftTarget | undefined> {
  if (given?.pointer) return given;
  const items = store
    .environments()
    .filter((e) => !given || e.id === given.environmentId)
    .flatMap((e) =>
      store
        .resources(e.id)
        .filter((r) => !given?.resourceId || r.id === given.resourceId)
        .flatMap((r) => r.fields.map((f) => ({ label: `${r.label} ${f.path}`, description: `${formatValue(f.gitValue)} → ${formatValue(f.liveValue)}`, detail: f.actionReason, target: { environmentId: e.id, resourceId: r.id, pointer: f.pointer } }))),
    );
  if (items.length === 0) {
    void vscode.window.showInformationMessage('GitOps Authoring: no drifted field to ignore.');
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: 'Add an ignore rule for which drifted field?', matchOnDescription: true }))?.target;
}
