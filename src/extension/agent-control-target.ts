// What an agent-control command acts on and what its confirmation says, free of `vscode` (unit-tested in
// plain Node). The unit is the environment's own GitOps unit, or a Flux Kustomization / HelmRelease / Argo CD
// Application the command was invoked on in the Drift view. The confirmation always names the object and the
// kube context: it is a write to a cluster.
import type { AgentControlAction, AgentControlParams, GitOpsUnitRef } from '../protocol/agent-control-messages.js';
import type { DriftEnvironmentView, DriftResourceView } from '../protocol/drift-messages.js';

export interface UnitControlTarget {
  readonly environmentId: string;
  readonly context: string;
  /** Kustomization flux-system/apps */
  readonly label: string;
  readonly flavor: 'flux' | 'argocd';
  /** Absent: the environment's own unit (the server knows its apiVersion). */
  readonly unit?: GitOpsUnitRef;
}

const UNIT_GROUPS: Readonly<Record<string, { readonly kind: GitOpsUnitRef['kind']; readonly flavor: UnitControlTarget['flavor'] }>> = {
  'kustomize.toolkit.fluxcd.io/Kustomization': { kind: 'Kustomization', flavor: 'flux' },
  'helm.toolkit.fluxcd.io/HelmRelease': { kind: 'HelmRelease', flavor: 'flux' },
  'argoproj.io/Application': { kind: 'Application', flavor: 'argocd' },
};

/** The unit to act on, or why there is none. */
export function unitControlTargetOf(env: DriftEnvironmentView, resource?: DriftResourceView): UnitControlTarget | { readonly problem: string } {
  if (!env.context) return { problem: `${env.name || 'this environment'} is not connected to a cluster yet: open the Drift view first` };
  if (resource) {
    const unit = UNIT_GROUPS[`${resource.key.group}/${resource.key.kind}`];
    if (!unit) return { problem: `${resource.label} is not a GitOps unit (Flux Kustomization or HelmRelease, Argo CD Application)` };
    if (resource.status === 'Missing') return { problem: `${resource.label} is not in the cluster` };
    const apiVersion = resource.apiVersion ?? (unit.flavor === 'flux' ? `${resource.key.group}/v1` : 'argoproj.io/v1alpha1');
    return {
      environmentId: env.id,
      context: env.context,
      label: `${unit.kind} ${resource.key.namespace}/${resource.key.name}`,
      flavor: unit.flavor,
      unit: { apiVersion, kind: unit.kind, namespace: resource.key.namespace, name: resource.key.name },
    };
  }
  const own = env.unit;
  if (!own || own.kind === 'Settings') return { problem: `${env.name || 'the repository'} has no GitOps unit in the cluster (no Flux Kustomization or Argo CD Application declares it)` };
  return { environmentId: env.id, context: env.context, label: `${own.kind} ${own.namespace ? `${own.namespace}/` : ''}${own.name}`, flavor: own.kind === 'Application' ? 'argocd' : 'flux' };
}

export interface Confirmation {
  readonly message: string;
  readonly detail: string;
  /** Button label → the request's refresh kind (Argo CD reconcile has two). */
  readonly buttons: readonly { readonly label: string; readonly refresh?: 'normal' | 'hard' }[];
}

/** The modal's words: the action, the object, the context, and what will be written. */
export function confirmationOf(action: AgentControlAction, target: UnitControlTarget): Confirmation {
  const where = `in context '${target.context}'`;
  const argo = target.flavor === 'argocd';
  switch (action) {
    case 'reconcile':
      return argo
        ? { message: `Request a refresh of ${target.label} ${where}?`, detail: 'Writes the argocd.argoproj.io/refresh annotation (one PATCH). A hard refresh also regenerates the manifests.', buttons: [{ label: 'Refresh', refresh: 'normal' }, { label: 'Hard Refresh', refresh: 'hard' }] }
        : { message: `Request a reconcile of ${target.label} ${where}?`, detail: 'Writes the reconcile.fluxcd.io/requestedAt annotation (one PATCH).', buttons: [{ label: 'Reconcile' }] };
    case 'suspend':
      return argo
        ? { message: `Suspend ${target.label} ${where}?`, detail: 'Turns automated sync off (one PATCH); its settings are kept in an annotation so that Resume restores them exactly. Argo CD stops correcting drift until you resume.', buttons: [{ label: 'Suspend' }] }
        : { message: `Suspend ${target.label} ${where}?`, detail: 'Sets spec.suspend: true (one PATCH). Flux stops reconciling it, and stops correcting drift, until you resume.', buttons: [{ label: 'Suspend' }] };
    case 'resume':
      return argo
        ? { message: `Resume ${target.label} ${where}?`, detail: 'Turns automated sync back on as it was before Suspend (one PATCH). Argo CD then reverts live changes Git does not have: commit them first.', buttons: [{ label: 'Resume' }] }
        : { message: `Resume ${target.label} ${where}?`, detail: 'Clears spec.suspend and requests a reconcile (one PATCH). Flux then reverts live changes Git does not have: commit them first.', buttons: [{ label: 'Resume' }] };
  }
}

/** The request for a confirmed action. */
export function agentControlParamsOf(action: AgentControlAction, target: UnitControlTarget, refresh?: 'normal' | 'hard'): AgentControlParams {
  return { environmentId: target.environmentId, action, context: target.context, ...(target.unit ? { unit: target.unit } : {}), ...(refresh ? { refresh } : {}) };
}
