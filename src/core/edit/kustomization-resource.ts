// A kustomization file (or a JSON 6902 patch file) is no Kubernetes object, but the text edits work on
// ManifestResource: present its first document as one.
import type { ManifestFile } from '../manifest/manifest-types.js';
import type { KubeObject, ManifestResource } from '../resource/manifest-resource.js';

export function documentAsResource(file: ManifestFile): ManifestResource | undefined {
  const document = file.documents[0];
  if (!document || document.value === null || typeof document.value !== 'object') return undefined;
  return {
    file, document, basePath: [], object: document.value as KubeObject,
    apiVersion: '', kind: '', name: '', namespace: '', key: { group: '', kind: '', namespace: '', name: '' },
  };
}
