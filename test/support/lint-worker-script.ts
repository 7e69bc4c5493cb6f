// Lint workers for tests and benchmarks, started from a bundle of the worker entry made once per process (as
// `npm run build` makes dist/lint-worker.js): a worker then starts in milliseconds, with no TypeScript to
// compile in each new thread.
import { buildSync } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const REPO = join(__dirname, '..', '..');
let script: string | undefined;

function lintWorkerScript(): string {
  if (script) return script;
  const dir = mkdtempSync(join(tmpdir(), 'gitops-lint-worker-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
  const outfile = join(dir, 'lint-worker.js');
  buildSync({
    entryPoints: [join(REPO, 'src', 'server', 'lint-worker', 'lint-worker-main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    define: { PACKAGE_VERSION: JSON.stringify(version) },
  });
  return (script = outfile);
}

/** `ServerDeps.offThreadLint.startWorker` for tests. */
export function startTestLintWorker(): Worker {
  return new Worker(lintWorkerScript());
}

/**
 * A lint worker that exits (code 3) on a job whose text holds `marker`, before reading it, as a crash or an
 * out-of-memory kill ends one; other jobs it runs as `startTestLintWorker`'s does. `isOpenBuffersOnly`: it
 * fails only on open buffers (a file on disk, version 0, is read as usual).
 */
export function startTestLintWorkerFailingOn(marker: string, isOpenBuffersOnly = false): Worker {
  const onlyOpen = isOpenBuffersOnly ? ' && m.version > 0' : '';
  const exitOnMarker = `require('node:worker_threads').parentPort.on('message', (m) => { if (m.kind === 'lint' && m.text.includes(${JSON.stringify(marker)})${onlyOpen}) process.exit(3); });`;
  return new Worker(`${exitOnMarker}\nrequire(${JSON.stringify(lintWorkerScript())});`, { eval: true });
}
