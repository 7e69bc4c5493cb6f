import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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

export function scanRepository(root: string): RepositoryScan {
  const entries = new Map<string, 'file' | 'directory'>([['', 'directory']]);
  const manifestPaths: string[] = [];
  const chartTemplateDirs: string[] = [];
  const rulesOfDir = new Map<string, readonly { base: string; ig: Ignore }[]>();
  // `ancestors`: real paths of the directories above this one. A symlink back to one of them (`loop -> .`) is
  // a cycle: followed, it would walk until the path is too long, and two such links double the walk per level.
  const walk = (dir: string, rules: readonly { base: string; ig: Ignore }[], inChartTemplates: boolean, ancestors: ReadonlySet<string>) => {
    let names: string[];
    let real: string;
    try {
      real = realpathSync(join(root, dir));
      names = readdirSync(join(root, dir)).sort();
    } catch {
      return; // unreadable directory: its contents are simply not linted
    }
    if (ancestors.has(real)) return;
    const within = new Set(ancestors).add(real);
    const local = names.includes('.gitignore') ? [...rules, { base: dir, ig: ignore().add(safeRead(join(root, dir, '.gitignore'))) }] : rules;
    rulesOfDir.set(dir, local);
    const isChart = names.includes('Chart.yaml');
    for (const name of names) {
      if (ALWAYS_SKIPPED.has(name)) continue;
      const path = dir ? `${dir}/${name}` : name;
      let isDir: boolean;
      try {
        isDir = statSync(join(root, path)).isDirectory();
      } catch {
        continue; // dangling symlink
      }
      if (isIgnored(local, path, isDir)) continue;
      entries.set(path, isDir ? 'directory' : 'file');
      const templates = inChartTemplates || (isChart && isDir && name === 'templates');
      if (templates && !inChartTemplates) chartTemplateDirs.push(path);
      if (isDir) walk(path, local, templates, within);
      else if ((MANIFEST.test(name) || EXTENSIONLESS_MANIFESTS.has(name)) && !templates) manifestPaths.push(path);
    }
  };
  walk('', [], false, new Set());
  const isIgnoredPath = (path: string): boolean => {
    if (entries.has(path)) return false; // listed, so not ignored
    let dir = path;
    do dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
    while (dir !== '' && !rulesOfDir.has(dir));
    const rules = rulesOfDir.get(dir) ?? [];
    return isIgnored(rules, path, false) || isIgnored(rules, path, true);
  };
  return { root, manifestPaths, listing: { entryType: (path) => entries.get(path), isIgnored: isIgnoredPath }, chartTemplateDirs };
}

function isIgnored(rules: readonly { base: string; ig: Ignore }[], path: string, isDir: boolean): boolean {
  for (const { base, ig } of rules) {
    const rel = base ? path.slice(base.length + 1) : path;
    if (rel && ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

export function toPosixRelative(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}
