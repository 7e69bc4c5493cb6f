// Kustomization files are not Kubernetes objects (kustomize reads them, the API server never sees them), so the
// workspace index keeps them out of `resources`. Rules that check a kustomization's own entries
// (`kustomization-ref`) still need a resource-shaped view of the file to report on: this is it.
import type { KustomizationInfo } from '../workspace/kustomization-file.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { dirname } from '../text/posix-path.js';
import { isRecord, type KubeObject, type ManifestResource } from './manifest-resource.js';
import { groupOf } from './resource-key.js';

export const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';
const DEFAULT_API_VERSION = `${KUSTOMIZE_GROUP}/v1beta1`;

/**
 * The kustomization file as a resource of group `kustomize.config.k8s.io`, kind `Kustomization` (or
 * `Component`), whatever its `apiVersion`/`kind` say or omit. Undefined when `path` is no kustomization file.
 */
export function kustomizationFileResource(workspace: WorkspaceIndex, path: string): ManifestResource | undefined {
  const info = workspace.kustomizations.get(dirname(path));
  if (!info || info.file.path !== path) return undefined;
  return kustomizationAsResource(info);
}

export function kustomizationAsResource(info: KustomizationInfo): ManifestResource | undefined {
  const document = info.file.documents[0];
  const value = document?.value;
  if (!document || !isRecord(value)) return undefined;
  // A file named kustomization.yaml that holds another object (a Flux Kustomization, say) is not one.
  if (typeof value.apiVersion === 'string' && value.apiVersion !== '' && groupOf(value.apiVersion) !== KUSTOMIZE_GROUP) return undefined;
  const declared = typeof value.apiVersion === 'string' && value.apiVersion !== '' ? value.apiVersion : DEFAULT_API_VERSION;
  const kind = value.kind === 'Component' ? 'Component' : 'Kustomization';
  const object: KubeObject = { ...value, apiVersion: declared, kind };
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : info.dir || '.';
  const namespace = typeof value.namespace === 'string' ? value.namespace : '';
  return {
    file: info.file, document, basePath: [], object,
    apiVersion: declared, kind, name, namespace,
    key: { group: KUSTOMIZE_GROUP, kind, namespace, name },
  };
}

export function isKustomizeResource(resource: ManifestResource): boolean {
  return resource.key.group === KUSTOMIZE_GROUP;
}
