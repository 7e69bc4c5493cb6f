import { dirname } from '../text/posix-path.js';
import { agentPathOf, agentPaths } from './agent-paths.js';
import { perWorkspace } from './per-workspace.js';
import type { WorkspaceIndex } from './workspace-index.js';

const agentPathsOf = perWorkspace(agentPaths);

/**
 * A file in a hidden directory (`.archive/`, `.old/`) that no GitOps agent applies, alone or through the
 * kustomizations that render it: kept for reference, not deployed. What it names may have gone with it, so a
 * reference that does not resolve there is worth a warning, not an error.
 */
export function isHiddenAndUnapplied(workspace: WorkspaceIndex, path: string): boolean {
  if (!isInHiddenDirectory(path)) return false;
  const applied = agentPathsOf(workspace);
  return workspace.unitsOf(path).every((unit) => {
    if (unit.startsWith('path:')) return false;
    if (!unit.startsWith('kustomization:')) return true;
    const dir = unit.slice('kustomization:'.length);
    return isInHiddenDirectory(`${dir}/x`) && agentPathOf(`${dir}/x`, dir, applied) === undefined;
  }) && agentPathOf(path, dirname(path), applied) === undefined;
}

function isInHiddenDirectory(path: string): boolean {
  return path.split('/').slice(0, -1).some((d) => d.startsWith('.') && d !== '.' && d !== '..');
}
