// npm run bench:drift — drift against the test API server holding 10,000 objects (docs/performance.md, "Drift"):
// initial drift after the list completes, watch event → updated result latency (p50/p95), and the memory the
// informer caches add while holding the live objects. Figures, not assertions.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { computeDrift } from '../../src/core/drift/compute-drift.js';
import { desiredFromManifests } from '../../src/core/drift/desired-from-manifests.js';
import type { ResourceDrift } from '../../src/core/drift/drift-types.js';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';
import { extractResources } from '../../src/core/resource/manifest-resource.js';
import { discoverResources } from '../../src/adapters/kube/discovery.js';
import { InformerPool } from '../../src/adapters/kube/informer-pool.js';
import { KubeClient } from '../../src/adapters/kube/kube-client.js';
import { LiveDriftSession, watchTargetsFor } from '../../src/adapters/kube/live-drift-session.js';
import { loadKubeconfig } from '../../src/adapters/kube/load-kubeconfig.js';
import { benchManifestText } from './drift-bench-objects.js';

const COUNT = Number(process.env.DRIFT_BENCH_COUNT ?? 10_000);
const EVENTS = Number(process.env.DRIFT_BENCH_EVENTS ?? 200);

const gc = (globalThis as { gc?: () => void }).gc;
function heapMiB(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function startServer(): Promise<{ kubeconfigPath: string; stop(): void }> {
  // npm scripts run from the repository root.
  const child = fork(join(process.cwd(), 'test/bench/drift-bench-server.ts'), [String(COUNT)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const line = await new Promise<string>((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (c: Buffer) => {
      buffer += c.toString();
      const nl = buffer.indexOf('\n');
      if (nl !== -1) resolve(buffer.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  const { kubeconfigPath } = JSON.parse(line) as { kubeconfigPath: string };
  return { kubeconfigPath, stop: () => child.kill('SIGTERM') };
}

async function main(): Promise<void> {
  if (!gc) console.log('(run with --expose-gc for exact memory figures)');
  const t0 = performance.now();
  const server = await startServer();
  console.log(`test API server with ${COUNT} objects ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (separate process)`);
  try {
    const tParse = performance.now();
    const resources = extractResources(parseManifest('bench/all.yaml', benchManifestText(COUNT)));
    const desired = desiredFromManifests(resources, { defaultNamespace: 'default' });
    const parseMs = performance.now() - tParse;

    const kube = loadKubeconfig({ kubeconfig: server.kubeconfigPath });
    const client = new KubeClient(kube.kc, kube.server, 60_000);
    const targets = watchTargetsFor(desired);
    const heapBefore = heapMiB();
    const tList = performance.now();
    const discovery = await discoverResources(client, targets);
    const pool = new InformerPool(client, discovery, targets);
    // The session exists from the start, as in the server: kinds are computed as their lists complete.
    const session = new LiveDriftSession(pool, { desired });
    pool.start();
    await pool.whenSynced(120_000);
    const listMs = performance.now() - tList;
    const sessionResults = session.results();
    const currentAtSync = sessionResults.filter((r) => r.status !== 'Unknown').length;
    const heapAtSync = heapMiB();

    const tDrift = performance.now();
    const results = computeDrift({ desired, live: pool.objects(), unknownKinds: pool.unknownKinds() });
    const driftMs = performance.now() - tDrift;
    const synced = results.filter((r) => r.status === 'Synced').length;
    const notSynced = results.filter((r) => r.status !== 'Synced');
    if (notSynced.length > 0) console.log('not Synced (first 3):', JSON.stringify(notSynced.slice(0, 3).map((r) => [r.id, r.status, r.reason, r.fields.map((f) => [f.path, f.gitValue, f.liveValue])])));

    // Watch event → updated drift result: patch one ConfigMap at a time (a new value each time, so every
    // patch is a real change), time until the session pushes its result.
    const endToEnd: number[] = [];
    const inProcess: number[] = [];
    let eventAt = 0;
    // Registered before the session's own listener runs: the in-process time covers recompute and push.
    pool.prependListener('change', () => {
      eventAt = performance.now();
    });
    for (let e = 0; e < EVENTS; e++) {
      const i = 4 * (e % Math.floor(COUNT / 4)) + 2;
      const name = `cm-${i}`;
      const ns = `bench-${i % 10}`;
      const pushed = new Promise<ResourceDrift>((resolve) => {
        const on = (upserted: readonly ResourceDrift[]) => {
          const r = upserted.find((x) => x.key.name === name);
          if (r) {
            session.off('changed', on);
            resolve(r);
          }
        };
        session.on('changed', on);
      });
      const sent = performance.now();
      await client.sendJson('PATCH', `/api/v1/namespaces/${ns}/configmaps/${name}`, {}, 'application/merge-patch+json', JSON.stringify({ data: { mode: `debug-${e}` } }));
      const r = await pushed;
      const done = performance.now();
      if (r.status !== 'Drifted') throw new Error(`unexpected status ${r.status} for ${name}`);
      endToEnd.push(done - sent);
      inProcess.push(done - eventAt);
    }
    // Steady state: after pending callbacks have run and a full GC (heapMiB), with the cache and all results held.
    for (let turn = 0; turn < 3; turn++) await new Promise((r) => setImmediate(r));
    const heapHolding = heapMiB();
    session.dispose();
    pool.stop();

    const fmt = (n: number) => n.toFixed(1);
    console.log('');
    console.log(`objects: ${COUNT} (Deployments ${Math.ceil(COUNT / 4)}, Services ${Math.floor(COUNT / 4)}, ConfigMaps ${COUNT - Math.ceil(COUNT / 4) - Math.floor(COUNT / 4)}) in 10 namespaces`);
    console.log(`parse desired state (YAML → objects):          ${fmt(parseMs)} ms`);
    console.log(`start → informers synced, session current:     ${fmt(listMs)} ms   (${currentAtSync}/${sessionResults.length} results current at sync)`);
    console.log(`initial drift after the list (${results.length} results, ${synced} Synced): ${fmt(driftMs)} ms   (goal ≤ 3000 ms)`);
    console.log(`watch event → updated result, in-process:      p50 ${fmt(percentile(inProcess, 50))} ms, p95 ${fmt(percentile(inProcess, 95))} ms   (goal p95 ≤ 200 ms)`);
    console.log(`write → watch event → updated result:          p50 ${fmt(percentile(endToEnd, 50))} ms, p95 ${fmt(percentile(endToEnd, 95))} ms   (${EVENTS} events)`);
    console.log(`heap growth holding ${pool.objectCount()} live objects + results: ${fmt(heapHolding - heapBefore)} MiB steady, ${fmt(heapAtSync - heapBefore)} MiB right at sync   (goal ≤ 40 MiB)`);
  } finally {
    server.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
