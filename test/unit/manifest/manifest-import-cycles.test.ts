// src/core/manifest is the bottom of core: its files import nothing that imports them back (type-only imports
// included, as tsc and bundlers follow those too). A scan of the relative imports, no tool needed.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';

const CORE = 'src/core';
const IMPORT = /^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms;

function coreFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? coreFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The cycles (as paths of files) that pass through a file under `within`. */
function cyclesThrough(within: string): string[][] {
  const graph = new Map<string, string[]>();
  for (const file of coreFiles(CORE)) {
    const text = readFileSync(file, 'utf8');
    graph.set(file, [...text.matchAll(IMPORT)].map((m) => normalize(join(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')))));
  }
  const cycles: string[][] = [];
  for (const start of [...graph.keys()].filter((f) => f.startsWith(within))) {
    // Depth-first from `start`: any path back to it is a cycle.
    const stack: { file: string; path: string[] }[] = [{ file: start, path: [start] }];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const { file, path } = stack.pop() as { file: string; path: string[] };
      for (const next of graph.get(file) ?? []) {
        if (next === start) cycles.push([...path, start]);
        else if (!seen.has(next) && graph.has(next)) {
          seen.add(next);
          stack.push({ file: next, path: [...path, next] });
        }
      }
    }
  }
  return cycles;
}

test('no import cycle passes through src/core/manifest', () => {
  assert.deepEqual(cyclesThrough(join(CORE, 'manifest')).map((c) => c.join(' → ')), []);
});
