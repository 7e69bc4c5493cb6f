// Agent control on a cluster: Request Reconcile, Suspend, Resume of one GitOps unit (Flux Kustomization or
// HelmRelease, Argo CD Application). The only cluster writes GitOps Authoring makes: one GET of the unit, then
// exactly one merge PATCH with our field manager (planned in core: unit-control-patch.ts). Nothing else.
import { isUnitKind, planUnitControl, type UnitControlAction } from '../../core/environments/unit-control-patch.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { groupOf, versionOf } from '../../core/resource/resource-key.js';
import { ClusterAccessError } from './cluster-status.js';
import { collectionPath, discoverResources } from './discovery.js';
import { KubeClient } from './kube-client.js';
import { loadKubeconfig } from './load-kubeconfig.js';

/** The field manager of our writes, as managedFields records it. */
export const AGENT_CONTROL_FIELD_MANAGER = 'gitops-authoring';

export interface UnitControlRequest {
  /** Kubeconfig file or list; default `KUBECONFIG`, else `~/.kube/config`. */
  readonly kubeconfig?: string;
  /** The context to write to: always explicit (the one the user confirmed). */
  readonly context: string;
  readonly unit: { readonly apiVersion: string; readonly kind: string; readonly namespace: string; readonly name: string };
  readonly action: UnitControlAction;
  readonly refresh?: 'normal' | 'hard';
  readonly processEnv?: NodeJS.ProcessEnv;
  readonly requestTimeoutMs?: number;
  /** RFC 3339 time for Flux's `requestedAt`; default now. */
  readonly now?: string;
}

export interface UnitControlOutcome {
  readonly done: boolean;
  readonly message: string;
  /** The unit as the server stored it after the write (or as read, when nothing was written). */
  readonly live?: KubeObject;
}

export type GitOpsUnitControl = (request: UnitControlRequest) => Promise<UnitControlOutcome>;

/** Reads the unit, plans the patch, writes it once. Never throws: every failure is an outcome with the reason. */
export const controlGitOpsUnit: GitOpsUnitControl = async (request) => {
  const { unit, action } = request;
  const label = `${unit.kind} ${unit.namespace}/${unit.name}`;
  if (!isUnitKind(unit.kind)) return { done: false, message: `${label} is not a GitOps unit (Flux Kustomization or HelmRelease, Argo CD Application)` };
  try {
    const kube = loadKubeconfig({ ...(request.kubeconfig ? { kubeconfig: request.kubeconfig } : {}), context: request.context, env: request.processEnv ?? process.env });
    const client = new KubeClient(kube.kc, kube.server, request.requestTimeoutMs ?? 30_000);
    const group = groupOf(unit.apiVersion);
    const served = (await discoverResources(client, [{ group, kind: unit.kind }])).served.get(`${group}/${unit.kind}`);
    if (!served) return { done: false, message: `the cluster of context '${kube.context}' does not serve ${unit.kind} in ${group} (is its CRD installed?)` };
    if (!served.verbs.includes('patch')) return { done: false, message: `${unit.kind} cannot be patched in context '${kube.context}'` };
    const path = `${collectionPath({ ...served, version: versionOf(unit.apiVersion) }, unit.namespace)}/${encodeURIComponent(unit.name)}`;
    const live = await getOrUndefined(client, path);
    const plan = planUnitControl(unit.kind, live, action, { now: request.now ?? new Date().toISOString(), ...(request.refresh ? { refresh: request.refresh } : {}) });
    if ('refused' in plan) return { done: false, message: `nothing written: ${plan.refused}`, ...(live ? { live } : {}) };
    const patched = await client.sendJson<KubeObject>('PATCH', path, { fieldManager: AGENT_CONTROL_FIELD_MANAGER }, 'application/merge-patch+json', JSON.stringify(plan.patch));
    return { done: true, message: `${plan.summary} (context ${kube.context})`, live: patched };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ClusterAccessError && error.details.httpStatus === 409) return { done: false, message: `nothing written: ${label} changed while it was read; try again` };
    return { done: false, message: `nothing written: ${message}` };
  }
};

async function getOrUndefined(client: KubeClient, path: string): Promise<KubeObject | undefined> {
  try {
    return await client.getJson<KubeObject>(path);
  } catch (error) {
    if (error instanceof ClusterAccessError && error.details.httpStatus === 404) return undefined;
    throw error;
  }
}
