// The keystroke path (only changed YAML documents re-linted, other findings shifted) gives exactly what a
// whole-file lint gives, for edits that do not reach across documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LINT_CONFIG } from '../../src/core/config/lint-config.js';
import { RULES } from '../../src/core/lint/rule-list.js';
import { IncrementalLinter } from '../../src/server/incremental-lint.js';
import { nodeWorkspaceSource } from '../../src/server/node-workspace-source.js';
import { WorkspaceState } from '../../src/server/workspace-state.js';
import { generateBenchManifest } from '../bench/lsp-bench-manifest.js';

/** A small deterministic pseudo-random sequence (no Math.random in tests). */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x;
  }
}

const EDITS: ((lines: string[], n: number) => void)[] = [
  // change a character inside a quoted value
  (lines, n) => {
    const candidates = lines.map((l, i) => (/: "[^"]/.test(l) ? i : -1)).filter((i) => i >= 0);
    const i = candidates[n % candidates.length] as number;
    lines[i] = (lines[i] as string).replace(': "', `: "${String.fromCharCode(97 + (n % 26))}`);
  },
  // insert a comment line somewhere (shifts every later document)
  (lines, n) => lines.splice(n % lines.length, 0, `# note ${n}`),
  // add a whole new document at the end, with a finding of its own
  (lines, n) => lines.push('---', 'apiVersion: v1', 'kind: Pod', 'metadata:', `  name: extra-${n}`, 'spec:', '  containers:', '    - name: c', '      image: busybox'),
  // break the YAML of one document, then it is re-linted alone
  (lines, n) => {
    const i = lines.findIndex((l, j) => j >= n % lines.length && l.startsWith('  labels:'));
    if (i !== -1) lines[i] = '  labels: [';
  },
];

describe('incremental lint', () => {
  it('matches a whole-file lint after each of 60 edits', () => {
    const state = new WorkspaceState(nodeWorkspaceSource, undefined);
    const incremental = new IncrementalLinter({ rules: RULES });
    const lines = generateBenchManifest(12, 600).split('\n');
    const random = numbers(42);
    let relintedDocuments = 0;
    let reusedDocuments = 0;
    for (let step = 0; step < 60; step++) {
      const n = random.next().value as number;
      if (step > 0) (EDITS[n % EDITS.length] as (l: string[], n: number) => void)(lines, n >> 3);
      state.setOpen('file:///repo/apps.yaml', 'apps.yaml', step + 1, lines.join('\n'));
      const index = state.index();
      const fast = incremental.lint(index, 'apps.yaml', DEFAULT_LINT_CONFIG, state.dependencyKey);
      const full = new IncrementalLinter({ rules: RULES }).lintFull(index, 'apps.yaml', DEFAULT_LINT_CONFIG, state.dependencyKey);
      assert.deepEqual(strip(fast), strip(full), `step ${step}`);
      if (step > 0) {
        relintedDocuments += incremental.lastRun.linted;
        reusedDocuments += incremental.lastRun.reused;
      }
    }
    // The fast path did run: most documents were reused, not linted again.
    assert.ok(reusedDocuments > 5 * relintedDocuments, `reused ${reusedDocuments}, re-linted ${relintedDocuments}`);
  });
});

/** Findings as plain data (fix titles and edits included), order-insensitive for equal positions. */
function strip(findings: readonly unknown[]): string[] {
  return findings.map((f) => JSON.stringify(f)).sort();
}
