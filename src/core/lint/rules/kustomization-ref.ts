import { getAt, isRecord } from '../../resource/manifest-resource.js';
import { isKustomizeResource } from '../../resource/kustomization-resource.js';
import type { RepositoryListing } from '../../ports.js';
import { dirname, isWithin, joinPath, normalizePath } from '../../text/posix-path.js';
import { FILE_ONLY_FIELDS, KUSTOMIZATION_FILE_NAMES, type KustomizationInfo, type KustomizationRef } from '../../workspace/kustomization-file.js';
import { perWorkspace } from '../../workspace/per-workspace.js';
import { isArgoApplication } from '../../workspace/this-repository.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import type { Rule, RuleReport } from '../rule.js';

/** Directories an Argo CD config-management plugin renders (`source.plugin`): it may write files kustomize then reads. */
const pluginRenderedDirs = perWorkspace((workspace: WorkspaceIndex): string[] => {
  const dirs: string[] = [];
  for (const app of workspace.resourcesByKind('Application')) {
    if (!isArgoApplication(app)) continue;
    const sources = [getAt(app.object, ['spec', 'source']), ...((getAt(app.object, ['spec', 'sources']) as unknown[] | undefined) ?? [])];
    for (const s of sources) if (isRecord(s) && s.plugin !== undefined && typeof s.path === 'string' && !s.path.includes('{{')) dirs.push(normalizePath(s.path));
  }
  return dirs;
});

/** A render step runs before kustomize reads its inputs: Helm charts it inflates or its generator/transformer plugins. */
function hasRenderStep(info: KustomizationInfo): boolean {
  const value = info.file.documents[0]?.value;
  return isRecord(value) && (Array.isArray(value.helmCharts) || info.refs.some((r) => r.field === 'generators' || r.field === 'transformers'));
}

/**
 * A missing entry is only certain to fail when nothing renders the directory first: under an Argo CD plugin
 * source it is quiet (the plugin writes it); when `.gitignore` excludes it (a render output) or the
 * kustomization has a render step of its own, it is reported as a warning.
 */
function reportMissing(ref: KustomizationRef, info: KustomizationInfo, workspace: WorkspaceIndex): Omit<RuleReport, 'path'> | undefined {
  if (pluginRenderedDirs(workspace).some((dir) => isWithin(info.dir, dir))) return undefined;
  if (workspace.listing.isIgnored?.(ref.resolved ?? '')) {
    return { message: `${ref.field}: '${ref.value}' is ignored by .gitignore: only a render step (an Argo CD plugin, a Helm or CI step) can produce it; Flux and plain kustomize will not find it.`, uncertain: true };
  }
  const message = `${ref.field}: '${ref.value}' does not exist in the repository.`;
  return hasRenderStep(info) ? { message: `${message} The kustomization has a render step (helmCharts or a generator plugin); if that step writes it, ignore this.`, uncertain: true } : { message };
}

const MISSING = 'missing';

/** What an entry must point at: kustomize accepts a file or a kustomization directory for `resources`. */
function problemOf(ref: KustomizationRef, listing: RepositoryListing): string | undefined {
  const resolved = ref.resolved;
  if (resolved === undefined || resolved === '..' || resolved.startsWith('../')) return undefined; // remote, or outside what we can see
  if (ref.value.includes('${') || ref.value.includes('{{') || /:\/\/|^[a-z]+::|^git@|^[\w.-]+\.(com|org|io|net)\//i.test(ref.value)) return undefined;
  const type = listing.entryType(resolved);
  if (type === undefined) return MISSING;
  const wantsDirectoryOrFile = !FILE_ONLY_FIELDS.has(ref.field);
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
    rationale: 'A `resources`, `components`, `crds`, `patches` or generator `files`/`envs` entry that points to a missing path (or a directory without a kustomization) fails `kustomize build`, so the GitOps agent stops syncing the whole unit. Remote references (URLs, git) and paths outside the linted folder are not checked. A render step may write the file first: under an Argo CD plugin source nothing is reported; a `.gitignore`d path, or a kustomization with `helmCharts` or generator plugins, is a warning.',
    remediation: 'Fix the path (it is relative to the kustomization\'s directory), add the missing file, or remove the entry.',
    defaultSeverity: 'error',
    checksReferences: true,
    kinds: ['Kustomization', 'Component'],
  },
  check(resource, context) {
    if (!isKustomizeResource(resource)) return;
    const info = context.workspace.kustomizations.get(dirname(resource.file.path));
    if (!info || info.file !== resource.file) return;
    for (const ref of info.refs) {
      const problem = problemOf(ref, context.workspace.listing);
      if (problem === MISSING) {
        const report = reportMissing(ref, info, context.workspace);
        if (report) context.report({ ...report, path: ref.path, on: 'value' });
      } else if (problem) context.report({ path: ref.path, on: 'value', message: `${ref.field}: ${problem}` });
    }
  },
};
