// Lint workers run a bounded number of jobs at once (issue 10: Argo CD's repository holds ten 2 MB install
// manifests; read at start-up all at once on two cores, each passed its deadline and was stopped, and the
// CRDs they hold were lost to the server, which then disagreed with the CLI). The others wait their turn,
// their deadline not started, and every one is read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_LINT_CONFIG } from '../../src/core/config/lint-config.js';
import { OffThreadLinter, type OffThreadOutcome } from '../../src/server/lint-worker/off-thread-linter.js';
import { startTestLintWorker } from '../support/lint-worker-script.js';

const bigMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Array.from({ length: 2000 }, (_, i) => `  key-${i}: value-${i}\n`).join('')}`;

test('at most maxConcurrentJobs workers run at once; waiting jobs start when one ends, and all finish', async () => {
  let live = 0;
  let most = 0;
  const startWorker = (): Worker => {
    const worker = startTestLintWorker();
    live++;
    most = Math.max(most, live);
    // Counted off when the linter lets it go (its exit comes later, asynchronously).
    const terminate = worker.terminate.bind(worker);
    worker.terminate = () => {
      live--;
      return terminate();
    };
    return worker;
  };
  const files = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml'];
  const linter = new OffThreadLinter(
    { startWorker, minChars: 1000, maxConcurrentJobs: 2 },
    { entryType: (path) => (files.includes(path) ? 'file' : undefined), sourceTexts: () => [], repositoryFacts: () => undefined },
  );
  try {
    const outcomes: OffThreadOutcome[] = await Promise.all(files.map(async (path) => {
      const outcome = await linter.lint({ uri: `file:///r/${path}`, path, version: 1, text: bigMap(path.slice(0, 1)), parseOnly: true }, DEFAULT_LINT_CONFIG);
      linter.forgetIdle(path);
      return outcome;
    }));
    assert.deepEqual(outcomes.map((o) => o.kind), ['done', 'done', 'done', 'done']);
    assert.equal(most, 2);
  } finally {
    linter.dispose();
  }
});

test('a waiting job replaced by a newer one for the same file is superseded, and the newer one runs', async () => {
  const linter = new OffThreadLinter(
    { startWorker: startTestLintWorker, minChars: 1000, maxConcurrentJobs: 1 },
    { entryType: () => 'file', sourceTexts: () => [], repositoryFacts: () => undefined },
  );
  try {
    const first = linter.lint({ uri: 'file:///r/a.yaml', path: 'a.yaml', version: 1, text: bigMap('a'), parseOnly: true }, DEFAULT_LINT_CONFIG);
    const waiting = linter.lint({ uri: 'file:///r/b.yaml', path: 'b.yaml', version: 1, text: bigMap('b'), parseOnly: true }, DEFAULT_LINT_CONFIG);
    const newer = linter.lint({ uri: 'file:///r/b.yaml', path: 'b.yaml', version: 2, text: bigMap('bb'), parseOnly: true }, DEFAULT_LINT_CONFIG);
    assert.equal((await waiting).kind, 'superseded');
    assert.equal((await first).kind, 'done');
    const result = await newer;
    assert.equal(result.kind, 'done');
    assert.equal(result.kind === 'done' ? (result.documents[0]?.value as { metadata: { name: string } }).metadata.name : '', 'bb');
  } finally {
    linter.dispose();
  }
});
