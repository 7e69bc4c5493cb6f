// "Deployment shop/api-server was modified outside GitOps by kubectl (scale)": a notification when a resource
// becomes Drifted while you work, rate-limited (drift-notification-policy.ts decides), with actions.
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../protocol/settings.js';
import type { DriftStore } from './drift/drift-store.js';
import { describeDriftNotification, DriftTransitionTracker, NotificationRateLimiter } from './drift-notification-policy.js';
import { DRIFT_SETTINGS } from './drift-settings.js';

const SHOW_DIFF = 'Show diff';
const OPEN = 'Open';
const NEVER = "Don't show again";

export class DriftNotifications implements vscode.Disposable {
  private readonly tracker = new DriftTransitionTracker();
  private readonly limiter = new NotificationRateLimiter();
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: DriftStore) {
    this.subscription = store.onChange((change) => {
      // Always observe, even when notifications are off: turning them on later must not report old news.
      const transitions = this.tracker.observe(change, this.store);
      if (transitions.length === 0 || !isOn()) return;
      for (const { environmentId, resource } of transitions) {
        if (!this.limiter.allow(`${environmentId}\u0000${resource.id}`, Date.now())) continue;
        void this.show(describeDriftNotification(resource), { environmentId, resourceId: resource.id });
      }
    });
  }

  /** The server stopped: its next results are a first sync. */
  reset(): void {
    this.tracker.clear();
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async show(message: string, target: { environmentId: string; resourceId: string }): Promise<void> {
    const choice = await vscode.window.showInformationMessage(message, SHOW_DIFF, OPEN, NEVER);
    if (choice === SHOW_DIFF) await vscode.commands.executeCommand('gitopsAuthoring.drift.showDiff', target);
    else if (choice === OPEN) await vscode.commands.executeCommand('gitopsAuthoring.drift.openSource', target);
    else if (choice === NEVER) await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(DRIFT_SETTINGS.notifications, false, vscode.ConfigurationTarget.Global);
  }
}

function isOn(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(DRIFT_SETTINGS.notifications, true);
}
