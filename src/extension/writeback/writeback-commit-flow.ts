// The write-back flow once its target and intent are known: ask the server for a plan (and the layer, when a
// shared base is the only place that sets the field), preview the planned diff, apply it as an undoable
// WorkspaceEdit and save, then commit on a branch, push and open a pull request per the settings. Decisions
// live in writeback-flow-model.ts; this maps them onto the VS Code API. One write-back runs at a time.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SETTINGS_SECTION } from '../../protocol/settings.js';
import {
  writeBackCommitRequest,
  writeBackPlanRequest,
  writeBackPreflightRequest,
  type WriteBackPlanParams,
  type WriteBackPlanResult,
} from '../../protocol/writeback-messages.js';
import type { DriftStore } from '../drift/drift-store.js';
import { confirmNoRevertedHotfix } from '../hotfix-guard-prompt.js';
import { openPullRequestFromHost } from './pull-request-opener.js';
import { pullRequestToOpen } from './pull-request-to-open.js';
import { applyPlanAndSave, editorDocumentStates } from './writeback-editor-edits.js';
import {
  APPLY_AND_COMMIT,
  APPLY_ONLY,
  confirmationOf,
  describeCommitted,
  describeRefusal,
  layerItemsOf,
  plannedAfterTexts,
  savedTextProblems,
  staleFileProblems,
} from './writeback-flow-model.js';
import { WriteBackPreview } from './writeback-preview.js';
import { showResultMessage as show, WRITEBACK_TITLE } from './writeback-result-message.js';
import { branchTemplateFromInspection, readWriteBackMode, WRITEBACK_SETTINGS } from './writeback-settings-model.js';

export class WriteBackCommitFlow implements vscode.Disposable {
  private readonly preview = new WriteBackPreview();
  private running = false;

  constructor(
    private readonly store: DriftStore,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  dispose(): void {
    this.preview.dispose();
  }

  /** One write-back at a time: a second command while one runs would plan against texts about to change. */
  async commitExclusively(client: LanguageClient, params: WriteBackPlanParams, title: string): Promise<void> {
    if (this.running) {
      void vscode.window.showInformationMessage(`${WRITEBACK_TITLE}: a change is being committed; wait until it is done.`);
      return;
    }
    this.running = true;
    try {
      await this.planAndCommit(client, params, title);
    } catch (error) {
      void vscode.window.showErrorMessage(`${WRITEBACK_TITLE}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }

  private async planAndCommit(client: LanguageClient, params: WriteBackPlanParams, title: string): Promise<void> {
    let result = await this.plan(client, params, title);
    if (result.outcome.kind === 'choose-layer') {
      const environment = this.store.environment(params.environmentId)?.name ?? '';
      const picked = await vscode.window.showQuickPick(layerItemsOf(result.outcome, environment), { title, placeHolder: result.outcome.question, ignoreFocusOut: true });
      if (!picked) return;
      result = await this.plan(client, { ...params, layer: picked.layer }, title);
    }
    const outcome = result.outcome;
    if (outcome.kind === 'refused') return show(describeRefusal({ kind: 'refused', reason: 'plan', message: outcome.reason }, 'plan'));
    if (outcome.kind === 'choose-layer') return show({ severity: 'error', message: 'Not committed: the layer was asked again after it was chosen.', links: [] });
    const plan = outcome.plan;
    if (plan.files.length === 0) return show({ severity: 'info', message: `Nothing to write: ${plan.refused.map((r) => `${r.path}: ${r.reason}`).join('; ') || 'Git already says so.'}`, links: [] });

    const stale = staleFileProblems(result.files, plan, await editorDocumentStates(result));
    if (stale.length > 0) return show({ severity: 'warning', message: `Not applied: ${stale.join(' ')}`, links: [] });

    // Merging would make the agent apply Git again: a live change a person made that Git does not have would go.
    const guard = await confirmNoRevertedHotfix(client, { environmentId: params.environmentId, plan, ...(params.resourceId ? { resourceIds: [params.resourceId] } : {}) });
    if (guard.answer === 'cancel') return;
    const first = guard.warnings[0];
    if (guard.answer === 'commit-live-first' && first) return this.planAndCommit(client, { environmentId: params.environmentId, resourceId: first.resourceId }, 'Commit Live Change to Git');

    const folder = vscode.Uri.parse(result.folderUri);
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, folder);
    const mode = readWriteBackMode(config.get(WRITEBACK_SETTINGS.mode));
    const previewUris = await this.preview.show(plan, result.files);
    const files = plan.files.map((f) => f.path);
    const branchTemplate = branchTemplateFromInspection(config.inspect(WRITEBACK_SETTINGS.branchTemplate));
    const preflight = await client.sendRequest(writeBackPreflightRequest, { folderUri: result.folderUri, files, branchTemplate, subject: result.subject, mode });
    const confirmation = confirmationOf(plan, mode, preflight.kind === 'ok' ? preflight : undefined);
    const canCommit = preflight.kind === 'ok';
    const detail = canCommit ? confirmation.detail : `${confirmation.detail}\n\nGit cannot commit it now: ${preflight.message}`;
    const choice = await vscode.window.showInformationMessage(confirmation.message, { modal: true, detail }, ...(canCommit ? [APPLY_AND_COMMIT, APPLY_ONLY] : [APPLY_ONLY]));
    await this.closePreview(previewUris);
    if (!choice) return;

    // The editor may have changed while the modal was open.
    const staleNow = staleFileProblems(result.files, plan, await editorDocumentStates(result));
    if (staleNow.length > 0) return show({ severity: 'warning', message: `Not applied: ${staleNow.join(' ')}`, links: [] });
    const applied = await applyPlanAndSave(plan, result);
    if (applied === undefined) return show({ severity: 'error', message: 'Not applied: VS Code refused the edit (a file is read-only or was changed). Nothing was committed.', links: [] });
    if (choice === APPLY_ONLY) return show({ severity: 'info', message: `Applied and saved ${plan.files.map((f) => f.path).join(', ')}; not committed.`, links: [] });
    // A save participant (format on save, trim trailing whitespace…) may have changed more than the plan.
    const changedOnSave = savedTextProblems(plannedAfterTexts(plan, result.files), applied);
    if (changedOnSave.length > 0) return show({ severity: 'warning', message: `Not committed: ${changedOnSave.join(' ')} Turn it off for this file type, or review the file and commit it yourself; the edit stays applied (undo it with Undo).`, links: [] });

    if (preflight.kind !== 'ok') return;
    const pullRequest = mode === 'branch+push+pr' && preflight.remote ? await pullRequestToOpen({ store: this.store, secrets: this.secrets }, plan, params, result, preflight.remote.url) : undefined;
    const committed = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: mode === 'commit' ? 'Committing on a new branch…' : mode === 'branch+push' ? 'Committing and pushing…' : 'Committing, pushing and opening a pull request…' },
      () =>
        client.sendRequest(writeBackCommitRequest, { folderUri: result.folderUri, files, message: plan.commitMessage, branch: preflight.newBranch, mode }).then(async (answer) => {
          if (answer.kind !== 'committed' || !pullRequest || !answer.pushed || !answer.remote) return { committed: answer, report: {} };
          return { committed: answer, report: await openPullRequestFromHost(answer.remote.url, answer.baseBranch, answer.branch, pullRequest) };
        }),
    );
    if (committed.committed.kind === 'refused') return show(describeRefusal(committed.committed, 'commit'));
    return show(describeCommitted(committed.committed, mode, committed.report));
  }

  private plan(client: LanguageClient, params: WriteBackPlanParams, title: string): Thenable<WriteBackPlanResult> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `${title}: planning the change…` }, () => client.sendRequest(writeBackPlanRequest, params));
  }

  private async closePreview(uris: readonly vscode.Uri[]): Promise<void> {
    const shown = new Set(uris.map((u) => u.toString()));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && shown.has(t.input.modified.toString()));
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    this.preview.forget(uris);
  }
}
