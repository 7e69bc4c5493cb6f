// The GitOps unit an environment comes from (Flux Kustomization, Argo CD Application, or our settings) and
// its own state as the agent reports it in the live object's status.
import type { Environment } from '../../core/environments/environment.js';
import { isUnitSuspended } from '../../core/environments/unit-control-patch.js';
import { isRecord, type KubeObject } from '../../core/resource/manifest-resource.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import type { GitOpsUnitView } from '../../protocol/drift-messages.js';

export interface GitOpsUnit {
  readonly view: GitOpsUnitView;
  /** How to read it live; absent for settings (nothing in the cluster to read). */
  readonly live?: { readonly apiVersion: string; readonly kind: string; readonly namespace: string; readonly name: string };
}

const AGENT = {
  flux: { group: 'kustomize.toolkit.fluxcd.io', kind: 'Kustomization', apiVersion: 'kustomize.toolkit.fluxcd.io/v1', namespace: 'flux-system' },
  argocd: { group: 'argoproj.io', kind: 'Application', apiVersion: 'argoproj.io/v1alpha1', namespace: 'argocd' },
} as const;

/** The unit of an environment, found among the repository's objects; undefined for the whole repository. */
export function gitOpsUnitOf(env: Environment | undefined, index: WorkspaceIndex): GitOpsUnit | undefined {
  if (!env) return undefined;
  if (env.detectedFrom === 'settings') return { view: { kind: 'Settings', name: env.name } };
  const agent = AGENT[env.detectedFrom];
  const declared = index.resources.find((r) => r.key.group === agent.group && r.kind === agent.kind && r.name === env.name);
  const namespace = declared?.namespace || (env.detectedFrom === 'flux' && env.owner?.includes('/') ? env.owner.split('/')[0] ?? '' : '') || agent.namespace;
  const apiVersion = typeof declared?.object.apiVersion === 'string' ? declared.object.apiVersion : agent.apiVersion;
  return {
    view: { kind: agent.kind, name: env.name, namespace },
    live: { apiVersion, kind: agent.kind, namespace, name: env.name },
  };
}

/** Flux: the `Ready` condition; Argo CD: `status.sync.status` and `status.health.status`; both: suspended or not. */
export function readUnitStatus(kind: GitOpsUnitView['kind'], object: KubeObject | undefined): Pick<GitOpsUnitView, 'ready' | 'synced' | 'message' | 'suspended'> {
  if (!object) return { message: 'not found in the cluster' };
  return { ...readConditions(kind, object), ...(isUnitSuspended(kind, object) ? { suspended: true } : {}) };
}

function readConditions(kind: GitOpsUnitView['kind'], object: KubeObject): Pick<GitOpsUnitView, 'ready' | 'synced' | 'message'> {
  const status = isRecord(object.status) ? object.status : {};
  if (kind === 'Kustomization') {
    const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isRecord) : [];
    const ready = conditions.find((c) => c.type === 'Ready');
    return {
      ...(typeof ready?.status === 'string' ? { ready: ready.status } : {}),
      ...(typeof ready?.message === 'string' && ready.message ? { message: ready.message } : {}),
    };
  }
  const sync = isRecord(status.sync) ? status.sync : {};
  const health = isRecord(status.health) ? status.health : {};
  const conditions = Array.isArray(status.conditions) ? status.conditions.filter(isRecord) : [];
  const message = typeof health.message === 'string' && health.message ? health.message : conditions.map((c) => c.message).find((m): m is string => typeof m === 'string' && m !== '');
  return {
    ...(typeof health.status === 'string' ? { ready: health.status } : {}),
    ...(typeof sync.status === 'string' ? { synced: sync.status } : {}),
    ...(message ? { message } : {}),
  };
}
