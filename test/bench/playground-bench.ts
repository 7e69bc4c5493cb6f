// npm run bench:playground — the browser playground in Debian's Chromium, served from 127.0.0.1: what the page
// transfers before it is interactive (raw, gzip, and what our server actually sent: brotli for Chromium), the time until its first markers, and keystroke → markers
// on a 1,000-line manifest. Prints figures; asserts nothing about speed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { openPlaygroundSession, replaceText, waitForLint, type PlaygroundWindow } from '../playground/playground-page.js';
import { percentile } from './lsp-bench-client.js';
import { generateBenchManifest } from './lsp-bench-manifest.js';

const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 40);
const ROOT = 'dist/playground';

interface TimingWindow {
  performance: {
    getEntriesByName(name: string): { startTime: number; duration: number; detail?: { engineMillis: number } }[];
    clearMeasures(name?: string): void;
  };
}

async function main(): Promise<void> {
const session = await openPlaygroundSession();
try {
  // 1. First view: what a cold page (no HTTP cache, no service worker yet) fetches until the network is idle
  //    (page, editor, workers, the schema chunks of the first example); time until its first markers.
  const loads: { bytes: number; gzip: number; sent: number; files: number; interactiveMs: number }[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await session.browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const bodies: Promise<Buffer | undefined>[] = []; // the page's responses, its workers' included
    const sentSizes: Promise<number>[] = []; // their bodies as sent (compressed by the server)
    page.on('response', (response) => {
      bodies.push(response.body().catch(() => undefined));
      sentSizes.push(response.request().sizes().then((sizes) => sizes.responseBodySize, () => 0));
    });
    await page.goto(session.url);
    await page.waitForSelector('#status[data-linted-version]', { state: 'attached', timeout: 60_000 });
    const timing = await page.evaluate(() => {
      const w = globalThis as unknown as TimingWindow;
      return { firstMarkers: w.performance.getEntriesByName('gitops-playground:first-markers')[0]?.startTime ?? NaN };
    });
    await page.waitForLoadState('networkidle'); // the YAML worker and the description chunks follow the first markers
    const received = (await Promise.all(bodies)).filter((b): b is Buffer => b !== undefined);
    loads.push({
      bytes: received.reduce((sum, b) => sum + b.length, 0),
      gzip: received.reduce((sum, b) => sum + gzipSync(b).length, 0),
      sent: (await Promise.all(sentSizes)).reduce((sum, n) => sum + n, 0),
      files: received.length,
      interactiveMs: timing.firstMarkers,
    });
    await context.close();
  }
  const first = loads[0];
  const all = listFiles(ROOT).map((file) => readFileSync(file));

  // 2. Keystroke → markers on a 1,000-line manifest (20 workloads, Services and ConfigMaps).
  const page = await session.context.newPage();
  await page.goto(session.url);
  await page.waitForSelector('#status[data-linted-version]', { state: 'attached', timeout: 60_000 });
  const manifest = generateBenchManifest(20, 1000);
  await replaceText(page, manifest);
  const lines = manifest.split('\n');
  const targets = lines.flatMap((line, i) => (/^\s+key-\d+: "value/.test(line) || /^\s+value: "\d+"$/.test(line) ? [i + 1] : []));
  const perKey: number[] = [];
  const engine: number[] = [];
  for (let k = 0; k < KEYSTROKES + 5; k++) {
    const line = targets[(k * 7) % targets.length] as number;
    await placeCursorBeforeClosingQuote(page, line, lines[line - 1] as string);
    await page.evaluate(() => (globalThis as unknown as TimingWindow).performance.clearMeasures('gitops-playground:edit-to-markers'));
    await page.keyboard.type(String(k % 10));
    await waitForLint(page);
    const measure = await page.evaluate(() => {
      const entries = (globalThis as unknown as TimingWindow).performance.getEntriesByName('gitops-playground:edit-to-markers');
      const last = entries[entries.length - 1];
      return last ? { duration: last.duration, engine: last.detail?.engineMillis ?? NaN } : undefined;
    });
    if (k >= 5 && measure) { // the first keystrokes warm up the JIT and the parse cache
      perKey.push(measure.duration);
      engine.push(measure.engine);
    }
  }
  const findings = await page.evaluate(() => (globalThis as unknown as { gitopsPlayground: { findings(): unknown[] } }).gitopsPlayground.findings().length);

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const median = (values: number[]) => percentile(values, 50);
  console.log(`Playground benchmark — Chromium ${session.browser.version()}, 2 cores, load average ${loadavg()[0]?.toFixed(2)}`);
  console.log(`first view (cold, until the network is idle): ${first?.files} files, ${kb(first?.bytes ?? 0)} raw, ${kb(first?.gzip ?? 0)} gzip, ${kb(first?.sent ?? 0)} sent by our server (brotli)`);
  console.log(`time to interactive (navigation → first markers, ${LOADS} cold loads): median ${median(loads.map((l) => l.interactiveMs)).toFixed(0)} ms, max ${Math.max(...loads.map((l) => l.interactiveMs)).toFixed(0)} ms`);
  console.log(`offline precache (every built file): ${all.length} files, ${kb(all.reduce((s, b) => s + b.length, 0))} raw, ${kb(all.reduce((s, b) => s + gzipSync(b).length, 0))} gzip`);
  console.log(`keystroke → markers, ${lines.length - 1}-line manifest, ${findings} findings, ${perKey.length} keystrokes: median ${median(perKey).toFixed(1)} ms, p95 ${percentile(perKey, 95).toFixed(1)} ms (engine in the worker: median ${median(engine).toFixed(1)} ms)`);
} finally {
  await session.close();
}
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

async function placeCursorBeforeClosingQuote(page: Page, lineNumber: number, text: string): Promise<void> {
  await page.evaluate((at) => {
    const { editor } = (globalThis as unknown as PlaygroundWindow).gitopsPlayground;
    editor.setPosition(at);
    editor.focus();
  }, { lineNumber, column: text.lastIndexOf('"') + 1 });
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
