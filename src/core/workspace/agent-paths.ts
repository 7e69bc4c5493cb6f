// Directories of THIS repository a GitOps agent applies as plain manifests: Flux Kustomization `spec.path`
// (recursively, as Flux generates a kustomization for a directory without one) and Argo CD Application source
// paths (recursively only with `directory.recurse: true`), and a Flux Operator FluxInstance's `sync.path`. A source that is another repository (a tenant's
// GitRepository, an OCI artifact, an ExternalArtifact, another repoURL) says nothing about this one's folders.
import { getAt } from '../resource/manifest-resource.js';
import { normalizePath } from '../text/posix-path.js';
import { argoGitSources, FLUX_KUSTOMIZE_GROUP, isArgoApplication, isGitRemote, isThisRepository, thisRepository } from './this-repository.js';
import type { WorkspaceIndex } from './workspace-index.js';

export interface AgentPath {
  readonly dir: string;
  readonly recursive: boolean;
}

export function agentPaths(workspace: WorkspaceIndex): AgentPath[] {
  const out: AgentPath[] = [];
  const add = (path: unknown, recursive: boolean) => {
    if (typeof path !== 'string' || path.includes('${') || path.includes('{{')) return;
    const dir = normalizePath(path);
    if (dir === '..' || dir.startsWith('../')) return;
    out.push({ dir, recursive });
  };
  for (const r of workspace.resourcesByKind('Kustomization')) {
    if (r.key.group !== FLUX_KUSTOMIZE_GROUP || !isThisRepository(workspace, getAt(r.object, ['spec', 'sourceRef']), r)) continue;
    add(getAt(r.object, ['spec', 'path']) ?? '', true);
  }
  // Flux Operator: a FluxInstance's `sync` is the bootstrap Kustomization (GitRepository of this repository).
  for (const r of workspace.resourcesByKind('FluxInstance')) {
    if (r.key.group !== 'fluxcd.controlplane.io' || getAt(r.object, ['spec', 'sync', 'kind']) !== 'GitRepository') continue;
    const url = getAt(r.object, ['spec', 'sync', 'url']);
    const remotesKnown = workspace.repository?.prefix === '' && workspace.repository.remoteUrls.length > 0;
    if (typeof url === 'string' && (!remotesKnown || isGitRemote(workspace, url))) add(getAt(r.object, ['spec', 'sync', 'path']) ?? '', true);
  }
  const self = thisRepository(workspace);
  for (const app of workspace.resourcesByKind('Application')) {
    if (!self || !isArgoApplication(app)) continue;
    for (const source of argoGitSources(app)) {
      if (source.url !== self.url || source.revision !== self.revision) continue;
      add(source.dir, getAt(app.object, [...source.path.slice(0, -1), 'directory', 'recurse']) === true);
    }
  }
  return out;
}

/** The deepest agent path that applies a file, if any. */
export function agentPathOf(filePath: string, dirOfFile: string, paths: readonly AgentPath[]): string | undefined {
  let best: string | undefined;
  for (const p of paths) {
    const applies = p.recursive ? p.dir === '' || dirOfFile === p.dir || dirOfFile.startsWith(p.dir + '/') : dirOfFile === p.dir;
    if (applies && (best === undefined || p.dir.length > best.length)) best = p.dir;
  }
  return best;
}
