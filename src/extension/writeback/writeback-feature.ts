// "Commit Live Change to Git" and Scale / Set Image / Edit Field via Git, in VS Code: resolve the target, ask
// the server for a plan (and the layer, when a shared base is the only place that sets the field), preview
// the planned diff, apply it as an undoable WorkspaceEdit and save, then commit on a branch, push and open a
// pull request per the settings. Decisions live in the pure *-model.ts files next to this one; this file
// maps them onto the VS Code API. The server does every Git step; the pull request is opened here, in the
// extension host, with the token VS Code gave: no token ever goes to the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parse } from 'yaml';
import type { EditPlan } from '../../core/edit/edit-plan.js';
import { pullRequestTextOf } from '../../core/writeback/pull-request-text.js';
import { driftDocumentsRequest } from '../../protocol/drift-messages.js';
import { SETTINGS_SECTION } from '../../protocol/settings.js';
import {
  writeBackCommitRequest,
  writeBackPlanRequest,
  writeBackPreflightRequest,
  type WriteBackPlanParams,
  type WriteBackPlanResult,
} from '../../protocol/writeback-messages.js';
import type { DriftStore } from '../drift/drift-store.js';
import { findingsOnLine } from '../drift/drift-hover-model.js';
import { toDriftTarget, type DriftTarget } from '../drift-target.js';
import { confirmNoRevertedHotfix } from '../hotfix-guard-prompt.js';
import {
  APPLY_AND_COMMIT,
  APPLY_ONLY,
  codifyParamsOf,
  confirmationOf,
  describeCommitted,
  describeRefusal,
  intentParamsOf,
  layerItemsOf,
  plannedAfterTexts,
  pullRequestContextOf,
  SAVE_PARTICIPANT_SETTINGS,
  savedTextProblems,
  staleFileProblems,
  type EditorDocumentState,
  type ResultMessage,
} from './writeback-flow-model.js';
import {
  editFieldIntent,
  formatFieldValue,
  imageTargetsOf,
  parseFieldValue,
  replicasOf,
  SCALABLE_KINDS,
  scaleIntent,
  setImageIntent,
  validateFieldPath,
  validateImage,
  validateReplicas,
} from './writeback-intent-model.js';
import { WriteBackPreview } from './writeback-preview.js';
import { openPullRequestFromHost, type PullRequestToOpen } from './pull-request-opener.js';
import { apiUrlFromInspection, branchTemplateFromInspection, GITLAB_TOKEN_SECRET_KEY, pullRequestHostOf, readWriteBackMode, WRITEBACK_SETTINGS } from './writeback-settings-model.js';
import { targetPickItems, targetsAtLine, type EnvironmentResources } from './writeback-target-model.js';

type ResourceTarget = DriftTarget & { readonly resourceId: string };

const TITLE = 'GitOps Authoring';

export class WriteBackFeature implements vscode.Disposable {
  private readonly preview = new WriteBackPreview();
  private running = false;

  constructor(
    private readonly store: DriftStore,
    private readonly secrets: vscode.SecretStorage,
  ) {}

  dispose(): void {
    this.preview.dispose();
  }

  // ---- commands (the command table routes here) -------------------------------------------------------

  async commitLiveChange(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.resolveTarget(arg, { withAllDrift: true, accept: (r) => r.status === 'Drifted', placeHolder: 'Commit which live change to Git?' });
    if (!target) return;
    const resource = target.resourceId ? this.store.resource(target.environmentId, target.resourceId) : undefined;
    const field = target.pointer ? resource?.fields.find((f) => f.pointer === target.pointer) : undefined;
    if (target.pointer && !field) {
      void vscode.window.showInformationMessage(`${TITLE}: that field has not drifted any more: nothing to commit.`);
      return;
    }
    await this.runExclusive(() => this.planAndCommit(client, codifyParamsOf(target, field?.path), 'Commit Live Change to Git'));
  }

  async scaleViaGit(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.resolveResourceTarget(arg, (kind) => SCALABLE_KINDS.includes(kind), 'Scale which workload via Git?');
    if (!target) return;
    const object = await this.gitObject(client, target);
    const current = replicasOf(object);
    const replicas = await vscode.window.showInputBox({
      title: 'Scale via Git',
      prompt: `Replicas to write in Git for ${this.labelOf(target)}${current !== undefined ? ` (Git says ${current})` : ''}`,
      value: current !== undefined ? String(current) : '',
      validateInput: validateReplicas,
    });
    if (replicas === undefined) return;
    await this.runExclusive(() => this.planAndCommit(client, intentParamsOf(target, scaleIntent(replicas)), 'Scale via Git'));
  }

  async setImageViaGit(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.resolveResourceTarget(arg, (kind) => kind !== 'Service' && kind !== 'ConfigMap' && kind !== 'Secret', 'Set the image of which workload via Git?');
    if (!target) return;
    const resource = this.store.resource(target.environmentId, target.resourceId);
    const containers = imageTargetsOf(resource?.key.kind ?? '', await this.gitObject(client, target));
    if (containers.length === 0) {
      void vscode.window.showWarningMessage(`${TITLE}: ${this.labelOf(target)} has no containers in Git whose image could be set.`);
      return;
    }
    const container = containers.length === 1
      ? containers[0]
      : (await vscode.window.showQuickPick(containers.map((c) => ({ label: c.label, description: c.image, container: c })), { title: 'Set Image via Git', placeHolder: 'Which container?' }))?.container;
    if (!container) return;
    const image = await vscode.window.showInputBox({
      title: 'Set Image via Git',
      prompt: `Image of container ${container.label} in ${this.labelOf(target)}`,
      value: container.image ?? '',
      validateInput: validateImage,
    });
    if (image === undefined) return;
    await this.runExclusive(() => this.planAndCommit(client, intentParamsOf(target, setImageIntent(container, image)), 'Set Image via Git'));
  }

  async editFieldViaGit(client: LanguageClient, arg: unknown): Promise<void> {
    const target = await this.resolveResourceTarget(arg, () => true, 'Edit a field of which resource via Git?');
    if (!target) return;
    const field = target.pointer ? this.store.resource(target.environmentId, target.resourceId)?.fields.find((f) => f.pointer === target.pointer) : undefined;
    const path = await vscode.window.showInputBox({
      title: 'Edit Field via Git',
      prompt: `Field of ${this.labelOf(target)}`,
      value: field?.path ?? '.spec.',
      placeHolder: '.spec.template.spec.containers[name="app"].resources.limits.memory',
      validateInput: validateFieldPath,
    });
    if (path === undefined) return;
    const text = await vscode.window.showInputBox({
      title: 'Edit Field via Git',
      prompt: `New value of ${path.trim()} (JSON, or plain text for a string)`,
      value: field ? formatFieldValue(field.gitValue) : '',
      validateInput: (t) => {
        const parsed = parseFieldValue(t);
        return 'problem' in parsed ? parsed.problem : undefined;
      },
    });
    if (text === undefined) return;
    const parsed = parseFieldValue(text);
    if ('problem' in parsed) return;
    await this.runExclusive(() => this.planAndCommit(client, intentParamsOf(target, editFieldIntent(path, parsed.value)), 'Edit Field via Git'));
  }

  async setGitLabToken(): Promise<void> {
    const token = await vscode.window.showInputBox({
      title: 'GitLab token for merge requests',
      prompt: 'A personal or project access token with the api scope. Kept in VS Code\'s secret storage; empty removes it.',
      password: true,
      ignoreFocusOut: true,
    });
    if (token === undefined) return;
    if (token.trim() === '') {
      await this.secrets.delete(GITLAB_TOKEN_SECRET_KEY);
      vscode.window.setStatusBarMessage('GitLab token removed', 3000);
    } else {
      await this.secrets.store(GITLAB_TOKEN_SECRET_KEY, token.trim());
      vscode.window.setStatusBarMessage('GitLab token stored', 3000);
    }
  }

  // ---- the flow -----------------------------------------------------------------------------------------

  /** One write-back at a time: a second command while one runs would plan against texts about to change. */
  private async runExclusive(run: () => Promise<void>): Promise<void> {
    if (this.running) {
      void vscode.window.showInformationMessage(`${TITLE}: a change is being committed; wait until it is done.`);
      return;
    }
    this.running = true;
    try {
      await run();
    } catch (error) {
      void vscode.window.showErrorMessage(`${TITLE}: ${error instanceof Error ? error.message : String(error)}`);
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

    const stale = staleFileProblems(result.files, plan, await this.documentStates(result));
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
    const staleNow = staleFileProblems(result.files, plan, await this.documentStates(result));
    if (staleNow.length > 0) return show({ severity: 'warning', message: `Not applied: ${staleNow.join(' ')}`, links: [] });
    const applied = await this.apply(plan, result);
    if (applied === undefined) return show({ severity: 'error', message: 'Not applied: VS Code refused the edit (a file is read-only or was changed). Nothing was committed.', links: [] });
    if (choice === APPLY_ONLY) return show({ severity: 'info', message: `Applied and saved ${plan.files.map((f) => f.path).join(', ')}; not committed.`, links: [] });
    // A save participant (format on save, trim trailing whitespace…) may have changed more than the plan.
    const changedOnSave = savedTextProblems(plannedAfterTexts(plan, result.files), applied);
    if (changedOnSave.length > 0) return show({ severity: 'warning', message: `Not committed: ${changedOnSave.join(' ')} Turn it off for this file type, or review the file and commit it yourself; the edit stays applied (undo it with Undo).`, links: [] });

    if (preflight.kind !== 'ok') return;
    const pullRequest = mode === 'branch+push+pr' && preflight.remote ? await this.pullRequestOf(plan, params, result, preflight.remote.url) : undefined;
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

  /** The planned files as the editor holds them now (undefined: not there). */
  private async documentStates(result: WriteBackPlanResult): Promise<Map<string, EditorDocumentState | undefined>> {
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

  /** One undoable WorkspaceEdit, then every touched document saved (Git commits what is on disk); the saved texts by path, undefined when VS Code refused. */
  private async apply(plan: EditPlan, result: WriteBackPlanResult): Promise<Map<string, { text: string; settingsOn: string[] }> | undefined> {
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
    const saved = new Map<string, { text: string; settingsOn: string[] }>();
    for (const { path, uri } of uris) {
      const document = await vscode.workspace.openTextDocument(uri);
      if (!(await document.save())) return undefined;
      const config = vscode.workspace.getConfiguration(undefined, document);
      saved.set(path, { text: document.getText(), settingsOn: SAVE_PARTICIPANT_SETTINGS.filter((name) => config.get<boolean>(name) === true) });
    }
    return saved;
  }

  private async closePreview(uris: readonly vscode.Uri[]): Promise<void> {
    const shown = new Set(uris.map((u) => u.toString()));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && shown.has(t.input.modified.toString()));
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
    this.preview.forget(uris);
  }

  /** The pull request to open, with the token of its host; a compare page for other hosts or without a token. */
  private async pullRequestOf(plan: EditPlan, params: WriteBackPlanParams, result: WriteBackPlanResult, remoteUrl: string): Promise<PullRequestToOpen> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const githubApiUrl = apiUrlFromInspection(config.inspect(WRITEBACK_SETTINGS.githubApiUrl));
    const gitlabApiUrl = apiUrlFromInspection(config.inspect(WRITEBACK_SETTINGS.gitlabApiUrl));
    const host = pullRequestHostOf(remoteUrl, { ...(githubApiUrl ? { githubApiUrl } : {}), ...(gitlabApiUrl ? { gitlabApiUrl } : {}) });
    const resource = this.store.resource(params.environmentId, params.resourceId ?? '');
    const text = pullRequestTextOf(plan, pullRequestContextOf(result.subject, resource?.fields ?? []));
    const compare: PullRequestToOpen = { provider: 'compare', text };
    if (host.provider === 'github') {
      const session = await vscode.authentication.getSession(host.enterprise ? 'github-enterprise' : 'github', ['repo'], { createIfNone: true }).then(
        (s) => s,
        () => undefined,
      );
      if (!session) return compare;
      return { provider: 'github', token: session.accessToken, ...(host.apiUrl ? { apiUrl: host.apiUrl } : {}), text };
    }
    if (host.provider === 'gitlab') {
      const token = await this.secrets.get(GITLAB_TOKEN_SECRET_KEY);
      if (!token) {
        void vscode.window.showInformationMessage(`${TITLE}: no GitLab token is set, so the merge request page opens instead. Run "Set GitLab Token for Merge Requests" to open them for you.`);
        return compare;
      }
      return { provider: 'gitlab', token, ...(host.apiUrl ? { apiUrl: host.apiUrl } : {}), text };
    }
    return compare;
  }

  // ---- targets ------------------------------------------------------------------------------------------

  private all(): EnvironmentResources[] {
    return this.store.environments().map((environment) => ({ environment, resources: this.store.resources(environment.id) }));
  }

  /** A tree node or hover link; else the drifted line under the cursor; else a pick (with "all drift" entries). */
  private async resolveTarget(arg: unknown, options: { withAllDrift: boolean; accept: (r: { status: string }) => boolean; placeHolder: string }): Promise<DriftTarget | undefined> {
    const given = toDriftTarget(arg);
    if (given) return given;
    const editor = vscode.window.activeTextEditor;
    if (editor) {
      const finding = findingsOnLine(this.store.findingsIn(editor.document.uri.toString()), editor.selection.active.line).find((f) => f.field);
      if (finding) return { environmentId: finding.environmentId, resourceId: finding.resource.id, ...(finding.field ? { pointer: finding.field.pointer } : {}) };
    }
    return this.pick(targetPickItems(this.all(), options.accept, options.withAllDrift), options.placeHolder);
  }

  /** A resource: from the argument, the line under the cursor (the resource declared there), or a pick. */
  private async resolveResourceTarget(arg: unknown, acceptKind: (kind: string) => boolean, placeHolder: string): Promise<ResourceTarget | undefined> {
    const given = toDriftTarget(arg);
    if (given?.resourceId) return given as ResourceTarget;
    const editor = vscode.window.activeTextEditor;
    if (!given && editor) {
      const line = editor.selection.active.line;
      const finding = findingsOnLine(this.store.findingsIn(editor.document.uri.toString()), line).find((f) => f.field);
      if (finding) return { environmentId: finding.environmentId, resourceId: finding.resource.id, ...(finding.field ? { pointer: finding.field.pointer } : {}) };
      const here = targetsAtLine(this.all(), editor.document.uri.toString(), line);
      if (here.length === 1) return here[0] as ResourceTarget;
      if (here.length > 1) return (await this.pick(here.map((t) => ({ label: this.labelOf(t as ResourceTarget), description: this.store.environment(t.environmentId)?.name ?? '', target: t })), placeHolder)) as ResourceTarget | undefined;
    }
    const all = this.all().filter((e) => !given || e.environment.id === given.environmentId);
    return (await this.pick(targetPickItems(all, (r) => acceptKind(r.key.kind) && r.status !== 'Orphan', false), placeHolder)) as ResourceTarget | undefined;
  }

  private async pick(items: readonly { label: string; description?: string; detail?: string; target: DriftTarget }[], placeHolder: string): Promise<DriftTarget | undefined> {
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`${TITLE}: nothing to act on. Open the Drift view: write-back works on the resources it shows.`);
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.target;
  }

  private labelOf(target: ResourceTarget): string {
    return this.store.resource(target.environmentId, target.resourceId)?.label ?? target.resourceId;
  }

  /** The rendered Git object of a resource (for prompts' prefills); undefined when the server has none. */
  private async gitObject(client: LanguageClient, target: ResourceTarget): Promise<unknown> {
    try {
      const documents = await client.sendRequest(driftDocumentsRequest, { environmentId: target.environmentId, resourceId: target.resourceId });
      return documents.git ? (parse(documents.git) as unknown) : undefined;
    } catch {
      return undefined;
    }
  }
}

function show(message: ResultMessage): void {
  const text = `${TITLE}: ${message.message}`;
  const titles = message.links.map((l) => l.title);
  const shown = message.severity === 'error' ? vscode.window.showErrorMessage(text, ...titles) : message.severity === 'warning' ? vscode.window.showWarningMessage(text, ...titles) : vscode.window.showInformationMessage(text, ...titles);
  void shown.then((picked) => {
    const link = message.links.find((l) => l.title === picked);
    if (link) void vscode.env.openExternal(vscode.Uri.parse(link.url));
  });
}

