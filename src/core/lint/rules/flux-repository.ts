// Which manifest files a Flux Kustomization's `spec.path` renders (which source is "this repository":
// core/workspace/this-repository.ts).
import { getAt, type ManifestResource } from '../../resource/manifest-resource.js';
import { isWithin, normalizePath } from '../../text/posix-path.js';
import { isKustomizationPath } from '../../workspace/kustomization-file.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';

/** `spec.path` as a repository-relative directory ('' for the root); undefined when it cannot be resolved. */
export function fluxPath(resource: ManifestResource): string | undefined {
  const raw = getAt(resource.object, ['spec', 'path']);
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string' || raw.includes('${')) return undefined;
  const path = normalizePath(raw);
  return path === '..' || path.startsWith('../') ? undefined : path;
}

/**
 * Files kustomize-controller builds from a directory: with a kustomization, what it renders (resources,
 * components, patches); without one, every manifest below it (Flux generates the kustomization).
 */
export function filesRenderedFrom(workspace: WorkspaceIndex, dir: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visitDir = (d: string) => {
    if (seen.has(d)) return;
    seen.add(d);
    const k = workspace.kustomizations.get(d);
    if (k) {
      for (const ref of k.refs) {
        if (!ref.resolved) continue;
        if (workspace.kustomizations.has(ref.resolved)) visitDir(ref.resolved);
        else if (workspace.files.has(ref.resolved)) out.add(ref.resolved);
        else if (workspace.listing.entryType(ref.resolved) === 'directory') visitDir(ref.resolved);
      }
      return;
    }
    for (const path of workspace.files.keys()) {
      if (!isWithin(path, d) || isKustomizationPath(path)) continue;
      // A nested directory with its own kustomization is built as a unit.
      const nested = [...workspace.kustomizations.keys()].filter((kd) => kd !== d && isWithin(kd, d) && isWithin(path, kd)).sort((a, b) => a.length - b.length)[0];
      if (nested !== undefined) visitDir(nested);
      else out.add(path);
    }
  };
  visitDir(dir);
  return out;
}
