// Every file under a directory, keyed by `prefix/` + its POSIX path relative to the directory (the shape
// LspTestSession's in-memory workspaces take).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export function readTree(dir: string, prefix: string, root = dir, into: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) readTree(path, prefix, root, into);
    else into[`${prefix}/${relative(root, path).split('\\').join('/')}`] = readFileSync(path, 'utf8');
  }
  return into;
}
