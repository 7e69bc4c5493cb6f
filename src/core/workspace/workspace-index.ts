import type { ManifestFile } from '../manifest/manifest-types.js';
import type { RepositoryFacts, RepositoryListing } from '../ports.js';
import { agentPathOf, agentPaths, type AgentPath } from './agent-paths.js';
import { extractResources, type ManifestResource } from '../resource/manifest-resource.js';
import { dirname } from '../text/posix-path.js';
import { INPUT_FIELDS, isKustomizeConfigFile, readKustomization, type KustomizationInfo } from './kustomization-file.js';

/** Everything the cross-file rules need to know about a repository, built once per change. */
export interface WorkspaceIndex {
  readonly files: ReadonlyMap<string, ManifestFile>;
  /** Kubernetes objects declared in the repository, kustomize patches excluded. */
  readonly resources: readonly ManifestResource[];
  /** Objects in files that a kustomization uses as a patch (partial objects). */
  readonly patches: readonly ManifestResource[];
  readonly kustomizations: ReadonlyMap<string, KustomizationInfo>;
  readonly listing: RepositoryListing;
  /** What git says about the linted folder, when the adapter could ask git. */
  readonly repository?: RepositoryFacts;
  /** Files whose content could not be read (`ManifestFile.isUnread`): any object may be declared there. */
  readonly unreadFiles: readonly string[];
  resourcesByKind(kind: string): readonly ManifestResource[];
  resourcesInFile(path: string): readonly ManifestResource[];
  /**
   * The deployment units a file's objects are applied with: `kustomization:<dir>` for each root kustomization
   * rendering it, else `path:<dir>` for a directory a Flux Kustomization or Argo CD Application applies, else
   * `dir:<dir>` (a plain directory nothing in the repository is known to apply as a whole).
   */
  unitsOf(path: string): readonly string[];
  /** Kustomizations that use a file as a patch. */
  patchTargetsOf(path: string): readonly KustomizationInfo[];
  /** True for a file a kustomization reads as a build input (generator files, Helm values, configurations): never an object. */
  isBuildInput(path: string): boolean;
}

export function buildWorkspaceIndex(files: Iterable<ManifestFile>, listing: RepositoryListing, repository?: RepositoryFacts): WorkspaceIndex {
  const fileMap = new Map<string, ManifestFile>();
  const kustomizations = new Map<string, KustomizationInfo>();
  const unreadFiles: string[] = [];
  for (const file of files) {
    fileMap.set(file.path, file);
    if (file.isUnread) unreadFiles.push(file.path);
    if (isKustomizeConfigFile(file)) {
      const info = readKustomization(file);
      if (info) kustomizations.set(info.dir, info);
    }
  }

  const patchUsers = new Map<string, KustomizationInfo[]>();
  const inputs = new Set<string>();
  for (const k of kustomizations.values()) {
    for (const ref of k.refs) {
      if (INPUT_FIELDS.has(ref.field) && ref.resolved) inputs.add(ref.resolved);
      if ((ref.field === 'patches' || ref.field === 'patchesStrategicMerge') && ref.resolved) {
        const list = patchUsers.get(ref.resolved) ?? [];
        list.push(k);
        patchUsers.set(ref.resolved, list);
      }
    }
  }

  const resources: ManifestResource[] = [];
  const patches: ManifestResource[] = [];
  const byKind = new Map<string, ManifestResource[]>();
  const byFile = new Map<string, ManifestResource[]>();
  for (const file of fileMap.values()) {
    if (isKustomizeConfigFile(file) || inputs.has(file.path)) continue;
    const found = extractResources(file);
    byFile.set(file.path, found);
    if (patchUsers.has(file.path)) {
      patches.push(...found);
      continue;
    }
    for (const r of found) {
      resources.push(r);
      const list = byKind.get(r.kind) ?? [];
      list.push(r);
      byKind.set(r.kind, list);
    }
  }

  // Which directories an agent applies depends on which sources are this repository: computed on first use (and
  // with them the units, as a kustomization an agent applies is a root even when an overlay includes it).
  let deployed: AgentPath[] | undefined;
  let units: Map<string, string[]> | undefined;
  const index: WorkspaceIndex = {
    files: fileMap,
    resources,
    patches,
    kustomizations,
    listing,
    ...(repository ? { repository } : {}),
    unreadFiles,
    resourcesByKind: (kind) => byKind.get(kind) ?? [],
    resourcesInFile: (path) => byFile.get(path) ?? [],
    unitsOf: (path) => {
      deployed ??= agentPaths(index);
      units ??= computeUnits(fileMap, kustomizations, new Set(deployed.map((p) => p.dir)));
      const rendered = units.get(path);
      if (rendered) return rendered;
      const dir = dirname(path);
      const applied = agentPathOf(path, dir, deployed);
      return [applied !== undefined ? `path:${applied}` : `dir:${dir}`];
    },
    patchTargetsOf: (path) => patchUsers.get(path) ?? [],
    isBuildInput: (path) => inputs.has(path),
  };
  return index;
}

/**
 * A file belongs to the unit of every root kustomization (one no other includes, or one a GitOps agent of this
 * repository applies) that renders it (following `resources` into
 * directories and their kustomizations); a file no kustomization renders belongs to its directory.
 */
function computeUnits(files: ReadonlyMap<string, ManifestFile>, kustomizations: ReadonlyMap<string, KustomizationInfo>, agentApplied: ReadonlySet<string>): Map<string, string[]> {
  const rendered = new Map<string, Set<string>>();
  const collect = (k: KustomizationInfo, into: Set<string>, seen: Set<string>) => {
    if (seen.has(k.dir)) return;
    seen.add(k.dir);
    for (const ref of k.refs) {
      if (!ref.resolved || !['resources', 'bases', 'components'].includes(ref.field)) continue;
      const child = kustomizations.get(ref.resolved);
      if (child) collect(child, into, seen);
      else if (files.has(ref.resolved)) into.add(ref.resolved);
    }
  };
  const referenced = new Set<string>();
  for (const k of kustomizations.values()) {
    for (const ref of k.refs) if (ref.resolved && kustomizations.has(ref.resolved) && ref.resolved !== k.dir) referenced.add(ref.resolved);
  }
  const units = new Map<string, string[]>();
  for (const k of kustomizations.values()) {
    // Only roots (a base is checked inside each overlay that renders it), and what an agent applies by itself.
    if (referenced.has(k.dir) && !agentApplied.has(k.dir)) continue;
    const set = new Set<string>();
    collect(k, set, new Set());
    rendered.set(k.dir, set);
    for (const path of set) {
      const list = units.get(path) ?? [];
      list.push(`kustomization:${k.dir || '.'}`);
      units.set(path, list);
    }
  }
  return units;
}
