// Kinds a newer Kubernetes serves than the newest version we bundle schemas for (read from the type
// declarations of a newer `kubernetes-models`): objects of those kinds are "not validated" (info), not
// "unknown kind" errors, while the default Kubernetes version is our newest.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** apiVersion → kinds declared by `<pkg>/<group or v1>/<version>/<Kind>.d.ts` with literal apiVersion and kind. */
export function extractModelKinds(packageDir: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const isDir = (path: string) => statSync(path).isDirectory();
  const scan = (dir: string) => {
    for (const file of readdirSync(dir)) {
      if (!file.endsWith('.d.ts') || file === 'index.d.ts' || file.endsWith('List.d.ts')) continue;
      const text = readFileSync(join(dir, file), 'utf8');
      const m = /"apiVersion": "([^"]+)";\s*"kind": "([^"]+)";/.exec(text);
      if (!m) continue;
      const kinds = out.get(m[1]!) ?? new Set<string>();
      kinds.add(m[2]!);
      out.set(m[1]!, kinds);
    }
  };
  for (const top of readdirSync(packageDir)) {
    const topDir = join(packageDir, top);
    if (top.startsWith('_') || top === 'node_modules' || !isDir(topDir)) continue;
    if (/^v\d/.test(top)) scan(topDir);
    else for (const version of readdirSync(topDir)) if (/^v\d/.test(version) && isDir(join(topDir, version))) scan(join(topDir, version));
  }
  return out;
}

/** The kinds of `newer` that `bundled` (apiVersion → kind → root) lacks. */
export function kindsMissingFrom(newer: Map<string, Set<string>>, bundled: Map<string, Map<string, string>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [apiVersion, kinds] of [...newer].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const missing = [...kinds].filter((kind) => !bundled.get(apiVersion)?.has(kind)).sort();
    if (missing.length) out[apiVersion] = missing;
  }
  return out;
}
