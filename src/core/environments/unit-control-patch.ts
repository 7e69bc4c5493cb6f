// The merge patches of agent control: Request Reconcile, Suspend and Resume of a GitOps unit, planned from the
// unit's live object. Flux (Kustomization, HelmRelease): the `reconcile.fluxcd.io/requestedAt` annotation and
// `spec.suspend`, as the flux CLI writes them. Argo CD (Application): the `argocd.argoproj.io/refresh`
// annotation; suspend turns automated sync off and keeps what `spec.syncPolicy.automated` held in our own
// annotation, so that resume puts back exactly that (prune, selfHeal, allowEmpty, …) and nothing else.
import { isRecord, type KubeObject } from '../resource/manifest-resource.js';

export type UnitControlAction = 'reconcile' | 'suspend' | 'resume';
export type UnitKind = 'Kustomization' | 'HelmRelease' | 'Application';

export const FLUX_REQUESTED_AT_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';
export const ARGOCD_REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
/** Holds an Argo CD Application's `spec.syncPolicy.automated` (JSON) while GitOps Authoring has it suspended. */
export const HELD_AUTOMATED_SYNC_ANNOTATION = 'gitops-authoring.dev/held-automated-sync';

export interface UnitControlOptions {
  /** RFC 3339 time written as Flux's `requestedAt` (the caller's clock: core has none). */
  readonly now: string;
  readonly refresh?: 'normal' | 'hard';
}

export type UnitControlPlan =
  | { readonly patch: Record<string, unknown>; readonly summary: string }
  | { readonly refused: string };

export function isUnitKind(kind: string): kind is UnitKind {
  return kind === 'Kustomization' || kind === 'HelmRelease' || kind === 'Application';
}

/** Flux: `spec.suspend: true`; Argo CD: automated sync is off and we hold what it was. */
export function isUnitSuspended(kind: string, object: KubeObject | undefined): boolean {
  if (!object) return false;
  const spec = isRecord(object.spec) ? object.spec : {};
  if (kind === 'Application') return heldAutomatedSync(object) !== undefined && !isRecord(isRecord(spec.syncPolicy) ? spec.syncPolicy.automated : undefined);
  return spec.suspend === true;
}

/** The one merge patch for `action` on the live unit, or why none is written. */
export function planUnitControl(kind: UnitKind, live: KubeObject | undefined, action: UnitControlAction, options: UnitControlOptions): UnitControlPlan {
  const name = `${kind} ${String((isRecord(live?.metadata) ? live.metadata.namespace : undefined) ?? '')}/${String((isRecord(live?.metadata) ? live.metadata.name : undefined) ?? '')}`;
  if (!live) return { refused: `the ${kind} is not in the cluster` };
  return kind === 'Application' ? planArgo(live, action, options, name) : planFlux(live, action, options, name);
}

function planFlux(live: KubeObject, action: UnitControlAction, options: UnitControlOptions, name: string): UnitControlPlan {
  const suspended = isUnitSuspended('Kustomization', live);
  const requested = { metadata: { annotations: { [FLUX_REQUESTED_AT_ANNOTATION]: options.now } } };
  switch (action) {
    case 'reconcile':
      if (suspended) return { refused: `${name} is suspended: Flux does not reconcile it until it is resumed` };
      return { patch: requested, summary: `requested a reconcile of ${name}` };
    case 'suspend':
      if (suspended) return { refused: `${name} is already suspended` };
      return { patch: { spec: { suspend: true } }, summary: `suspended ${name}: Flux stops reconciling it` };
    case 'resume':
      if (!suspended) return { refused: `${name} is not suspended` };
      // As `flux resume` does: suspend cleared and a reconcile requested, in the same write.
      return { patch: { ...requested, spec: { suspend: null } }, summary: `resumed ${name} and requested a reconcile` };
  }
}

function planArgo(live: KubeObject, action: UnitControlAction, options: UnitControlOptions, name: string): UnitControlPlan {
  const metadata = isRecord(live.metadata) ? live.metadata : {};
  const spec = isRecord(live.spec) ? live.spec : {};
  const automated = isRecord(spec.syncPolicy) ? spec.syncPolicy.automated : undefined;
  // Read-then-write: the resourceVersion makes the PATCH fail (409) rather than act on a state that changed.
  const version = typeof metadata.resourceVersion === 'string' ? { resourceVersion: metadata.resourceVersion } : {};
  const held = heldAutomatedSync(live);
  switch (action) {
    case 'reconcile': {
      const refresh = options.refresh ?? 'normal';
      return { patch: { metadata: { annotations: { [ARGOCD_REFRESH_ANNOTATION]: refresh } } }, summary: `requested a ${refresh} refresh of ${name}` };
    }
    case 'suspend':
      if (!isRecord(automated)) return { refused: held !== undefined ? `${name} is already suspended` : `${name} has no automated sync to turn off (it syncs only when asked)` };
      return {
        patch: { metadata: { ...version, annotations: { [HELD_AUTOMATED_SYNC_ANNOTATION]: JSON.stringify(automated) } }, spec: { syncPolicy: { automated: null } } },
        summary: `suspended ${name}: automated sync is off (its settings are kept in the ${HELD_AUTOMATED_SYNC_ANNOTATION} annotation)`,
      };
    case 'resume':
      if (isRecord(automated)) return { refused: `${name} is not suspended: automated sync is on` };
      if (held === undefined) {
        const raw = isRecord(metadata.annotations) ? metadata.annotations[HELD_AUTOMATED_SYNC_ANNOTATION] : undefined;
        return { refused: raw === undefined ? `${name} was not suspended by GitOps Authoring: there is no automated sync to restore` : `${name}: the ${HELD_AUTOMATED_SYNC_ANNOTATION} annotation is not a JSON object; restore automated sync by hand` };
      }
      return {
        patch: { metadata: { ...version, annotations: { [HELD_AUTOMATED_SYNC_ANNOTATION]: null } }, spec: { syncPolicy: { automated: held } } },
        summary: `resumed ${name}: automated sync is on again as it was`,
      };
  }
}

/** What suspend kept of `spec.syncPolicy.automated`; undefined when there is nothing (or nothing readable). */
function heldAutomatedSync(object: KubeObject): Record<string, unknown> | undefined {
  const annotations = isRecord(object.metadata) && isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
  const raw = annotations[HELD_AUTOMATED_SYNC_ANNOTATION];
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
