import { readdirSync, readFileSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { RepositoryListing } from '../../core/ports.js';

/** Manifest candidates and the full listing of a directory tree, `.gitignore` and `node_modules` respected. */
export interface RepositoryScan {
  readonly root: string;
  /** Repository-relative POSIX paths of YAML/JSON files to lint. */
  readonly manifestPaths: readonly string[];
  readonly listing: RepositoryListing;
  /** `templates/` directories of Helm charts (a `Chart.yaml` beside them): Go templates, not linted until rendered. */
  readonly chartTemplateDirs: readonly string[];
}

const MANIFEST = /\.(ya?ml|json)$/i;
/** Kustomize also reads a kustomization file named plainly `Kustomization`. */
const EXTENSIONLESS_MANIFESTS = new Set(['Kustomization']);
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

/**
 * Symbolic links are followed only inside the repository: a link whose real path is outside the scanned root
 * (`-> ../..`, `-> /`, `-> /proc`) is neither listed nor read (a repository must never make us read arbitrary
 * files; Flux and Argo CD refuse such links too), and a linked directory already walked (a link back to an
 * ancestor, or a second name for a directory) is not walked again: paths through it are listed as its target's.
 */
export function scanRepository(root: string): RepositoryScan {
  const entries = new Map<string, 'file' | 'directory'>([['', 'directory']]);
  const manifestPaths: string[] = [];
  const chartTemplateDirs: string[] = [];
  const rulesOfDir = new Map<string, readonly { base: string; ig: Ignore }[]>();
  /** Real paths of the directories walked. */
  const visited = new Set<string>();
  /** Linked directories, walked after every real one (so a directory is walked by its own name first). */
  const linkedDirs: { path: string; real: string; rules: readonly { base: string; ig: Ignore }[]; inChartTemplates: boolean }[] = [];
  /** A linked directory not walked (its target was): its path, and its target's repository-relative path. */
  const aliases = new Map<string, string>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { root, manifestPaths, listing: { entryType: (path) => entries.get(path), isIgnored: () => false }, chartTemplateDirs };
  }
  const walk = (dir: string, rules: readonly { base: string; ig: Ignore }[], inChartTemplates: boolean) => {
    let dirents: Dirent[];
    let real: string;
    try {
      real = realpathSync(join(root, dir));
      dirents = readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return; // unreadable directory: its contents are simply not linted
    }
    if (visited.has(real)) return;
    visited.add(real);
    const has = (name: string) => dirents.some((d) => d.name === name);
    const gitignore = has('.gitignore') ? readInside(realRoot, join(root, dir, '.gitignore')) : undefined;
    const local = gitignore !== undefined ? [...rules, { base: dir, ig: ignore().add(gitignore) }] : rules;
    rulesOfDir.set(dir, local);
    const isChart = has('Chart.yaml');
    for (const dirent of dirents) {
      const { name } = dirent;
      if (ALWAYS_SKIPPED.has(name)) continue;
      const path = dir ? `${dir}/${name}` : name;
      const target = entryOf(realRoot, join(root, path), dirent);
      if (!target) continue; // gone, a dangling link, or a link out of the repository
      const isDir = target.isDirectory;
      if (isIgnored(local, path, isDir)) continue;
      entries.set(path, isDir ? 'directory' : 'file');
      const templates = inChartTemplates || (isChart && isDir && name === 'templates');
      if (templates && !inChartTemplates) chartTemplateDirs.push(path);
      if (isDir && target.linkedReal !== undefined) linkedDirs.push({ path, real: target.linkedReal, rules: local, inChartTemplates: templates });
      else if (isDir) walk(path, local, templates);
      else if ((MANIFEST.test(name) || EXTENSIONLESS_MANIFESTS.has(name)) && !templates) manifestPaths.push(path);
    }
  };
  walk('', [], false);
  for (let i = 0; i < linkedDirs.length; i++) {
    const link = linkedDirs[i]!;
    if (visited.has(link.real)) aliases.set(link.path, toPosixRelative(realRoot, link.real));
    else walk(link.path, link.rules, link.inChartTemplates);
  }
  const entryType = (path: string): 'file' | 'directory' | undefined => entries.get(resolveAliases(aliases, path));
  const isIgnoredPath = (path: string): boolean => {
    if (entryType(path)) return false; // listed, so not ignored
    let dir = path;
    do dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    while (dir !== '' && !rulesOfDir.has(dir));
    const rules = rulesOfDir.get(dir) ?? [];
    return isIgnored(rules, path, false) || isIgnored(rules, path, true);
  };
  return { root, manifestPaths, listing: { entryType, isIgnored: isIgnoredPath }, chartTemplateDirs };
}

/**
 * An entry's type, and for a symbolic link its real path; undefined when it leads out of the repository, is
 * dangling or gone, or is neither a directory nor a regular file (a FIFO or a device is never read).
 */
function entryOf(realRoot: string, file: string, dirent: Dirent): { isDirectory: boolean; linkedReal?: string } | undefined {
  if (dirent.isDirectory()) return { isDirectory: true };
  if (dirent.isFile()) return { isDirectory: false };
  if (!dirent.isSymbolicLink()) return undefined;
  try {
    const real = realpathSync(file);
    const stats = statSync(real);
    return isInside(realRoot, real) && (stats.isDirectory() || stats.isFile()) ? { isDirectory: stats.isDirectory(), linkedReal: real } : undefined;
  } catch {
    return undefined; // a dangling link
  }
}

/** A path through linked directories that were not walked, as the path of what they link to. */
function resolveAliases(aliases: ReadonlyMap<string, string>, path: string): string {
  if (aliases.size === 0) return path;
  // Each step replaces one link by its target; links to each other could go round, so the steps are bounded.
  for (let step = 0; step < 40; step++) {
    let link: string | undefined;
    for (const candidate of aliases.keys()) if (path.startsWith(`${candidate}/`) && (!link || candidate.length > link.length)) link = candidate;
    if (link === undefined) return path;
    const target = aliases.get(link)!;
    const rest = path.slice(link.length + 1);
    path = target ? `${target}/${rest}` : rest;
  }
  return path;
}

/** Whether a real path is the repository's real root or inside it. */
export function isInside(realRoot: string, real: string): boolean {
  return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : `${realRoot}${sep}`);
}

function isIgnored(rules: readonly { base: string; ig: Ignore }[], path: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const rel = base ? path.slice(base.length + 1) : path;
    if (rel && ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** A file's text when its real path is inside the repository, else (or unreadable) undefined. */
export function readInside(realRoot: string, file: string): string | undefined {
  try {
    return isInside(realRoot, realpathSync(file)) ? readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export function toPosixRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
