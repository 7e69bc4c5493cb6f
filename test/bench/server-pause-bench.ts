// The language server's main-thread pause with the 4 MB ConfigMap (200,000 keys) open and being
// edited, linted on the main thread (before: no lint worker) and in a worker (after). The real server runs in
// process over LSP streams; per edit of the huge document a hover is sent on another document at once.
// Printed: the event loop's longest delay over the edits (monitorEventLoopDelay, the main-thread pause), the
// slowest of those hovers, and edit → diagnostics. Part of `npm run bench:hostile`; alone:
// `tsx test/bench/server-pause-bench.ts`.
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { createNodeSchemaRegistry, createNodeValidator } from '../../src/adapters/schema/node-validator.js';
import { startTestLintWorker } from '../support/lint-worker-script.js';
import { createRegistrySchemaProvider } from '../../src/server/registry-schema-provider.js';
import type { ServerDeps } from '../../src/server/server-deps.js';
import { LspTestSession } from '../server/support/lsp-test-session.js';

const KEYS = 200_000;
const EDITS = 5;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n';
const HUGE = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wide\ndata:\n${Array.from({ length: KEYS }, (_, i) => `  key-${i}: value-${i}\n`).join('')}`;

interface PauseFigures {
  readonly maxPauseMs: number;
  readonly maxHoverMs: number;
  readonly medianToDiagnosticsMs: number;
}

async function measure(isOffThread: boolean): Promise<PauseFigures> {
  const registry = createNodeSchemaRegistry();
  const deps: Partial<ServerDeps> = {
    schema: createRegistrySchemaProvider(registry),
    validator: createNodeValidator(registry),
    ...(isOffThread ? { offThreadLint: { startWorker: startTestLintWorker } } : {}),
  };
  const session = await LspTestSession.start({ deps });
  session.waitTimeoutMs = 300_000;
  try {
    await session.open('pod.yaml', POD);
    await session.diagnosticsFor('pod.yaml');
    await session.open('wide.yaml', HUGE);
    await session.diagnosticsFor('wide.yaml');
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    let maxHoverMs = 0;
    const toDiagnostics: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const since = session.mark();
      const started = performance.now();
      const version = await session.change('wide.yaml', { range: { start: { line: 5 + i, character: 2 }, end: { line: 5 + i, character: 2 } }, text: 'x' });
      const hoverStarted = performance.now();
      await session.client.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri('pod.yaml') }, position: { line: 1, character: 2 } });
      maxHoverMs = Math.max(maxHoverMs, performance.now() - hoverStarted);
      await session.diagnosticsFor('wide.yaml', (d) => d.version === version, since);
      toDiagnostics.push(performance.now() - started);
    }
    delay.disable();
    toDiagnostics.sort((a, b) => a - b);
    return { maxPauseMs: delay.max / 1e6, maxHoverMs, medianToDiagnosticsMs: toDiagnostics[Math.floor(toDiagnostics.length / 2)] as number };
  } finally {
    await session.dispose();
  }
}

export async function benchServerPause(): Promise<void> {
  const ms = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });
  console.log(`\nLanguage server, ${KEYS.toLocaleString('en-US')}-key ConfigMap (${(HUGE.length / 1024 / 1024).toFixed(1)} MB) open, ${EDITS} edits, a hover on another document after each:`);
  console.log('| lint of the huge document | main-thread max pause ms | slowest hover ms | edit → diagnostics, median ms |');
  console.log('|---|---:|---:|---:|');
  for (const isOffThread of [false, true]) {
    const figures = await measure(isOffThread);
    console.log(`| ${isOffThread ? 'in a worker (after)' : 'on the main thread (before)'} | ${ms(figures.maxPauseMs)} | ${ms(figures.maxHoverMs)} | ${ms(figures.medianToDiagnosticsMs)} |`);
  }
  console.log(`(load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')})`);
}

if (process.argv[1]?.endsWith('server-pause-bench.ts')) void benchServerPause();
