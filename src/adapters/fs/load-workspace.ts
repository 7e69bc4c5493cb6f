import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ManifestFile } from '../../core/manifest/manifest-types.js';
import { parseManifest } from '../../core/manifest/parse-manifest.js';
import { buildWorkspaceIndex, type WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import { scanRepository, type RepositoryScan } from './scan-repository.js';

export interface LoadedWorkspace {
  readonly scan: RepositoryScan;
  readonly index: WorkspaceIndex;
  /** Files that could not be read, with the reason. */
  readonly unreadable: readonly { readonly path: string; readonly reason: string }[];
}

/** JSON files are only manifests when they look like Kubernetes objects (package.json is not one). */
function isCandidate(path: string, text: string): boolean {
  if (!/\.json$/i.test(path)) return true;
  return text.includes('"apiVersion"') && text.includes('"kind"');
}

export function loadWorkspace(root: string): LoadedWorkspace {
  const scan = scanRepository(root);
  const files: ManifestFile[] = [];
  const unreadable: { path: string; reason: string }[] = [];
  for (const path of scan.manifestPaths) {
    let text: string;
    try {
      text = readFileSync(join(root, path), 'utf8');
    } catch (error) {
      unreadable.push({ path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
      continue;
    }
    if (isCandidate(path, text)) files.push(parseManifest(path, text));
  }
  return { scan, index: buildWorkspaceIndex(files, scan.listing), unreadable };
}
