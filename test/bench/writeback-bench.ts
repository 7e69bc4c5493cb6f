// Write-back figures (printed, never asserted): the unified diff of a long file, writing a plan, and the Git
// side (preflight, commit on a new branch, push to a bare origin) in a repository of many files.
// Run: npm run bench:writeback
import { performance } from 'node:perf_hooks';
import { commitOnNewBranch, preflightWriteBack } from '../../src/adapters/git/git-writeback.js';
import { applyPlanToFiles } from '../../src/adapters/writeback/apply-plan-to-files.js';
import type { EditPlan } from '../../src/core/edit/edit-plan.js';
import { renderUnifiedDiff } from '../../src/core/writeback/unified-diff.js';
import { createGitSandbox } from '../support/git-sandbox.js';

function figures(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(2);
  console.log(`${label.padEnd(58)} min ${at(0)} ms  median ${at(0.5)} ms  max ${at(1)} ms  (${samples.length} runs)`);
}

function time(fn: () => unknown, runs: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

async function timeAsync(fn: (i: number) => Promise<unknown>, runs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

const LINES = 20_000;
const before = Array.from({ length: LINES }, (_, i) => (i % 25 === 0 ? '---\napiVersion: v1' : `  key${i}: value-${i}`)).join('\n') + '\n';
const edited = (positions: number[]) => before.split('\n').map((l, i) => (positions.includes(i) ? `${l}-live` : l)).join('\n');
const oneEdit = edited([LINES / 2]);
const farApart = edited([5, LINES - 15]);
const spread = edited(Array.from({ length: 200 }, (_, i) => i * 97 + 3));
figures(`unified diff, ${LINES} lines, 1 edit`, time(() => renderUnifiedDiff([{ path: 'a.yaml', before, after: oneEdit }]), 20));
figures(`unified diff, ${LINES} lines, 2 edits ${LINES - 20} lines apart`, time(() => renderUnifiedDiff([{ path: 'a.yaml', before, after: farApart }]), 20));
figures(`unified diff, ${LINES} lines, 200 edits spread out`, time(() => renderUnifiedDiff([{ path: 'a.yaml', before, after: spread }]), 10));

const FILES = 2000;
const files: Record<string, string> = {};
for (let i = 0; i < FILES; i++) files[`apps/app-${i}/deployment.yaml`] = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\nspec:\n  replicas: 2\n`;
async function benchGit(): Promise<void> {
const box = createGitSandbox(files);
try {
  const planFor = (i: number, value: number): EditPlan => ({
    files: [{ path: `apps/app-${i}/deployment.yaml`, edits: [{ path: `apps/app-${i}/deployment.yaml`, range: { start: { line: 5, character: 12 }, end: { line: 5, character: 13 } }, newText: String(value) }] }],
    fields: [], summary: [], commitMessage: `Codify live change: app-${i}`, refused: [],
  });
  figures(`preflight, ${FILES} tracked files`, await timeAsync(() => preflightWriteBack({ root: box.repo, files: ['apps/app-1/deployment.yaml'], branch: 'bench-x', push: true }), 10));
  figures('apply a one-file plan (check, temp file, rename)', time(() => {
    const i = 3;
    const text = box.read(`apps/app-${i}/deployment.yaml`);
    const value = Number(/replicas: (\d)/.exec(text)?.[1]) === 2 ? 3 : 2;
    applyPlanToFiles(box.repo, planFor(i, value), new Map([[`apps/app-${i}/deployment.yaml`, text]]));
  }, 20));
  box.git(['checkout', '--quiet', '--', '.']);
  figures(`commit on a new branch (no push), ${FILES} files`, await timeAsync(async (run) => {
    const base = box.git(['symbolic-ref', '--short', 'HEAD']).trim();
    box.write(`apps/app-${run}/deployment.yaml`, box.read(`apps/app-${run}/deployment.yaml`).replace('replicas: 2', 'replicas: 5'));
    await commitOnNewBranch({ root: box.repo, files: [`apps/app-${run}/deployment.yaml`], branch: `bench-commit-${run}`, message: 'bench', push: false });
    box.git(['switch', '--quiet', base]);
  }, 8));
  figures(`commit on a new branch and push to a bare origin, ${FILES} files`, await timeAsync(async (run) => {
    const base = box.git(['symbolic-ref', '--short', 'HEAD']).trim();
    box.write(`apps/app-${100 + run}/deployment.yaml`, box.read(`apps/app-${100 + run}/deployment.yaml`).replace('replicas: 2', 'replicas: 6'));
    await commitOnNewBranch({ root: box.repo, files: [`apps/app-${100 + run}/deployment.yaml`], branch: `bench-push-${run}`, message: 'bench', push: true });
    box.git(['switch', '--quiet', base]);
  }, 8));
} finally {
  box.remove();
}
}

void benchGit();
