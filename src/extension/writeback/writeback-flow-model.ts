// The decisions of "Commit Live Change to Git" and the intents, free of `vscode` (unit-tested in plain Node):
// what to plan from a drift target, the layer question, the after-text of the preview, whether the editor's
// documents still hold what was planned against, the confirmation, the pull request's text, and what to say
// after the commit or a refusal.
import type { PullRequestReport } from './pull-request-opener.js';
import { applyFileEdits } from '../../core/writeback/apply-file-edits.js';
import type { EditPlan, LayerChoice, PlanOutcome } from '../../core/edit/edit-plan.js';
import { liveChangeStoriesOf, type PullRequestContext } from '../../core/writeback/pull-request-text.js';
import type { DriftFieldView } from '../../protocol/drift-messages.js';
import type {
  WriteBackCommitted,
  WriteBackFileText,
  WriteBackIntent,
  WriteBackMode,
  WriteBackPlanParams,
  WriteBackPreflightOk,
  WriteBackRefusal,
  WriteBackSubject,
} from '../../protocol/writeback-messages.js';
import type { DriftTarget } from '../drift-target.js';

/** Codify: a field (its path), a resource (all its drifted fields), or an environment (all its drift). */
export function codifyParamsOf(target: DriftTarget, fieldPath: string | undefined): WriteBackPlanParams {
  return {
    environmentId: target.environmentId,
    ...(target.resourceId ? { resourceId: target.resourceId } : {}),
    ...(target.resourceId && fieldPath !== undefined ? { fields: [fieldPath] } : {}),
  };
}

export function intentParamsOf(target: DriftTarget & { readonly resourceId: string }, intent: WriteBackIntent): WriteBackPlanParams {
  return { environmentId: target.environmentId, resourceId: target.resourceId, intent };
}

export interface LayerItem {
  readonly label: string;
  readonly description: string;
  readonly detail?: string;
  readonly layer: LayerChoice;
}

/** The layer question's choices, this environment first (the default). */
export function layerItemsOf(outcome: Extract<PlanOutcome, { kind: 'choose-layer' }>, environment: string): LayerItem[] {
  const others = outcome.sharedWith.length > 0 ? outcome.sharedWith.join(', ') : 'other environments';
  return [
    { label: environment ? `This environment only (${environment})` : 'This environment only', description: 'a patch in its overlay', detail: 'Default: the other environments keep their value.', layer: 'environment' },
    { label: 'Every environment', description: 'the shared base', detail: `Also changes ${others}.`, layer: 'base' },
  ];
}

export interface EditorDocumentState {
  readonly text: string;
  readonly isDirty: boolean;
}

/**
 * Why the planned edit cannot be applied to what the editor holds now (empty: it can). A document with unsaved
 * changes is refused even when the plan saw them: saving it would commit edits the person did not ask for.
 */
export function staleFileProblems(files: readonly WriteBackFileText[], plan: EditPlan, documents: ReadonlyMap<string, EditorDocumentState | undefined>): string[] {
  const problems: string[] = [];
  for (const file of files) {
    const created = plan.files.find((f) => f.path === file.path)?.create === true;
    const document = documents.get(file.uri);
    if (created) {
      if (document) problems.push(`${file.path} exists now: the plan would create it. Try again.`);
      continue;
    }
    if (!document) problems.push(`${file.path} could not be opened.`);
    else if (document.isDirty) problems.push(`${file.path} has unsaved changes: save or revert them, then try again.`);
    else if (document.text !== file.text) problems.push(`${file.path} changed since the change was planned: try again.`);
  }
  return problems;
}

/** Each planned file's after-text, from the text it was planned against (what the preview showed). */
export function plannedAfterTexts(plan: EditPlan, files: readonly WriteBackFileText[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of plan.files) {
    const before = files.find((f) => f.path === file.path)?.text;
    const applied = applyFileEdits(file, file.create ? undefined : before);
    if ('text' in applied) texts.set(file.path, applied.text);
  }
  return texts;
}

/** The editor settings that change a file while it is saved (a save participant), as VS Code names them. */
export const SAVE_PARTICIPANT_SETTINGS = ['editor.formatOnSave', 'files.trimTrailingWhitespace', 'files.insertFinalNewline', 'files.trimFinalNewlines'] as const;

/**
 * Files whose saved text is not the planned after-text (a save participant changed them), each with the
 * settings that may have done it (those on for the file; none on: another extension's save participant).
 * Committing them would put more into Git than the plan showed.
 */
export function savedTextProblems(planned: ReadonlyMap<string, string>, saved: ReadonlyMap<string, { readonly text: string; readonly settingsOn: readonly string[] }>): string[] {
  const problems: string[] = [];
  for (const [path, after] of planned) {
    const file = saved.get(path);
    if (!file || file.text === after) continue;
    const cause = file.settingsOn.length > 0 ? `the setting${file.settingsOn.length > 1 ? 's' : ''} ${file.settingsOn.join(', ')}` : 'an extension that edits files on save';
    problems.push(`${path} changed while it was saved (${cause}), so it is not what the plan showed.`);
  }
  return problems;
}

export const APPLY_AND_COMMIT = 'Apply and Commit';
export const APPLY_ONLY = 'Apply Only';

/** The modal's message and detail: what will be written, what was refused, and what happens in Git (when Git can). */
export function confirmationOf(plan: EditPlan, mode: WriteBackMode, git: Pick<WriteBackPreflightOk, 'newBranch' | 'remote'> | undefined): { readonly message: string; readonly detail: string } {
  const lines = [...plan.summary];
  if (plan.refused.length > 0) lines.push('', 'Not written:', ...plan.refused.map((r) => `${r.path}: ${r.reason}`));
  if (git) lines.push('', whatGitDoes(mode, git.newBranch, git.remote?.name));
  const count = plan.files.length;
  return { message: `Apply this change to ${count === 1 ? plan.files[0]?.path ?? '1 file' : `${count} files`} and commit it?`, detail: lines.join('\n') };
}

function whatGitDoes(mode: WriteBackMode, branch: string, remote: string | undefined): string {
  const to = remote ?? 'the remote';
  if (mode === 'commit') return `Then: a commit on the new branch ${branch} (not pushed).`;
  if (mode === 'branch+push') return `Then: a commit on the new branch ${branch}, pushed to ${to}.`;
  return `Then: a commit on the new branch ${branch}, pushed to ${to}, and a pull request.`;
}

/** The pull request's drift story: who changed each planned field live (from the drift view's attribution). */
export function pullRequestContextOf(subject: WriteBackSubject, fields: readonly DriftFieldView[]): PullRequestContext {
  const liveChanges = liveChangeStoriesOf(fields);
  const resource = subject.kind && subject.name ? `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name}` : `the drifted resources${subject.environment ? ` of ${subject.environment}` : ''}`;
  return {
    resource,
    ...(subject.environment ? { environment: subject.environment } : {}),
    ...(subject.context ? { clusterContext: subject.context } : {}),
    ...(liveChanges.length > 0 ? { liveChanges } : {}),
  };
}

export interface ResultMessage {
  readonly severity: 'info' | 'warning' | 'error';
  readonly message: string;
  /** Buttons that open a URL. */
  readonly links: readonly { readonly title: string; readonly url: string }[];
}

export function describeCommitted(committed: WriteBackCommitted, mode: WriteBackMode, pullRequest: PullRequestReport = {}): ResultMessage {
  const result = { ...committed, ...pullRequest };
  const short = result.commit.slice(0, 7);
  const pushed = result.pushed ? ` and pushed to ${result.remote?.name ?? 'the remote'}` : '';
  let message = `Committed ${short} on branch ${result.branch}${pushed}.`;
  const links: { title: string; url: string }[] = [];
  if (result.pullRequestUrl) {
    message = `Committed ${short} on branch ${result.branch}${pushed}; pull request opened.`;
    links.push({ title: 'Open Pull Request', url: result.pullRequestUrl });
  } else if (mode === 'branch+push+pr') {
    if (result.pullRequestError) message += ` No pull request was opened: ${result.pullRequestError}`;
    if (result.compareUrl) links.push({ title: 'Open Pull Request Page', url: result.compareUrl });
    else if (!result.pullRequestError) message += ' Open the pull request on your Git host.';
  }
  if (mode === 'commit') message += ` Push it when ready: git push -u origin ${result.branch}`;
  return { severity: result.pullRequestError ? 'warning' : 'info', message, links };
}

/** A refusal in a sentence; after the edit was applied, say that it stays (undoable) and how to go on. */
export function describeRefusal(refusal: WriteBackRefusal, stage: 'plan' | 'preflight' | 'commit'): ResultMessage {
  const after = stage === 'commit'
    ? refusal.reason === 'push-rejected'
      ? ''
      : ' The edit stays applied and saved in the editor: undo it, or commit it yourself.'
    : ' Nothing was changed.';
  return { severity: refusal.reason === 'error' ? 'error' : 'warning', message: `Not committed: ${refusal.message}${after}`, links: [] };
}
