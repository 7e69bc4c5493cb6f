import { argoGitSources, isArgoApplication, thisRepository } from '../../workspace/this-repository.js';
import type { Rule } from '../rule.js';

export const argoSourceRule: Rule = {
  meta: {
    id: 'argo-source',
    title: 'Argo CD source paths exist',
    rationale: 'An Argo CD Application whose `source.path` (or `sources[].path`) does not exist in its repository never syncs ("app path does not exist"). The repository\'s URL is one of its git remotes when the linted folder is the repository root; otherwise, heuristically, the repoURL and targetRevision whose paths exist here most often among its own Applications (HEAD, main and master count as one); only sources with both are checked, Helm chart sources (`chart`) and OCI sources never.',
    remediation: 'Fix the path (relative to the repository root, no leading slash needed) or the repoURL.',
    defaultSeverity: 'error',
    checksReferences: true,
    kinds: ['Application'],
  },
  check(resource, context) {
    if (!isArgoApplication(resource)) return;
    const self = thisRepository(context.workspace);
    if (!self) return;
    for (const source of argoGitSources(resource)) {
      if (source.url !== self.url || source.revision !== self.revision || source.dir === '') continue;
      const type = context.workspace.listing.entryType(source.dir);
      if (type === 'directory') continue;
      context.report({
        path: source.path,
        on: 'value',
        message: type === 'file' ? `Source path '${source.dir}' is a file; Argo CD needs a directory.` : `Source path '${source.dir}' does not exist in this repository.`,
      });
    }
  },
};
