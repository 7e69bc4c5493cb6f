import { isKustomizeResource } from '../../resource/kustomization-resource.js';
import type { RepositoryListing } from '../../ports.js';
import { dirname, joinPath } from '../../text/posix-path.js';
import { KUSTOMIZATION_FILE_NAMES, type KustomizationRef } from '../../workspace/kustomization-file.js';
import type { Rule } from '../rule.js';

/** What an entry must point at: kustomize accepts a file or a kustomization directory for `resources`. */
function problemOf(ref: KustomizationRef, listing: RepositoryListing): string | undefined {
  const resolved = ref.resolved;
  if (resolved === undefined || resolved === '..' || resolved.startsWith('../')) return undefined; // remote, or outside what we can see
  if (ref.value.includes('${') || ref.value.includes('{{') || /:\/\/|^[a-z]+::|^git@|^[\w.-]+\.(com|org|io|net)\//i.test(ref.value)) return undefined;
  const type = listing.entryType(resolved);
  if (type === undefined) return `'${ref.value}' does not exist in the repository (or is ignored by .gitignore, so the GitOps agent will not see it either).`;
  const wantsDirectoryOrFile = ref.field !== 'envs' && ref.field !== 'patches' && ref.field !== 'patchesStrategicMerge' && ref.field !== 'patchesJson6902';
  if (type === 'directory') {
    if (!wantsDirectoryOrFile) return `'${ref.value}' is a directory; ${ref.field} entries name files.`;
    if (ref.field === 'crds' || ref.field === 'files') return undefined;
    if (!KUSTOMIZATION_FILE_NAMES.some((name) => listing.entryType(joinPath(resolved, name)) === 'file')) {
      return `'${ref.value}' is a directory without a kustomization.yaml: kustomize cannot build it.`;
    }
  }
  return undefined;
}

export const kustomizationRefRule: Rule = {
  meta: {
    id: 'kustomization-ref',
    title: 'Kustomization entries point to existing paths',
    rationale: 'A `resources`, `components`, `crds`, `patches` or generator `files`/`envs` entry that points to a missing path (or a directory without a kustomization) fails `kustomize build`, so the GitOps agent stops syncing the whole unit. Remote references (URLs, git) and paths outside the linted folder are not checked.',
    remediation: 'Fix the path (it is relative to the kustomization\'s directory), add the missing file, or remove the entry.',
    defaultSeverity: 'error',
    kinds: ['Kustomization', 'Component'],
  },
  check(resource, context) {
    if (!isKustomizeResource(resource)) return;
    const info = context.workspace.kustomizations.get(dirname(resource.file.path));
    if (!info || info.file !== resource.file) return;
    for (const ref of info.refs) {
      const problem = problemOf(ref, context.workspace.listing);
      if (problem) context.report({ path: ref.path, on: 'value', message: `${ref.field}: ${problem}` });
    }
  },
};
