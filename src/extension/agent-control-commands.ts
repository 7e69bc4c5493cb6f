// Request Reconcile, Suspend and Resume from the Drift view or the palette: a modal confirmation that names the
// object and the kube context, then the server's `agentControl` request (the extension never writes to a
// cluster itself). All three say so and do nothing when `gitopsAuthoring.agentControl.enabled` is false.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AGENT_CONTROL_SETTING, agentControlRequest, type AgentControlAction } from '../protocol/agent-control-messages.js';
import { agentControlParamsOf, confirmationOf, unitControlTargetOf } from './agent-control-target.js';
import { pickEnvironment } from './drift-context-picker.js';
import type { DriftStore } from './drift/drift-store.js';
import { toDriftTarget } from './drift-target.js';

/** The setting, for the folder of the environment (a folder may turn agent control off for itself). */
export function isAgentControlEnabled(folderUri?: string): boolean {
  const scope = folderUri ? vscode.Uri.parse(folderUri) : undefined;
  return vscode.workspace.getConfiguration(AGENT_CONTROL_SETTING.section, scope).get<boolean>(AGENT_CONTROL_SETTING.key, true);
}

export async function runAgentControl(client: LanguageClient, store: DriftStore, action: AgentControlAction, arg: unknown): Promise<void> {
  const given = toDriftTarget(arg);
  const env = given ? store.environment(given.environmentId) : await pickEnvironment(store, `${verbOf(action)} which environment's GitOps unit?`);
  if (!env) {
    if (given || store.environments().length === 0) void vscode.window.showWarningMessage('GitOps Authoring: no environment to act on; open the Drift view first.');
    return;
  }
  if (!isAgentControlEnabled(env.folderUri)) {
    void vscode.window.showInformationMessage(`GitOps Authoring: agent control (Request Reconcile, Suspend, Resume) is turned off by the setting ${AGENT_CONTROL_SETTING.id}. Nothing was written.`);
    return;
  }
  const resource = given?.resourceId ? store.resource(given.environmentId, given.resourceId) : undefined;
  const target = unitControlTargetOf(env, resource);
  if ('problem' in target) {
    void vscode.window.showWarningMessage(`GitOps Authoring: ${target.problem}.`);
    return;
  }
  const confirmation = confirmationOf(action, target);
  const picked = await vscode.window.showWarningMessage(confirmation.message, { modal: true, detail: confirmation.detail }, ...confirmation.buttons.map((b) => b.label));
  const button = confirmation.buttons.find((b) => b.label === picked);
  if (!button) return;
  try {
    const result = await client.sendRequest(agentControlRequest, agentControlParamsOf(action, target, button.refresh));
    if (result.done) void vscode.window.showInformationMessage(`GitOps Authoring: ${result.message}.`);
    else void vscode.window.showWarningMessage(`GitOps Authoring: ${result.message}.`);
  } catch (error) {
    void vscode.window.showErrorMessage(`GitOps Authoring: ${verbOf(action)} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function verbOf(action: AgentControlAction): string {
  return action === 'reconcile' ? 'Request Reconcile' : action === 'suspend' ? 'Suspend' : 'Resume';
}
