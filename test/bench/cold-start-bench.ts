// Cold start of one or more builds of the language server, interleaved run by run (so that the machine's load
// hits them alike): spawn → `initialize` answer → first diagnostics of the opened file, as wall time and as the
// CPU time of the server process (all threads, a figure that other jobs on the machine barely change). The file
// is the 5,000-line, 100-document one of `npm run bench:lsp`.
// Usage: npx tsx test/bench/cold-start-bench.ts [server.js …]   (default dist/server.js; BENCH_RUNS, default 10)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigurationRequest } from 'vscode-languageserver-protocol/node';
import { generateBenchManifest } from './lsp-bench-manifest.js';
import { percentile, runServer, type ServerRun } from './lsp-bench-client.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const servers = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dist/server.js'];

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  try {
    const text = generateBenchManifest(100, 5000);
    const file = join(root, 'apps.yaml');
    writeFileSync(file, text);
    const runs = new Map<string, ServerRun[]>(servers.map((s) => [s, []]));
    const loads: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      for (const server of servers) {
        loads.push(loadavg()[0] ?? NaN);
        const run = await runServer(
          { name: server, command: [server, '--stdio'], configure: (c) => c.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({}))) },
          pathToFileURL(root).href, pathToFileURL(file).href, text, [], 0,
        );
        runs.get(server)?.push(run);
      }
    }
    console.log(`${RUNS} runs each, interleaved; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; node ${process.version}`);
    console.log('server                                   cold ms (p50 / min)   init ms (p50 / min)   cold CPU ms (p50)   init CPU ms (p50)');
    const f = (n: number) => n.toFixed(0).padStart(5);
    for (const [server, r] of runs) {
      const p50 = (pick: (run: ServerRun) => number) => percentile(r.map(pick), 50);
      const min = (pick: (run: ServerRun) => number) => Math.min(...r.map(pick));
      console.log(`${server.padEnd(40)} ${f(p50((x) => x.coldMs))} / ${f(min((x) => x.coldMs))}         ${f(p50((x) => x.initializeMs))} / ${f(min((x) => x.initializeMs))}         ${f(p50((x) => x.coldCpuMs))}               ${f(p50((x) => x.initializeCpuMs))}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
