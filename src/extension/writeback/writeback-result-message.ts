// How write-back tells the user what happened: one notification per outcome, its links opened when picked.
import * as vscode from 'vscode';
import type { ResultMessage } from './writeback-flow-model.js';

/** The prefix of every write-back message. */
export const WRITEBACK_TITLE = 'GitOps Authoring';

export function showResultMessage(message: ResultMessage): void {
  const text = `${WRITEBACK_TITLE}: ${message.message}`;
  const titles = message.links.map((l) => l.title);
  const shown = message.severity === 'error' ? vscode.window.showErrorMessage(text, ...titles) : message.severity === 'warning' ? vscode.window.showWarningMessage(text, ...titles) : vscode.window.showInformationMessage(text, ...titles);
  void shown.then((picked) => {
    const link = message.links.find((l) => l.title === picked);
    if (link) void vscode.env.openExternal(vscode.Uri.parse(link.url));
  });
}
