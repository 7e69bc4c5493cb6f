// Which pull request write-back opens, with the token of its host (VS Code's GitHub session, or the GitLab
// token in secret storage); a compare page for other hosts or without a token. Tokens stay in the extension host.
import * as vscode from 'vscode';
import type { EditPlan } from '../../core/edit/edit-plan.js';
import { pullRequestTextOf } from '../../core/writeback/pull-request-text.js';
import { SETTINGS_SECTION } from '../../protocol/settings.js';
import type { WriteBackPlanParams, WriteBackPlanResult } from '../../protocol/writeback-messages.js';
import type { DriftStore } from '../drift/drift-store.js';
import { pullRequestContextOf } from './writeback-flow-model.js';
import type { PullRequestToOpen } from './pull-request-opener.js';
import { WRITEBACK_TITLE } from './writeback-result-message.js';
import { apiUrlFromInspection, GITLAB_TOKEN_SECRET_KEY, pullRequestHostOf, WRITEBACK_SETTINGS } from './writeback-settings-model.js';

export interface PullRequestSources {
  readonly store: DriftStore;
  readonly secrets: vscode.SecretStorage;
}

export async function pullRequestToOpen(sources: PullRequestSources, plan: EditPlan, params: WriteBackPlanParams, result: WriteBackPlanResult, remoteUrl: string): Promise<PullRequestToOpen> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const githubApiUrl = apiUrlFromInspection(config.inspect(WRITEBACK_SETTINGS.githubApiUrl));
  const gitlabApiUrl = apiUrlFromInspection(config.inspect(WRITEBACK_SETTINGS.gitlabApiUrl));
  const host = pullRequestHostOf(remoteUrl, { ...(githubApiUrl ? { githubApiUrl } : {}), ...(gitlabApiUrl ? { gitlabApiUrl } : {}) });
  const resource = sources.store.resource(params.environmentId, params.resourceId ?? '');
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
    const token = await sources.secrets.get(GITLAB_TOKEN_SECRET_KEY);
    if (!token) {
      void vscode.window.showInformationMessage(`${WRITEBACK_TITLE}: no GitLab token is set, so the merge request page opens instead. Run "Set GitLab Token for Merge Requests" to open them for you.`);
      return compare;
    }
    return { provider: 'gitlab', token, ...(host.apiUrl ? { apiUrl: host.apiUrl } : {}), text };
  }
  return compare;
}

/** Asks for the GitLab token and keeps it in VS Code's secret storage (empty removes it). */
export async function promptGitLabToken(secrets: vscode.SecretStorage): Promise<void> {
  const token = await vscode.window.showInputBox({
    title: 'GitLab token for merge requests',
    prompt: 'A personal or project access token with the api scope. Kept in VS Code\'s secret storage; empty removes it.',
    password: true,
    ignoreFocusOut: true,
  });
  if (token === undefined) return;
  if (token.trim() === '') {
    await secrets.delete(GITLAB_TOKEN_SECRET_KEY);
    vscode.window.setStatusBarMessage('GitLab token removed', 3000);
  } else {
    await secrets.store(GITLAB_TOKEN_SECRET_KEY, token.trim());
    vscode.window.setStatusBarMessage('GitLab token stored', 3000);
  }
}
