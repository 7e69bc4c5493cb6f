// npx tsx test/bench/drift-server-bench.ts — the language server's drift path end to end: the real server
// (in-process, over LSP streams) with the real drift service against the test API server holding the demo
// repository. Prints the time from `driftWatch` to the first complete results, and from a live change (a
// PATCH of the Deployment's scale subresource, as `kubectl scale` sends it) to the `driftDelta` carrying it,
// p50/p95 over DRIFT_SERVER_BENCH_CHANGES changes. Figures, not assertions.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDriftService } from '../../src/adapters/drift/drift-service.js';
import { driftDeltaNotification, driftWatchRequest, type DriftResourceView } from '../../src/protocol/drift-messages.js';
import { startTestCluster } from '../cluster/harness.js';
import { apiClient } from '../cluster/http-client.js';
import { LspTestSession } from '../server/support/lsp-test-session.js';

const CHANGES = Number(process.env.DRIFT_SERVER_BENCH_CHANGES ?? 50);
const DEMO = 'test/fixtures/demo-repo';
const DEPLOYMENT_ID = 'apps/Deployment/shop/api-server';

function filesOf(dir: string, into: Record<string, string> = {}): Record<string, string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesOf(path, into);
    else into[`repo/${relative(DEMO, path).split('\\').join('/')}`] = readFileSync(path, 'utf8');
  }
  return into;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const cluster = await startTestCluster({ seedDir: 'test/fixtures/cluster/crds', seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  const session = await LspTestSession.start({
    files: filesOf(DEMO),
    folders: ['repo'],
    deps: { driftService: createDriftService, timing: { documentDelayMs: 0, workspaceDelayMs: 10, driftStopDelayMs: 0, driftDesiredDelayMs: 0 } },
  });
  try {
    const rendered = await cluster.run('kustomize', join(session.root, 'repo/apps/production'));
    await cluster.kubectl(['apply', '-f', '-'], { input: rendered.replaceAll('${CLUSTER_NAME}', 'production') });
    const envId = `${session.uri('repo')}#apps`;
    const deltas = session.record(driftDeltaNotification);
    let deployment: DriftResourceView | undefined;
    let seen = 0;
    const latest = () => {
      for (const d of deltas.slice(seen)) {
        if (d.environmentId !== envId) continue;
        if (d.reset && !d.upserted.some((r) => r.id === DEPLOYMENT_ID)) deployment = undefined;
        if (d.removed.includes(DEPLOYMENT_ID)) deployment = undefined;
        deployment = d.upserted.find((r) => r.id === DEPLOYMENT_ID) ?? deployment;
      }
      seen = deltas.length;
      return deployment;
    };

    const watchStart = performance.now();
    await session.client.sendRequest(driftWatchRequest, { watching: true, kubeconfig: cluster.handle.kubeconfigPath });
    await session.waitFor(() => latest()?.status === 'Synced', 'first results', 30_000);
    const firstResults = performance.now() - watchStart;

    const api = apiClient(cluster.handle);
    const latencies: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const replicas = 5 + (i % 2);
      const start = performance.now();
      const response = await api('PATCH', '/apis/apps/v1/namespaces/shop/deployments/api-server/scale', { spec: { replicas } }, 'application/merge-patch+json');
      if (response.status !== 200) throw new Error(`scale failed: ${response.status} ${JSON.stringify(response.body)}`);
      await session.waitFor(() => latest()?.fields.some((f) => f.path === '.spec.replicas' && f.liveValue === replicas) === true, `replicas ${replicas}`, 10_000);
      latencies.push(performance.now() - start);
    }
    const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
    console.log(`drift server bench (demo repository, in-process server, test API server)`);
    console.log(`  driftWatch → first complete results: ${fmt(firstResults)}`);
    console.log(`  live change (scale PATCH) → driftDelta at the client, ${CHANGES} changes: p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, max ${fmt(Math.max(...latencies))}`);
  } finally {
    await session.dispose();
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
