// The hotfix guard before a write-back commit or pull request (for the commit flow): asks the server which live
// hotfixes the plan would revert (`hotfixGuard`) and, when there are any, warns in a modal with "Commit the Live
// Change First" and "Continue Anyway". The caller runs its own Commit Live Change on the warned resources for
// the first answer, goes on for `proceed`, and stops for `cancel`.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { HotfixWarning } from '../core/edit/hotfix-guard.js';
import { hotfixGuardRequest, type HotfixGuardParams } from '../protocol/drift-edit-messages.js';
import { COMMIT_LIVE_FIRST, CONTINUE_ANYWAY, hotfixWarningText } from './hotfix-guard-text.js';

export type HotfixGuardAnswer = 'proceed' | 'commit-live-first' | 'cancel';

export async function confirmNoRevertedHotfix(client: LanguageClient, params: HotfixGuardParams): Promise<{ readonly answer: HotfixGuardAnswer; readonly warnings: readonly HotfixWarning[] }> {
  const { warnings } = await client.sendRequest(hotfixGuardRequest, params);
  if (warnings.length === 0) return { answer: 'proceed', warnings };
  const { message, detail } = hotfixWarningText(warnings);
  const picked = await vscode.window.showWarningMessage(message, { modal: true, detail }, COMMIT_LIVE_FIRST, CONTINUE_ANYWAY);
  return { answer: picked === COMMIT_LIVE_FIRST ? 'commit-live-first' : picked === CONTINUE_ANYWAY ? 'proceed' : 'cancel', warnings };
}
