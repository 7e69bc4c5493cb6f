// Agent control: Request Reconcile, Suspend and Resume of a GitOps unit (Flux Kustomization / HelmRelease,
// Argo CD Application). These are the only cluster writes the product makes: one merge PATCH each, made by the
// language server after the extension asked the user to confirm, all refused when the setting
// `gitopsAuthoring.agentControl.enabled` is false. Declared once; docs/lsp-extensions.md documents them.
import { RequestType } from 'vscode-languageserver-protocol';
import type { GitOpsUnitView } from './drift-messages.js';
import { METHOD_PREFIX } from './lsp-extensions.js';

/** The setting that turns every agent-control write off (read by the extension and, per folder, by the server). */
export const AGENT_CONTROL_SETTING = { section: 'gitopsAuthoring', key: 'agentControl.enabled', id: 'gitopsAuthoring.agentControl.enabled' } as const;

export type AgentControlAction = 'reconcile' | 'suspend' | 'resume';

/** The GitOps unit acted on: a Flux Kustomization or HelmRelease, or an Argo CD Application. */
export interface GitOpsUnitRef {
  readonly apiVersion: string;
  readonly kind: 'Kustomization' | 'HelmRelease' | 'Application';
  readonly namespace: string;
  readonly name: string;
}

export interface AgentControlParams {
  /** The drift environment whose cluster (kubeconfig and context) is written to. */
  readonly environmentId: string;
  readonly action: AgentControlAction;
  /** The kube context the user confirmed; the server refuses when the environment now uses another one. */
  readonly context: string;
  /** The unit; default: the environment's own GitOps unit. */
  readonly unit?: GitOpsUnitRef;
  /** Argo CD refresh kind for `reconcile` (default `normal`). */
  readonly refresh?: 'normal' | 'hard';
}

export interface AgentControlResult {
  /** True when the PATCH was made. */
  readonly done: boolean;
  /** What happened, or why nothing was written, in the user's words. */
  readonly message: string;
  /** The unit's live state after the write (suspended, ready, synced), when it could be read. */
  readonly unit?: GitOpsUnitView;
}

/** Client → server: one agent-control write on the environment's cluster, after the user confirmed it. */
export const agentControlRequest = new RequestType<AgentControlParams, AgentControlResult, void>(`${METHOD_PREFIX}agentControl`);
