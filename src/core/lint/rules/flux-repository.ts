// How Flux objects relate to this repository: which source is "this repository", which source object a
// sourceRef names, and which manifest files a Kustomization's `spec.path` renders.
import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import { isWithin, normalizePath } from '../../text/posix-path.js';
import { isKustomizationPath } from '../../workspace/kustomization-file.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';

export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const FLUX_BOOTSTRAP_NAME = 'flux-system';

export function namespacesMatch(a: string, b: string): boolean {
  return a === '' || b === '' || a === b;
}

/** Git URLs compared loosely: scheme, user, `.git` suffix, trailing slash and case do not matter. */
export function normalizeGitUrl(url: string): string {
  return url.trim().toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d+\/)/, '$1/')
    .replace(/:\d+\//, '/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** The source object a `sourceRef` names, searched in the referrer's namespace when the ref names none. */
export function findFluxSource(workspace: WorkspaceIndex, ref: unknown, referrer: ManifestResource): ManifestResource | undefined {
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : referrer.namespace;
  return workspace.resourcesByKind(ref.kind).find((r) => groupOf(r.apiVersion) === FLUX_SOURCE_GROUP && r.name === ref.name && namespacesMatch(r.namespace, namespace));
}

/**
 * Whether a Kustomization's sourceRef is this repository. Heuristic: the bootstrap GitRepository
 * (`flux-system`) is the repository Flux was bootstrapped from, which is this one; another GitRepository
 * counts when its URL and ref (branch, tag) are the bootstrap one's. Without a bootstrap object in the repo,
 * only a GitRepository named `flux-system` counts.
 */
export function isThisRepository(workspace: WorkspaceIndex, ref: unknown, referrer: ManifestResource): boolean {
  if (!isRecord(ref) || ref.kind !== 'GitRepository' || typeof ref.name !== 'string') return false;
  if (ref.name === FLUX_BOOTSTRAP_NAME) return true;
  const self = workspace.resourcesByKind('GitRepository').filter((r) => r.name === FLUX_BOOTSTRAP_NAME && groupOf(r.apiVersion) === FLUX_SOURCE_GROUP);
  const source = findFluxSource(workspace, ref, referrer);
  const url = source ? getAt(source.object, ['spec', 'url']) : undefined;
  if (!source || typeof url !== 'string') return false;
  // Same URL and the same branch/tag: another branch of this repository may hold other folders.
  const checkout = JSON.stringify(getAt(source.object, ['spec', 'ref']) ?? null);
  return self.some((r) => {
    const selfUrl = getAt(r.object, ['spec', 'url']);
    return typeof selfUrl === 'string' && normalizeGitUrl(selfUrl) === normalizeGitUrl(url) && JSON.stringify(getAt(r.object, ['spec', 'ref']) ?? null) === checkout;
  });
}

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
