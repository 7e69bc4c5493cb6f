// `npm run bench:engine`: CLI throughput on one core, cold and incremental validation of a 5,000-line file,
// and peak memory. Prints figures; goals are in docs/performance.md.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LINT_CONFIG } from '../../src/core/config/lint-config.js';
import { lintWorkspace } from '../../src/core/lint/lint-engine.js';
import { RULES } from '../../src/core/lint/rule-list.js';
import { parseManifest, type DocumentParseCache } from '../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../src/core/workspace/workspace-index.js';
import { createValidator } from '../../src/cli/engine-validator.js';
import { generatedFileOfLines, generatedStream } from './generate-manifests.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] as number;

function cliThroughput(): void {
  const dir = mkdtempSync(join(tmpdir(), 'ga-bench-'));
  try {
    for (let f = 0; f < 100; f++) writeFileSync(join(dir, `file-${f}.yaml`), generatedStream(100, f * 100));
    const oneCore = spawnSync('taskset', ['--version']).status === 0 ? ['taskset', '-c', '0'] : [];
    const runs: number[] = [];
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      const [cmd, ...args] = [...oneCore, process.execPath, 'dist/cli.js', 'lint', dir, '--format', 'json'];
      const out = spawnSync(cmd as string, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
      runs.push(performance.now() - t);
      if (out.status === 2) throw new Error(`CLI failed: ${out.stderr}`);
      if (r === 0) {
        const summary = (JSON.parse(out.stdout) as { summary: { resources: number } }).summary;
        if (summary.resources !== 10_000) throw new Error(`expected 10,000 resources, CLI saw ${summary.resources}`);
      }
    }
    const ms = median(runs);
    console.log(`CLI, 10,000 documents in 100 files${oneCore.length ? ' on one core' : ''}: ${ms.toFixed(0)} ms (median of 3, process start included) → ${(10_000 / (ms / 1000)).toFixed(0)} documents/s (goal ≥ 3,000/s)`);
    const rss = peakRssMiB([...oneCore, process.execPath, 'dist/cli.js', 'lint', dir, '--format', 'json']);
    if (rss !== undefined) console.log(`CLI peak RSS on those 10,000 documents: ${rss.toFixed(0)} MiB`);
    compareWithYamllint(dir, oneCore, ms);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Peak resident memory of a command, through GNU time when the machine has it. */
function peakRssMiB(command: string[]): number | undefined {
  if (spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status !== 0) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...command], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const kb = Number(r.stderr.trim().split('\n').pop());
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}

/**
 * yamllint is what many CI pipelines run on manifests today (Debian package `yamllint`). It checks YAML syntax
 * and style only — no schemas, no GitOps rules — so it is a lower bound on the work a linter does.
 */
function compareWithYamllint(dir: string, oneCore: string[], ourMs: number): void {
  if (spawnSync('yamllint', ['--version']).status !== 0) {
    console.log('yamllint: not installed (apt-get install yamllint) — comparison skipped');
    return;
  }
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const [cmd, ...args] = [...oneCore, 'yamllint', '-d', 'relaxed', '-f', 'parsable', dir];
    spawnSync(cmd as string, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    runs.push(performance.now() - t);
  }
  const ms = median(runs);
  console.log(`yamllint 'relaxed' (syntax and style only) on the same files: ${ms.toFixed(0)} ms → ${(10_000 / (ms / 1000)).toFixed(0)} documents/s; gitops-authoring (schemas + rules) is ${(ms / ourMs).toFixed(1)}× its speed`);
}

function editorValidation(): void {
  const text = generatedFileOfLines(5000, 100);
  const validator = createValidator();
  const lint = (file: ReturnType<typeof parseManifest>) =>
    lintWorkspace(buildWorkspaceIndex([file], { entryType: () => undefined }), DEFAULT_LINT_CONFIG, { rules: RULES, validator });
  const cache: DocumentParseCache = new Map();
  let t = performance.now();
  lint(parseManifest('big.yaml', text, undefined, cache));
  const cold = performance.now() - t;

  const changes: number[] = [];
  let current = text;
  for (let i = 0; i < 200; i++) {
    // One-character edit in a document in the middle of the file, alternating so the text really changes.
    current = current.replace(/replicas: \d+/, `replicas: ${(i % 9) + 1}`);
    t = performance.now();
    lint(parseManifest('big.yaml', current, undefined, cache));
    changes.push(performance.now() - t);
  }
  const lines = text.split('\n').length;
  console.log(`Editor file, ${lines} lines / 101 documents: cold ${cold.toFixed(1)} ms; after a one-document change median ${median(changes).toFixed(1)} ms, p95 ${p95(changes).toFixed(1)} ms`);
}

cliThroughput();
editorValidation();
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`Peak RSS of the benchmark process (in-process part): ${peak.toFixed(0)} MiB`);
