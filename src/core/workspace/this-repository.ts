// Which sources are "this repository": the Flux GitRepository of the bootstrap (or one with its URL and
// branch), and the Argo CD repoURL of this checkout (from git's remotes when the adapter could ask git, else
// a heuristic over the repository's own Applications). A source that is another repository says nothing
// about this repository's directories.
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { groupOf } from '../resource/resource-key.js';
import { normalizePath } from '../text/posix-path.js';
import { perWorkspace } from './per-workspace.js';
import type { WorkspaceIndex } from './workspace-index.js';

export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const FLUX_BOOTSTRAP_NAME = 'flux-system';

export function namespacesMatch(a: string, b: string): boolean {
  return a === '' || b === '' || a === b;
}

/** Git URLs compared loosely: scheme, user, `.git` suffix, trailing slash and case do not matter. */
export function normalizeGitUrl(url: string): string {
  return url.trim().toLowerCase()
    .replace(/^[a-z+]+:\/\//, '')
    .replace(/^[^@/]+@/, '')
    .replace(/^([^/:]+):(?!\d+\/)/, '$1/')
    .replace(/:\d+\//, '/')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}

/** The source object a `sourceRef` names, searched in the referrer's namespace when the ref names none. */
export function findFluxSource(workspace: WorkspaceIndex, ref: unknown, referrer: ManifestResource): ManifestResource | undefined {
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : referrer.namespace;
  return workspace.resourcesByKind(ref.kind).find((r) => groupOf(r.apiVersion) === FLUX_SOURCE_GROUP && r.name === ref.name && namespacesMatch(r.namespace, namespace));
}

/**
 * Whether a Kustomization's sourceRef is this repository. Heuristic: the bootstrap GitRepository
 * (`flux-system`) is the repository Flux was bootstrapped from, which is this one; another GitRepository
 * counts when its URL and ref (branch, tag) are the bootstrap one's, or, at the repository root, when its URL
 * is one of git's remotes on the default branch. Without either, only a GitRepository named `flux-system` counts.
 */
export function isThisRepository(workspace: WorkspaceIndex, ref: unknown, referrer: ManifestResource): boolean {
  if (!isRecord(ref) || ref.kind !== 'GitRepository' || typeof ref.name !== 'string') return false;
  if (ref.name === FLUX_BOOTSTRAP_NAME) return true;
  const self = workspace.resourcesByKind('GitRepository').filter((r) => r.name === FLUX_BOOTSTRAP_NAME && groupOf(r.apiVersion) === FLUX_SOURCE_GROUP);
  const source = findFluxSource(workspace, ref, referrer);
  const url = source ? getAt(source.object, ['spec', 'url']) : undefined;
  if (!source || typeof url !== 'string') return false;
  if (isGitRemote(workspace, url) && isDefaultBranch(getAt(source.object, ['spec', 'ref']))) return true;
  // Same URL and the same branch/tag: another branch of this repository may hold other folders.
  const checkout = JSON.stringify(getAt(source.object, ['spec', 'ref']) ?? null);
  return self.some((r) => {
    const selfUrl = getAt(r.object, ['spec', 'url']);
    return typeof selfUrl === 'string' && normalizeGitUrl(selfUrl) === normalizeGitUrl(url) && JSON.stringify(getAt(r.object, ['spec', 'ref']) ?? null) === checkout;
  });
}

/** At the repository root, whether a URL is one of git's remotes (false when git was not asked). */
export function isGitRemote(workspace: WorkspaceIndex, url: string): boolean {
  if (workspace.repository?.prefix !== '') return false;
  const wanted = normalizeGitUrl(url);
  return workspace.repository.remoteUrls.some((remote) => normalizeGitUrl(remote) === wanted);
}

function isDefaultBranch(ref: unknown): boolean {
  if (!isRecord(ref)) return true;
  const branch = ref.branch;
  return Object.keys(ref).length === 0 || (Object.keys(ref).length === 1 && typeof branch === 'string' && ['main', 'master'].includes(branch));
}

export interface GitSource {
  readonly url: string;
  /** Which checkout: the default branch ('', HEAD, main, master) or a named branch/tag. */
  readonly revision: string;
  readonly dir: string;
  readonly path: (string | number)[];
}

/** Git sources with a path (Helm charts, `ref:`-only value sources and templated paths are not paths). */
export function argoGitSources(app: ManifestResource): GitSource[] {
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

export function isArgoApplication(r: ManifestResource): boolean {
  return r.kind === 'Application' && groupOf(r.apiVersion) === 'argoproj.io';
}

/**
 * Which repoURL (and revision) is this checkout: the one of git's remotes when the adapter asked git, else,
 * heuristically, among the Git sources of the repository's own
 * Applications, the URL and revision with the most paths that exist here (ties: the most used). Nothing
 * qualifies when none of its paths exists, which also keeps the rule quiet when a subfolder is linted.
 */
export const thisRepository = perWorkspace((workspace: WorkspaceIndex): { url: string; revision: string } | undefined => {
  // Git knows, when the linted folder is the repository root: a source is this repository when its repoURL is one
  // of the checkout's remotes (default branch or HEAD: the linted tree is what the default branch will hold).
  // A fork's remote matches nothing, and a subfolder's paths are the fixture's own: the heuristic then.
  const remotes = new Set(workspace.repository?.prefix === '' ? workspace.repository.remoteUrls.map(normalizeGitUrl) : []);
  for (const app of remotes.size > 0 ? workspace.resourcesByKind('Application') : []) {
    if (!isArgoApplication(app)) continue;
    const own = argoGitSources(app).find((s) => remotes.has(s.url) && s.revision === 'default');
    if (own) return { url: own.url, revision: own.revision };
  }
  const stats = new Map<string, { url: string; revision: string; existing: number; total: number }>();
  for (const app of workspace.resourcesByKind('Application')) {
    if (!isArgoApplication(app)) continue;
    for (const s of argoGitSources(app)) {
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

