import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadWorkspace } from '../fs/load-workspace.js';
import { isDeployTextPath } from '../../core/readiness/deploy-steps.js';
import type { ClusterFacts, ReadinessInput, TextFile } from '../../core/readiness/readiness-types.js';
import { listUntrackedPaths, readGitFacts } from './read-git-facts.js';

/** Scripts and CI files larger than this are not read (a generated bundle is no deploy script). */
const MAX_TEXT_BYTES = 1024 * 1024;
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * The readiness analysis's input for a folder: the lint workspace index (manifests), scripts and CI
 * definitions as text, git facts (tracked, ignored, history, branches, remotes) and, when given, cluster facts.
 */
export async function gatherReadinessInput(root: string, cluster?: ClusterFacts): Promise<ReadinessInput> {
  const stat = statSync(root, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new Error(`${root} is not a directory`);
  const [git, workspace] = [await readGitFacts(root), loadWorkspace(root)];
  const candidates = git ? [...git.trackedPaths, ...(await listUntrackedPaths(root))] : walk(root);
  const textFiles: TextFile[] = [];
  for (const path of new Set(candidates)) {
    if (!isDeployTextPath(path)) continue;
    try {
      const full = join(root, path);
      if (statSync(full).size > MAX_TEXT_BYTES) continue;
      textFiles.push({ path, text: readFileSync(full, 'utf8') });
    } catch {
      // deleted in the work tree but still tracked: nothing to read
    }
  }
  return { index: workspace.index, textFiles, ...(git ? { git } : {}), ...(cluster ? { cluster } : {}) };
}

/** Every file below root (outside git), skipping VCS folders and node_modules. */
function walk(root: string, dir = '', out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(join(root, dir));
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    if (SKIPPED.has(name)) continue;
    const path = dir ? `${dir}/${name}` : name;
    let isDir = false;
    try {
      isDir = statSync(join(root, path)).isDirectory();
    } catch {
      continue;
    }
    if (isDir) walk(root, path, out);
    else out.push(path);
  }
  return out;
}
