import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanRepository } from '../adapters/fs/scan-repository.js';
import { readRepositoryFacts } from '../adapters/git/read-repository-facts.js';
import type { WorkspaceSource } from './workspace-source.js';

export const nodeWorkspaceSource: WorkspaceSource = {
  scan: (root) => scanRepository(root),
  repositoryFacts: (root) => readRepositoryFacts(root),
  readText(root, path) {
    try {
      return readFileSync(join(root, path), 'utf8');
    } catch {
      return undefined;
    }
  },
};
