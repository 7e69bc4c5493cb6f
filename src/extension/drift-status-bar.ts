// The drift status bar item: `⎈ <context> · N drifted` (words from drift-status-text.ts); click → the Drift view.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../protocol/settings.js';
import type { DriftStore } from './drift/drift-store.js';
import { isDriftEnabled } from './drift-connection.js';
import { describeDriftStatus } from './drift-status-text.js';

export class DriftStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  /** The server has said something since it started (before that, "no kubeconfig" is not known). */
  private heard = false;

  constructor(private readonly store: DriftStore) {
    this.item = vscode.window.createStatusBarItem('gitopsAuthoring.drift', vscode.StatusBarAlignment.Left, -1);
    this.item.name = 'GitOps Authoring Drift';
    this.item.command = 'gitopsAuthoring.drift.focus';
    this.disposables.push(
      this.item,
      store.onChange((change) => {
        if (change.environments) this.render();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SETTINGS_SECTION}.drift.enabled`)) this.render();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.render()),
    );
  }

  /** The server answered (true) or went away (false). */
  setHeardFromServer(heard: boolean): void {
    this.heard = heard;
    this.render();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private render(): void {
    const status = isDriftEnabled() && vscode.workspace.isTrusted && this.heard ? describeDriftStatus(this.store.environments(), this.store.kubeconfigFound) : undefined;
    if (!status) {
      this.item.hide();
      return;
    }
    this.item.text = status.text;
    this.item.tooltip = status.tooltip;
    this.item.show();
  }
}
