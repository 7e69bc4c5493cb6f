import type { DesiredObject } from '../../core/drift/compute-resource-drift.js';
import { desiredFromManifests, type NamespaceRules } from '../../core/drift/desired-from-manifests.js';
import { desiredFromRendered } from '../../core/drift/desired-from-rendered.js';
import type { KustomizationInfo } from '../../core/workspace/kustomization-file.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import { findKustomize, type KustomizeAvailability } from './find-kustomize.js';
import { renderKustomization, type RenderWrapper } from './render-kustomization.js';

export interface DesiredState {
  readonly desired: readonly DesiredObject[];
  /** Kustomization directories rendered, and files taken as plain manifests. */
  readonly rendered: readonly string[];
  readonly plainFiles: readonly string[];
  /** Problems that make the desired state incomplete (kustomize missing or failing): never ignored. */
  readonly problems: readonly string[];
}

function within(path: string, scope: string, recurse = true): boolean {
  if (path === scope) return true;
  if (scope !== '' && !path.startsWith(`${scope}/`)) return false;
  return recurse || !path.slice(scope === '' ? 0 : scope.length + 1).includes('/');
}

/**
 * The desired state of a directory: its kustomization rendered with the real kustomize when it has one (that
 * is all Flux and Argo CD deploy then); else its root kustomizations and the plain manifests no kustomization
 * renders (subdirectories only with `recurse`). Kustomize patches and kustomization files are not objects.
 * With a Flux Kustomization's overlay (patches, images, components, …), everything is rendered through one
 * kustomization around them, as kustomize-controller does.
 */
export async function buildDesiredState(repoRoot: string, index: WorkspaceIndex, scope: string, rules: NamespaceRules, kustomize: KustomizeAvailability = findKustomize(), recurse = true, flux: Pick<RenderWrapper, 'overlay' | 'overlaySource'> = {}): Promise<DesiredState> {
  // A kustomization in the scope directory itself is what gets deployed, recursion or not.
  const own = index.kustomizations.get(scope);
  const inScope = own ? [own] : [...index.kustomizations.values()].filter((k) => within(k.dir, scope) && (recurse || k.dir === scope));
  const referenced = new Set<string>();
  for (const k of inScope) for (const ref of k.refs) if (ref.resolved && ref.resolved !== k.dir && index.kustomizations.has(ref.resolved)) referenced.add(ref.resolved);
  // kustomize-controller's generated kustomization takes a subdirectory with a kustomization whole and does not
  // descend into it: a kustomization below another one is deployed only through it (or by its own Flux
  // Kustomization, e.g. home-ops' `apps/<ns>/<app>/app` under `apps/<ns>`), never as a root of its own.
  // A kustomize Component cannot be built on its own: it is deployed only where a kustomization (or a Flux
  // Kustomization's `components`) includes it.
  const roots = inScope.filter((k) => !referenced.has(k.dir) && !isComponent(k) && !inScope.some((o) => o.dir !== k.dir && within(k.dir, o.dir))).map((k) => k.dir).sort();
  const plain = index.resources.filter((r) => within(r.file.path, scope, recurse) && !index.unitsOf(r.file.path).some((u) => u.startsWith('kustomization:')) && !renderedByRoot(r.file.path, roots));
  const plainFiles = [...new Set(plain.map((r) => r.file.path))].sort();

  const desired: DesiredObject[] = [];
  const problems: string[] = [];
  // Flux's overlay applies to everything the Kustomization deploys: one render over the roots and the files.
  const renders = flux.overlay ? [{ dir: scope, wrapper: { ...flux, resources: own ? [scope] : [...roots, ...plainFiles] } }] : roots.map((dir) => ({ dir, wrapper: {} }));
  for (const { dir, wrapper } of renders) {
    if (!kustomize.available) {
      problems.push(`${dir || '.'}: ${kustomize.message}`);
      continue;
    }
    try {
      desired.push(...desiredFromRendered(await renderKustomization(repoRoot, dir, kustomize.tool, undefined, wrapper), index, rules, dir));
    } catch (error) {
      problems.push(`${dir || '.'}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!flux.overlay) desired.push(...desiredFromManifests(plain, rules));
  return { desired, rendered: flux.overlay ? [scope] : roots, plainFiles: flux.overlay ? [] : plainFiles, problems };
}

function isComponent(k: KustomizationInfo): boolean {
  const value = k.file.documents[0]?.value;
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Component';
}

function renderedByRoot(path: string, roots: readonly string[]): boolean {
  return roots.some((r) => within(path, r));
}
