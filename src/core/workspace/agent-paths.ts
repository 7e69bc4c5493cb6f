// Directories a GitOps agent applies as plain manifests: Flux Kustomization `spec.path` (recursively, as
// Flux generates a kustomization for a directory without one) and Argo CD Application source paths
// (recursively only with `directory.recurse: true`).
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { normalizePath } from '../text/posix-path.js';

export interface AgentPath {
  readonly dir: string;
  readonly recursive: boolean;
}

export function agentPaths(resources: Iterable<ManifestResource>): AgentPath[] {
  const out: AgentPath[] = [];
  const add = (path: unknown, recursive: boolean) => {
    if (typeof path !== 'string' || path.includes('${') || path.includes('{{')) return;
    out.push({ dir: normalizePath(path), recursive });
  };
  for (const r of resources) {
    if (r.kind === 'Kustomization' && r.key.group === 'kustomize.toolkit.fluxcd.io') add(getAt(r.object, ['spec', 'path']), true);
    if (r.kind === 'Application' && r.key.group === 'argoproj.io') {
      const sources = [getAt(r.object, ['spec', 'source']), ...((getAt(r.object, ['spec', 'sources']) as unknown[] | undefined) ?? [])];
      for (const source of sources) {
        if (!isRecord(source) || typeof source.chart === 'string') continue;
        add(source.path, getAt(source, ['directory', 'recurse']) === true);
      }
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
