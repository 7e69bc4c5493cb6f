import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { readInside, scanRepository } from '../adapters/fs/scan-repository.js';
import { readRepositoryFacts } from '../adapters/git/read-repository-facts.js';
import type { WorkspaceSource } from './workspace-source.js';

export const nodeWorkspaceSource: WorkspaceSource = {
  scan: (root) => scanRepository(root),
  repositoryFacts: (root) => readRepositoryFacts(root),
  // A file is read only when its real path is inside the folder (a link out of the repository is not followed):
  // also for paths a file watcher reports, which the scan did not vet.
  readText(root, path) {
    try {
      return readInside(realpathSync(root), join(root, path));
    } catch {
      return undefined;
    }
  },
};
