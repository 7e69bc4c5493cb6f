// Measures drift on the corpus repositories: each repository's GitOps units applied to a fresh test cluster as
// their agent would (test/drift/corpus-agent-apply.ts), then `drift --env` per unit; prints per repository the
// objects applied, the status counts and the drift run time. Usage:
//   npx tsx test/support/measure-corpus-drift.ts [repo ...]   (default: every repository of test/fixtures/corpus)
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { applyUnit, copyRepository, corpusUnits, startAgentCluster } from '../drift/corpus-agent-apply.js';
import { runDriftCli } from '../drift/drift-e2e-support.js';

const CORPUS = 'test/fixtures/corpus'; // run from the repository root
const STATUSES = ['Synced', 'Drifted', 'Missing', 'Orphan', 'Unknown'] as const;

interface DriftJson {
  summary?: Record<string, number>;
  resources?: { id: string; status: string; reason?: string; fields?: { path: string; change: string; git?: unknown; live?: unknown; reason?: string }[] }[];
  error?: unknown;
}

async function main(): Promise<void> {
const repos = process.argv.slice(2).length > 0 ? process.argv.slice(2) : readdirSync(CORPUS).sort();
const verbose = process.env.VERBOSE === '1';
for (const arg of repos) {
  // A corpus repository's name, or a directory (a repository exported elsewhere, e.g. with the fetch tool).
  const name = arg.includes('/') ? basename(arg) : arg;
  const repo = copyRepository(arg.includes('/') ? arg : join(CORPUS, name));
  const cluster = await startAgentCluster();
  try {
    const units = corpusUnits(name, repo.dir);
    if (units.settings) writeFileSync(join(repo.dir, '.gitops-authoring.yaml'), units.settings);
    // Twice: a unit applied before the one creating its namespace or CRD succeeds the second time (dependsOn).
    for (const u of units.units) await applyUnit(cluster, repo.dir, u);
    const totals = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<string, number>;
    let objects = 0;
    let slowest = 0;
    let skipped = 0;
    for (const u of units.units) {
      const applied = await applyUnit(cluster, repo.dir, u);
      objects += applied.objects;
      if (applied.skipped) skipped++;
      const t0 = performance.now();
      const r = await runDriftCli([repo.dir, '--env', u.env, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
      slowest = Math.max(slowest, performance.now() - t0);
      let out: DriftJson;
      try {
        out = JSON.parse(r.stdout) as DriftJson;
      } catch {
        out = { error: r.stderr.trim() || r.stdout.trim() };
      }
      for (const s of STATUSES) totals[s] = (totals[s] ?? 0) + (out.summary?.[s] ?? 0);
      const bad = (out.resources ?? []).filter((x) => x.status !== 'Synced').sort((a, b) => Number(a.status === 'Unknown') - Number(b.status === 'Unknown'));
      if (verbose || out.error) {
        console.log(`  ${u.env} (${u.agent} ${u.path || '.'}): applied ${applied.objects}${applied.skipped ? ` skipped: ${applied.skipped}` : ''} ${JSON.stringify(out.summary ?? out.error)}`);
        for (const f of applied.failures.slice(0, 5)) console.log(`    apply: ${f}`);
        for (const b of bad.slice(0, 15)) console.log(`    ${b.status} ${b.id} ${b.reason ?? ''} ${JSON.stringify((b.fields ?? []).slice(0, 3).map((f) => [f.path, f.change, f.git, f.live]))}`);
      }
    }
    // The whole repository at once (no --env): every environment's objects in one comparison.
    const t0 = performance.now();
    const whole = await runDriftCli([repo.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
    const wholeMs = performance.now() - t0;
    const wholeSummary = (JSON.parse(whole.stdout || '{}') as DriftJson).summary;
    console.log(`  whole repository: ${JSON.stringify(wholeSummary)} in ${wholeMs.toFixed(0)} ms`);
    console.log(`${name}: units ${units.units.length} (skipped ${skipped}), applied ${objects}, ${STATUSES.map((s) => `${s} ${totals[s]}`).join(', ')}, slowest drift run ${slowest.toFixed(0)} ms`);
  } finally {
    await cluster.stop();
    repo.cleanup();
  }
}
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
