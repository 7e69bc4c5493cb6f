// Starts a lint worker: the bundle next to the server (dist/lint-worker.js), or the TypeScript entry through
// tsx when the server runs from source (tests, `tsx src/server/main.ts`).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

/** `dir` is the directory of the running server (dist/ when bundled, src/server/ from source). */
export function startLintWorker(dir: string): Worker {
  const bundled = join(dir, 'lint-worker.js');
  if (existsSync(bundled)) return new Worker(bundled);
  const source = join(dir, 'lint-worker', 'lint-worker-main.ts');
  return new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, { eval: true });
}
