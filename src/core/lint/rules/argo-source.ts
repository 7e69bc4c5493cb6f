import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import { normalizePath } from '../../text/posix-path.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import type { Rule } from '../rule.js';
import { normalizeGitUrl } from './flux-repository.js';
import { perWorkspace } from '../../workspace/per-workspace.js';

interface GitSource {
  readonly url: string;
  /** Which checkout: the default branch ('', HEAD, main, master) or a named branch/tag. */
  readonly revision: string;
  readonly dir: string;
  readonly path: (string | number)[];
}

/** Git sources with a path (Helm charts, `ref:`-only value sources and templated paths are not paths). */
function gitSources(app: ManifestResource): GitSource[] {
  const out: GitSource[] = [];
  const add = (source: unknown, path: (string | number)[]) => {
    if (!isRecord(source) || typeof source.repoURL !== 'string' || typeof source.path !== 'string') return;
    if (typeof source.chart === 'string' && source.chart !== '') return;
    if (/^oci:\/\//.test(source.repoURL) || source.path.includes('{{') || source.path.includes('$')) return;
    const dir = normalizePath(source.path);
    if (dir === '..' || dir.startsWith('../')) return;
    out.push({ url: normalizeGitUrl(source.repoURL), revision: revisionClass(source.targetRevision), dir, path: [...path, 'path'] });
  };
  add(getAt(app.object, ['spec', 'source']), ['spec', 'source']);
  const list = getAt(app.object, ['spec', 'sources']);
  if (Array.isArray(list)) list.forEach((s, i) => add(s, ['spec', 'sources', i]));
  return out;
}

function revisionClass(revision: unknown): string {
  const r = typeof revision === 'string' || typeof revision === 'number' ? String(revision).trim() : '';
  return ['', 'HEAD', 'main', 'master'].includes(r) ? 'default' : r;
}

function isApplication(r: ManifestResource): boolean {
  return r.kind === 'Application' && groupOf(r.apiVersion) === 'argoproj.io';
}

/**
 * Which repoURL (and revision) is this checkout. Heuristic: among the Git sources of the repository's own
 * Applications, the URL and revision with the most paths that exist here (ties: the most used). Nothing
 * qualifies when none of its paths exists, which also keeps the rule quiet when a subfolder is linted.
 */
export const thisRepository = perWorkspace((workspace: WorkspaceIndex): { url: string; revision: string } | undefined => {
  const stats = new Map<string, { url: string; revision: string; existing: number; total: number }>();
  for (const app of workspace.resourcesByKind('Application')) {
    if (!isApplication(app)) continue;
    for (const s of gitSources(app)) {
      const key = `${s.url} ${s.revision}`;
      const st = stats.get(key) ?? { url: s.url, revision: s.revision, existing: 0, total: 0 };
      st.total++;
      if (s.dir === '' || workspace.listing.entryType(s.dir) === 'directory') st.existing++;
      stats.set(key, st);
    }
  }
  let best: { url: string; revision: string; existing: number; total: number } | undefined;
  for (const st of stats.values()) {
    if (!best || st.existing > best.existing || (st.existing === best.existing && st.total > best.total)) best = st;
  }
  return best && best.existing > 0 ? { url: best.url, revision: best.revision } : undefined;
});

/** The normalized repoURL of this repository, as `thisRepository` decides it. */
export function thisRepositoryUrl(workspace: WorkspaceIndex): string | undefined {
  return thisRepository(workspace)?.url;
}

export const argoSourceRule: Rule = {
  meta: {
    id: 'argo-source',
    title: 'Argo CD source paths exist',
    rationale: 'An Argo CD Application whose `source.path` (or `sources[].path`) does not exist in its repository never syncs ("app path does not exist"). Heuristic: the repository\'s URL and revision are the repoURL and targetRevision whose paths exist here most often among its own Applications (HEAD, main and master count as one); only sources with both are checked, Helm chart sources (`chart`) and OCI sources never.',
    remediation: 'Fix the path (relative to the repository root, no leading slash needed) or the repoURL.',
    defaultSeverity: 'error',
    kinds: ['Application'],
  },
  check(resource, context) {
    if (!isApplication(resource)) return;
    const self = thisRepository(context.workspace);
    if (!self) return;
    for (const source of gitSources(resource)) {
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
