import { kustomizationFileResource } from '../resource/kustomization-resource.js';
import type { ManifestResource } from '../resource/manifest-resource.js';
import { containsPosition, type Position } from '../text/range.js';
import type { WorkspaceIndex } from './workspace-index.js';

/** Every object a file declares, as the editor shows them: objects, kustomize patches, the kustomization itself. */
export function resourcesOfFile(index: WorkspaceIndex, path: string): ManifestResource[] {
  const kustomization = kustomizationFileResource(index, path);
  return [...index.resourcesInFile(path), ...index.patches.filter((p) => p.file.path === path), ...(kustomization ? [kustomization] : [])];
}

/** The object declared at a position of a file (an item of a `kind: List` wins over the List's document). */
export function resourceAtPosition(index: WorkspaceIndex, path: string, position: Position): ManifestResource | undefined {
  let found: ManifestResource | undefined;
  for (const resource of resourcesOfFile(index, path)) {
    if (!containsPosition(resource.document.range, position)) continue;
    if (resource.basePath.length === 0) found ??= resource;
    else if (containsPosition(resource.document.locator.locateNearest(resource.basePath).located.whole, position)) return resource;
  }
  return found;
}
