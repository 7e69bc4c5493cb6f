import { FieldChange, SuggestedAction, type Attribution } from './drift-types.js';
import { isPersonTool } from './person-tools.js';

/** Field managers of GitOps agents (and ours): their writes are Git's writes. */
export const DEFAULT_AGENT_MANAGERS: readonly string[] = [
  'kustomize-controller', 'helm-controller', 'argocd-controller', 'argocd-application-controller', 'gitops-authoring',
];

/** Managers that are controllers running in the cluster: their values are theirs to keep. */
const CONTROLLERS = /(controller|manager|operator|autoscaler|scheduler|kubelet|webhook|injector|vpa-|keda|cert-manager|istio|linkerd)/i;

export interface ActionContext {
  readonly change: FieldChange;
  readonly attribution?: Attribution;
  /** `/spec/replicas` of an object an HPA scales. */
  readonly scaledByHpa: boolean;
  readonly agentManagers: readonly string[];
  /** Managers settings add to the person tools (person-tools.ts). */
  readonly personTools?: readonly string[];
  /** For a field live lacks: what the object's managedFields suggest about who removed it. */
  readonly removedBy?: string;
}

export function suggestAction(c: ActionContext): { action: SuggestedAction; reason: string } {
  if (c.scaledByHpa) return { action: SuggestedAction.Ignore, reason: 'a HorizontalPodAutoscaler scales this object: its replicas are not Git\'s to set' };
  if (c.change === FieldChange.RemovedFromGit) return { action: SuggestedAction.Revert, reason: 'Git no longer sets this field; the next sync removes it' };
  const a = c.attribution;
  if (!a) {
    if (c.change !== FieldChange.MissingLive) return { action: SuggestedAction.Revert, reason: 'no field manager owns the live value' };
    if (c.removedBy === undefined) return { action: SuggestedAction.Revert, reason: 'set in Git, absent live; the next sync sets it' };
    // A removal leaves no owner in managedFields: say so, and name a suspect only when there is exactly one.
    const who = c.removedBy ? `who: not recorded (probably ${c.removedBy})` : 'who: not recorded';
    return { action: SuggestedAction.Revert, reason: `removed live; ${who}; the next sync sets it again` };
  }
  const who = a.subresource ? `${a.manager} (${a.subresource})` : a.manager;
  if (c.agentManagers.includes(a.manager)) return { action: SuggestedAction.Revert, reason: `last set by the GitOps agent ${who}; Git changed since its last sync` };
  if (isPersonTool(a.manager, c.personTools)) return { action: SuggestedAction.Commit, reason: `changed live by ${who}: a hotfix to bring into Git (or revert)` };
  if (CONTROLLERS.test(a.manager)) return { action: SuggestedAction.Ignore, reason: `owned by the controller ${who}` };
  return { action: SuggestedAction.Revert, reason: `changed live by ${who}` };
}
