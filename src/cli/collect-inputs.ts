import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config/lint-config.js';
import type { ManifestFile } from '../core/manifest/manifest-types.js';
import { parseManifest } from '../core/manifest/parse-manifest.js';
import type { RepositoryFacts, RepositoryListing } from '../core/ports.js';
import { normalizePath } from '../core/text/posix-path.js';
import { scanRepository } from '../adapters/fs/scan-repository.js';
import { readRepositoryFacts } from '../adapters/git/read-repository-facts.js';
import { UsageError } from './parse-args.js';

/** One workspace to lint: its manifests and what exists around them (for reference checks). */
export interface LintInput {
  /** Prefix shown before repository-relative paths (the directory argument as given, or ''). */
  readonly displayRoot: string;
  readonly files: ManifestFile[];
  readonly listing: RepositoryListing;
  /** What git says about a directory argument (undefined for loose files and outside git). */
  readonly repository?: RepositoryFacts;
  readonly unreadable: { path: string; reason: string }[];
  /** Helm chart `templates/` directories the scan left out (repository-relative). */
  readonly chartTemplateDirs?: readonly string[];
  /** True for files named on the command line and `-`: one with no object is said to be skipped. */
  readonly isNamedFiles?: boolean;
}

const isKubernetesJson = (text: string) => text.includes('"apiVersion"') && text.includes('"kind"');

/** Directory arguments become one workspace each; file arguments (and `-`) share one workspace. */
export function collectInputs(args: readonly string[], readStdin: () => string): LintInput[] {
  const inputs: LintInput[] = [];
  const loose: LintInput = { displayRoot: '', files: [], listing: { entryType: fsEntryType }, unreadable: [], isNamedFiles: true };
  for (const arg of args.length ? args : ['.']) {
    if (arg === '-') {
      loose.files.push(parseManifest('<stdin>', readStdin()));
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      throw new UsageError(`no such file or directory: ${arg}`);
    }
    if (isDir) {
      const scan = scanRepository(arg);
      const repository = readRepositoryFacts(arg);
      const input: LintInput = { displayRoot: normalizePath(arg), files: [], listing: scan.listing, ...(repository ? { repository } : {}), unreadable: [], chartTemplateDirs: scan.chartTemplateDirs };
      for (const path of scan.manifestPaths) if (path !== CONFIG_FILE_NAME) readInto(input, join(arg, path), path);
      inputs.push(input);
    } else {
      readInto(loose, arg, normalizePath(arg));
    }
  }
  if (loose.files.length || loose.unreadable.length) inputs.push(loose);
  return inputs;
}

function readInto(input: LintInput, fsPath: string, path: string): void {
  let text: string;
  try {
    text = readFileSync(fsPath, 'utf8');
  } catch (error) {
    input.unreadable.push({ path, reason: (error as NodeJS.ErrnoException).code ?? String(error) });
    return;
  }
  if (/\.json$/i.test(path) && !isKubernetesJson(text)) return;
  input.files.push(parseManifest(path, text));
}

function fsEntryType(path: string): 'file' | 'directory' | undefined {
  try {
    return statSync(path || '.').isDirectory() ? 'directory' : 'file';
  } catch {
    return undefined;
  }
}
