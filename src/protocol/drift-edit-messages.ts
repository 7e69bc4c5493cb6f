// Repository edits planned from drift results by the language server: Add Ignore Rule (an EditPlan the
// extension previews and applies as a WorkspaceEdit) and the hotfix guard (the live changes a planned commit
// would revert). Declared once; docs/lsp-extensions.md documents them. Nothing here writes a file or a cluster.
import { RequestType } from 'vscode-languageserver-protocol';
import type { PlanOutcome, EditPlan } from '../core/edit/edit-plan.js';
import type { HotfixWarning } from '../core/edit/hotfix-guard.js';
import { METHOD_PREFIX } from './lsp-extensions.js';

export interface PlanIgnoreRuleParams {
  readonly environmentId: string;
  /** `resourceKeyId` of the drifted resource. */
  readonly resourceId: string;
  /** RFC 6901 pointer of the drifted field (`DriftFieldView.pointer`). */
  readonly pointer: string;
  /** Argo CD only: ignore what the field's manager owns (`managedFieldsManagers`) instead of the path. */
  readonly byManager?: boolean;
}

export interface PlanIgnoreRuleResult {
  /** A plan (its paths are relative to `folderUri`) or a refusal with the reason; never `choose-layer`. */
  readonly outcome: PlanOutcome;
  /** The workspace folder the plan's paths are relative to. */
  readonly folderUri: string;
  /** Where the rule goes: `argocd-application`, `flux-kustomization`, `flux-helmrelease`, `settings`. */
  readonly target?: string;
}

/** Client → server: plan the ignore rule for one drifted field in the repository's dialect. */
export const planIgnoreRuleRequest = new RequestType<PlanIgnoreRuleParams, PlanIgnoreRuleResult, void>(`${METHOD_PREFIX}planIgnoreRule`);

export interface HotfixGuardParams {
  readonly environmentId: string;
  /** The planned change about to be committed (paths relative to the environment's folder). */
  readonly plan: Pick<EditPlan, 'files' | 'fields'>;
  /** Resources (`resourceKeyId`) the plan was made for. */
  readonly resourceIds?: readonly string[];
}

export interface HotfixGuardResult {
  /** One per resource whose live hotfix merging would revert; empty: nothing to warn about. */
  readonly warnings: readonly HotfixWarning[];
}

/** Client → server: before a write-back commit or pull request, the person-made live changes it would revert. */
export const hotfixGuardRequest = new RequestType<HotfixGuardParams, HotfixGuardResult, void>(`${METHOD_PREFIX}hotfixGuard`);
