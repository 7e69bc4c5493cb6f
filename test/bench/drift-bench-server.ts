// Child process of the drift benchmark: the test API server seeded with the bench objects, in its own process
// so that the benchmark's memory figures are ours alone. Prints one JSON line with the kubeconfig path.
import { parseAllDocuments } from 'yaml';
import { start } from '../cluster/api-server/start.js';
import type { JsonObject } from '../cluster/api-server/types.js';
import { BENCH_NAMESPACES, benchManifestText } from './drift-bench-objects.js';

async function main(): Promise<void> {
  const count = Number(process.argv[2] ?? 10_000);
  const objects = parseAllDocuments(benchManifestText(count)).map((d) => d.toJS() as JsonObject);
  const namespaces: JsonObject[] = Array.from({ length: BENCH_NAMESPACES }, (_, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `bench-${i}` } }));
  const handle = await start({ controllers: false, seedObjects: [...namespaces, ...objects], bookmarkIntervalMs: 5000 });
  process.stdout.write(JSON.stringify({ kubeconfigPath: handle.kubeconfigPath, url: handle.url }) + '\n');
  const shutdown = () => void handle.stop().then(() => process.exit(0));
  process.on('SIGTERM', shutdown);
  process.on('disconnect', shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
