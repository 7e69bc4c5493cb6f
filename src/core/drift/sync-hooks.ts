import { isRecord, type KubeObject } from '../resource/manifest-resource.js';

/** Argo CD's hook annotation, and Helm's, which Argo CD maps onto its own hooks (even outside Helm charts). */
const HOOK_ANNOTATIONS = ['argocd.argoproj.io/hook', 'helm.sh/hook'];

/**
 * Whether Argo CD runs the object as a sync hook (PreSync/Sync/PostSync/SyncFail/Skip, or a Helm hook) rather
 * than keeping it in sync: hooks are created at sync time (often with `generateName`), deleted by their
 * delete policy, and left out of Argo CD's diff, so drift leaves them out too. kustomize-controller has no
 * hooks: under Flux they are ordinary objects.
 */
export function isArgoSyncHook(object: KubeObject): boolean {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const annotations = isRecord(metadata.annotations) ? metadata.annotations : {};
  return HOOK_ANNOTATIONS.some((a) => typeof annotations[a] === 'string' && annotations[a] !== '');
}
