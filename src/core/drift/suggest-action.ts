import { FieldChange, SuggestedAction, type Attribution } from './drift-types.js';

/** Field managers of GitOps agents (and ours): their writes are Git's writes. */
export const DEFAULT_AGENT_MANAGERS: readonly string[] = [
  'kustomize-controller', 'helm-controller', 'argocd-controller', 'argocd-application-controller', 'gitops-authoring',
];

/** Managers that are people at a keyboard (or their tools): their change is a hotfix to commit or revert. */
const HUMAN_TOOLS = /^(kubectl|kubectl-[a-z-]+|k9s|lens|kubernetes-dashboard|dashboard|headlamp|oc|helm|kubie|Mozilla|octant)$/i;
/** Managers that are controllers running in the cluster: their values are theirs to keep. */
const CONTROLLERS = /(controller|manager|operator|autoscaler|scheduler|kubelet|webhook|injector|vpa-|keda|cert-manager|istio|linkerd)/i;

export interface ActionContext {
  readonly change: FieldChange;
  readonly attribution?: Attribution;
  /** `/spec/replicas` of an object an HPA scales. */
  readonly scaledByHpa: boolean;
  readonly agentManagers: readonly string[];
}

export function suggestAction(c: ActionContext): { action: SuggestedAction; reason: string } {
  if (c.scaledByHpa) return { action: SuggestedAction.Ignore, reason: 'a HorizontalPodAutoscaler scales this object: its replicas are not Git\'s to set' };
  if (c.change === FieldChange.RemovedFromGit) return { action: SuggestedAction.Revert, reason: 'Git no longer sets this field; the next sync removes it' };
  const a = c.attribution;
  if (!a) {
    return c.change === FieldChange.MissingLive
      ? { action: SuggestedAction.Revert, reason: 'set in Git, absent live; the next sync sets it' }
      : { action: SuggestedAction.Revert, reason: 'no field manager owns the live value' };
  }
  const who = a.subresource ? `${a.manager} (${a.subresource})` : a.manager;
  if (c.agentManagers.includes(a.manager)) return { action: SuggestedAction.Revert, reason: `last set by the GitOps agent ${who}; Git changed since its last sync` };
  if (HUMAN_TOOLS.test(a.manager)) return { action: SuggestedAction.Commit, reason: `changed live by ${who}: a hotfix to bring into Git (or revert)` };
  if (CONTROLLERS.test(a.manager)) return { action: SuggestedAction.Ignore, reason: `owned by the controller ${who}` };
  return { action: SuggestedAction.Revert, reason: `changed live by ${who}` };
}
