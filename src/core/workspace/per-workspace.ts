import type { WorkspaceIndex } from './workspace-index.js';

/**
 * Memoizes a derived index per workspace index (cross-file rules build their lookup tables once per lint run,
 * not once per object). The cache is weak: a new workspace index computes anew, the old one is collected.
 */
export function perWorkspace<T>(compute: (workspace: WorkspaceIndex) => T): (workspace: WorkspaceIndex) => T {
  const cache = new WeakMap<WorkspaceIndex, { value: T }>();
  return (workspace) => {
    let entry = cache.get(workspace);
    if (!entry) {
      entry = { value: compute(workspace) };
      cache.set(workspace, entry);
    }
    return entry.value;
  };
}
