import { isRecord, type KubeObject } from '../resource/manifest-resource.js';

/** Our own tracking label, for objects applied by this tool. */
export const OUR_TRACKING_LABEL = 'gitops-authoring.dev/environment';

/** Which GitOps agent deployed a live object, by the marks the agents leave on what they apply. */
export interface OwnershipMark {
  readonly agent: 'flux' | 'argocd' | 'fleet' | 'werf' | 'jenkins-x' | 'gitops-authoring';
  /**
   * Flux: `namespace/name` of the Kustomization; Argo CD (Codefresh GitOps included, it is Argo CD): the
   * Application name; Fleet: `namespace/release` of the bundle deployment's Helm release; Werf: the project
   * (`project/env`); Jenkins X: its GitOps pipeline (`cluster`, `namespaces`); ours: the environment.
   */
  readonly owner: string;
  /**
   * Argo CD's label tracking (`app.kubernetes.io/instance`) is also set by Helm charts and people: it only
   * counts when an environment says which Application to look for.
   */
  readonly weak?: boolean;
}

export function readOwnershipMark(object: KubeObject): OwnershipMark | undefined {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  const fluxName = labels['kustomize.toolkit.fluxcd.io/name'];
  if (typeof fluxName === 'string') {
    const ns = labels['kustomize.toolkit.fluxcd.io/namespace'];
    return { agent: 'flux', owner: `${typeof ns === 'string' ? ns : ''}/${fluxName}` };
  }
  const tracking = annotations['argocd.argoproj.io/tracking-id'];
  if (typeof tracking === 'string') return { agent: 'argocd', owner: tracking.split(':')[0] ?? tracking };
  // Rancher Fleet applies bundles as Helm releases and stamps its object-set hash on everything it applies.
  const helmRelease = annotations['meta.helm.sh/release-name'];
  if (typeof labels['objectset.rio.cattle.io/hash'] === 'string' && typeof helmRelease === 'string') {
    const ns = annotations['meta.helm.sh/release-namespace'];
    return { agent: 'fleet', owner: `${typeof ns === 'string' ? ns : ''}/${helmRelease}` };
  }
  const werfProject = annotations['project.werf.io/name'];
  if (typeof werfProject === 'string') {
    const env = annotations['project.werf.io/env'];
    return { agent: 'werf', owner: typeof env === 'string' && env !== '' ? `${werfProject}/${env}` : werfProject };
  }
  const jxPipeline = labels['gitops.jenkins-x.io/pipeline'];
  if (typeof jxPipeline === 'string') return { agent: 'jenkins-x', owner: jxPipeline };
  const ours = labels[OUR_TRACKING_LABEL];
  if (typeof ours === 'string') return { agent: 'gitops-authoring', owner: ours };
  const instance = labels['app.kubernetes.io/instance'];
  if (typeof instance === 'string') return { agent: 'argocd', owner: instance, weak: true };
  return undefined;
}

/** Objects another object owns (ReplicaSets, Pods, Endpoints) are that owner's business, never orphans. */
export function isControlledObject(object: KubeObject): boolean {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return Array.isArray(metadata.ownerReferences) && metadata.ownerReferences.some((r) => isRecord(r) && r.controller === true);
}
