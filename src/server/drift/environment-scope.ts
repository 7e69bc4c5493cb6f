// Which repository files an environment's desired state is built from: everything under its directory, and
// everything its kustomizations render from elsewhere (a base in another directory, a patch, a generator's
// file). A change outside that scope leaves the environment's desired state as it is.
import { dirname } from '../../core/text/posix-path.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';

export function isUnder(dir: string, path: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

export interface EnvironmentScope {
  includes(path: string): boolean;
}

export function scopeOf(index: WorkspaceIndex, envPath: string): EnvironmentScope {
  const dirs = new Set<string>();
  const files = new Set<string>();
  const queue = [...index.kustomizations.values()].filter((k) => isUnder(envPath, k.dir));
  for (let k = queue.pop(); k; k = queue.pop()) {
    if (dirs.has(k.dir)) continue;
    dirs.add(k.dir);
    files.add(k.file.path);
    for (const ref of k.refs) {
      if (!ref.resolved) continue;
      const child = index.kustomizations.get(ref.resolved);
      if (child) queue.push(child);
      else files.add(ref.resolved);
    }
  }
  return { includes: (path) => isUnder(envPath, path) || files.has(path) || dirs.has(dirname(path)) };
}
