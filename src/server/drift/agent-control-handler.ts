// The `agentControl` request: Request Reconcile, Suspend or Resume of a GitOps unit on an environment's cluster,
// the only cluster writes the product makes. The extension asked the user first; the server still checks what
// it can: the setting (per folder), the environment, and that its kube context is the one the user confirmed.
import type { Connection } from 'vscode-languageserver';
import type { GitOpsUnitControl } from '../../adapters/kube/gitops-unit-control.js';
import { isUnitKind } from '../../core/environments/unit-control-patch.js';
import { AGENT_CONTROL_SETTING, agentControlRequest, type AgentControlParams, type AgentControlResult } from '../../protocol/agent-control-messages.js';
import type { DriftCoordinator } from './drift-coordinator.js';

export interface AgentControlHandlerOptions {
  readonly connection: Connection;
  readonly drift: DriftCoordinator;
  /** The cluster side; without it every request is refused. */
  readonly control: GitOpsUnitControl | undefined;
  /** Whether the client answers `workspace/configuration` (else the setting's default, on, applies). */
  readonly canPullConfiguration: () => boolean;
  readonly ready: Promise<void>;
  readonly log: (message: string) => void;
  readonly processEnv?: NodeJS.ProcessEnv;
}

export function registerAgentControl(options: AgentControlHandlerOptions): void {
  options.connection.onRequest(agentControlRequest, async (params): Promise<AgentControlResult> => {
    await options.ready;
    try {
      const result = await controlUnit(options, params);
      options.log(`agent control ${params.action} (${params.environmentId}): ${result.message}`);
      return result;
    } catch (error) {
      options.log(`agent control failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return { done: false, message: `nothing written: ${error instanceof Error ? error.message : String(error)}` };
    }
  });
}

async function controlUnit(options: AgentControlHandlerOptions, params: AgentControlParams): Promise<AgentControlResult> {
  const found = options.drift.findEnvironment(params.environmentId);
  if (!found) return { done: false, message: 'nothing written: that environment is no longer known; refresh the Drift view' };
  const { folder, environment } = found;
  if (!(await isAgentControlEnabled(options, folder.folderUri))) {
    return { done: false, message: `nothing written: agent control is turned off (setting ${AGENT_CONTROL_SETTING.id})` };
  }
  if (!options.control) return { done: false, message: 'nothing written: agent control is not available in this server' };
  // The kubeconfig and context are drift's own for this environment: only while drift watches it are they known.
  if (!environment.isWatching) return { done: false, message: 'nothing written: drift is not watching this environment; open the Drift view to connect' };
  const context = environment.view().context;
  if (!context) return { done: false, message: 'nothing written: no kube context is known for this environment yet; open the Drift view to connect' };
  if (context !== params.context) return { done: false, message: `nothing written: the environment now uses context '${context}', not the confirmed '${params.context}'` };
  const unit = params.unit ?? environment.unitRef;
  if (!unit) return { done: false, message: 'nothing written: this environment has no GitOps unit in the cluster (it comes from settings or covers the whole repository)' };
  if (!isUnitKind(unit.kind)) return { done: false, message: `nothing written: ${unit.kind} is not a GitOps unit` };
  const outcome = await options.control({
    ...(environment.kubeconfig ? { kubeconfig: environment.kubeconfig } : {}),
    context,
    unit,
    action: params.action,
    ...(params.refresh ? { refresh: params.refresh } : {}),
    ...(options.processEnv ? { processEnv: options.processEnv } : {}),
  });
  const own = environment.unitRef;
  const isOwnUnit = own !== undefined && own.kind === unit.kind && own.namespace === unit.namespace && own.name === unit.name;
  const view = isOwnUnit && outcome.done ? await environment.unitWritten() : undefined;
  return { done: outcome.done, message: outcome.message, ...(view ? { unit: view } : {}) };
}

/** `gitopsAuthoring.agentControl.enabled` for the folder; on when the client cannot be asked (its default). */
async function isAgentControlEnabled(options: AgentControlHandlerOptions, folderUri: string): Promise<boolean> {
  if (!options.canPullConfiguration()) return true;
  const [section] = (await options.connection.workspace.getConfiguration([{ scopeUri: folderUri, section: AGENT_CONTROL_SETTING.section }])) as unknown[];
  const agentControl = typeof section === 'object' && section !== null ? (section as Record<string, unknown>).agentControl : undefined;
  return !(typeof agentControl === 'object' && agentControl !== null && (agentControl as Record<string, unknown>).enabled === false);
}
