// Driving the playground page in Chromium: build, serve, launch, and read what the page shows. Shared by the
// browser test and the benchmark. Code handed to page.evaluate has no named inner functions (tsx would add
// `__name`, which the page lacks) and no strings to evaluate (the page's CSP forbids eval).
import { spawnSync } from 'node:child_process';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startPlaygroundServer } from '../../scripts/serve-playground.mjs';
import { launchChromium } from '../e2e/chromium-browser.js';

export interface MarkerView {
  readonly line: number;
  readonly column: number;
  readonly code: string;
  readonly message: string;
  readonly link: string;
}

export interface PlaygroundSession {
  readonly url: string;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** Every URL the context requested (pages, workers, service worker). */
  readonly requests: string[];
  /** The Content-Encoding of every response the context received, by URL ('' when none). */
  readonly encodings: Map<string, string>;
  close(): Promise<void>;
}

export function buildPlayground(): void {
  const result = spawnSync(process.execPath, ['scripts/build-playground.mjs'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`playground build failed:\n${result.stdout}\n${result.stderr}`);
}

export async function openPlaygroundSession(): Promise<PlaygroundSession> {
  const server = await startPlaygroundServer({ root: 'dist/playground', port: 0 });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const requests: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const encodings = new Map<string, string>();
  context.on('response', (response) => encodings.set(response.url(), response.headers()['content-encoding'] ?? ''));
  return {
    url: server.url,
    browser,
    context,
    requests,
    encodings,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Waits until the markers are those of the model's current text. */
export async function waitForLint(page: Page, timeout = 30_000): Promise<void> {
  const version = await page.evaluate(() => (globalThis as unknown as PlaygroundWindow).gitopsPlayground.editor.getModel().getVersionId());
  await page.waitForSelector(`#status[data-linted-version="${version}"]`, { state: 'attached', timeout });
}

/** Opens the page and waits for its first lint. */
export async function openPlayground(session: PlaygroundSession, fragment = ''): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.url + fragment);
  await page.waitForSelector('#status[data-linted-version]', { state: 'attached', timeout: 30_000 });
  await waitForLint(page);
  return page;
}

/** Replaces the editor's text as a user does: select all, paste (typed text would be auto-indented line by line). */
export async function replaceText(page: Page, text: string): Promise<void> {
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  await page.evaluate((pasted) => {
    const w = globalThis as unknown as PlaygroundWindow;
    const clipboardData = new w.DataTransfer();
    clipboardData.setData('text/plain', pasted);
    w.document.activeElement?.dispatchEvent(new w.ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
  }, text);
  await waitForLint(page);
}

export async function editorText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as PlaygroundWindow).gitopsPlayground.editor.getModel().getValue());
}

export async function markersOf(page: Page): Promise<MarkerView[]> {
  return page.evaluate(() => {
    const playground = (globalThis as unknown as PlaygroundWindow).gitopsPlayground;
    return playground.monaco.editor.getModelMarkers({ owner: 'gitops-authoring' }).map((m) => ({
      line: m.startLineNumber,
      column: m.startColumn,
      code: typeof m.code === 'object' ? m.code.value : String(m.code),
      message: m.message,
      link: typeof m.code === 'object' ? m.code.target.toString(true) : '',
    }));
  });
}

/** The slice of the page's window the tests use (`gitopsPlayground`: main.ts). */
export interface PlaygroundWindow {
  DataTransfer: new () => { setData(format: string, data: string): void };
  ClipboardEvent: new (type: string, init: { clipboardData: unknown; bubbles: boolean; cancelable: boolean }) => unknown;
  document: { activeElement: { dispatchEvent(event: unknown): boolean } | null };
  gitopsPlayground: {
    monaco: { editor: { getModelMarkers(filter: { owner: string }): { startLineNumber: number; startColumn: number; message: string; code?: string | { value: string; target: { toString(skipEncoding: boolean): string } } }[] } };
    editor: {
      getModel(): { getVersionId(): number; getValue(): string };
      setPosition(position: { lineNumber: number; column: number }): void;
      focus(): void;
      trigger(source: string, handlerId: string, payload: unknown): void;
    };
  };
}
