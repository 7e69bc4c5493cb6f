// Add Ignore Rule on a drifted field: the server plans the rule in the repository's dialect (`planIgnoreRule`);
// the extension shows the planned diff (the file as it is ↔ as it would be, read-only documents on the scheme
// `gitops-authoring-plan`, served only while the question is open), asks, and applies the plan as a
// WorkspaceEdit. Undoable; not saved or committed: that stays the user's.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { applyFileEdits } from '../core/writeback/apply-file-edits.js';
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
    const plan = result.outcome.plan;
    if (!(await confirmPlannedDiff(result.folderUri, plan))) return;
    const applied = await vscode.workspace.applyEdit(toWorkspaceEdit(result.folderUri, plan));
    if (applied) void vscode.window.showInformationMessage(`GitOps Authoring: ${plan.summary.join('; ')}. Save and commit the file to make it the repository's rule.`);
    else void vscode.window.showWarningMessage('GitOps Authoring: the ignore rule could not be applied (the file changed?). Try again.');
  } catch (error) {
    void vscode.window.showErrorMessage(`GitOps Authoring: Add Ignore Rule failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const PLAN_SCHEME = 'gitops-authoring-plan';

/** Shows each planned file before ↔ after in a diff editor, then asks; true when the user chose Apply. */
async function confirmPlannedDiff(folderUri: string, plan: EditPlan): Promise<boolean> {
  const texts = new Map<string, string>();
  const provider = vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, { provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '' });
  try {
    for (const file of plan.files) {
      const uri = fileUriOf(folderUri, file.path);
      const before = file.create ? '' : (await vscode.workspace.openTextDocument(uri)).getText();
      const side = (name: string, text: string) => {
        const sideUri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: uri.path, query: name });
        texts.set(sideUri.toString(), text);
        return sideUri;
      };
      const left = file.create ? side('before', '') : uri;
      const applied = applyFileEdits(file, file.create ? undefined : before);
      if ('problem' in applied) throw new Error(applied.problem);
      const right = side('after', applied.text);
      await vscode.commands.executeCommand('vscode.diff', left, right, `${file.path.split('/').pop() ?? file.path} ↔ with the ignore rule`, { preview: true });
    }
    const answer = await vscode.window.showInformationMessage(`Add this ignore rule to ${plan.files.map((f) => f.path).join(', ')}?`, { modal: true, detail: plan.summary.join('\n') }, 'Apply');
    return answer === 'Apply';
  } finally {
    provider.dispose();
  }
}

function fileUriOf(folderUri: string, path: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.parse(folderUri), ...path.split('/'));
}

/** The plan as one undoable WorkspaceEdit (a file the plan creates first, then its text). */
function toWorkspaceEdit(folderUri: string, plan: EditPlan): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const file of plan.files) {
    const uri = fileUriOf(folderUri, file.path);
    if (file.create) edit.createFile(uri, { ignoreIfExists: false });
    for (const e of file.edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
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
