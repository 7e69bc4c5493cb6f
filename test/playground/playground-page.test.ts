// The playground in Debian's Chromium, served from 127.0.0.1 like `npm run playground`: our engine in the
// page's worker draws markers where the mistake is, its quick fix removes it, a clean manifest shows none, a
// share link restores the text, and nothing is requested from anywhere but the page's own origin.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { buildPlayground, editorText, markersOf, openPlayground, openPlaygroundSession, replaceText, waitForLint, type PlaygroundSession, type PlaygroundWindow } from './playground-page.js';

const DEPLOYMENT_WITH_LATEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: shop
spec:
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: shop
          image: ghcr.io/example/shop:latest
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false }
          resources:
            requests: { cpu: 100m, memory: 64Mi }
            limits: { cpu: 200m, memory: 128Mi }
`;
const IMAGE_LINE = 15;

describe('the playground page', { timeout: 5 * 60_000 }, () => {
  let session: PlaygroundSession;
  let page: Page;

  before(async () => {
    buildPlayground();
    session = await openPlaygroundSession();
    page = await openPlayground(session);
  });

  after(async () => {
    await session?.close();
  });

  test('loads with an example, linted by our engine in its worker', async () => {
    assert.match(await page.textContent('#status') ?? '', /1 object, 1 problem/);
    assert.deepEqual((await markersOf(page)).map((m) => m.code), ['image-tag']);
    assert.ok(session.requests.some((url) => url.endsWith('/lint.worker.js')), 'the lint worker was loaded');
    assert.ok(session.requests.some((url) => /\/schemas\/k8s-1\.34\.json$/.test(url)), 'schema data is fetched lazily from the page\'s origin');
  });

  test('the local server sends the page, its bundle and its workers compressed (Chromium accepts brotli)', () => {
    const scripts = [...session.encodings].filter(([url]) => new URL(url).origin === new URL(session.url).origin && url.endsWith('.js'));
    assert.ok(scripts.some(([url]) => url.endsWith('/lint.worker.js')), 'the lint worker was received');
    assert.equal(session.encodings.get(session.url), 'br', 'the page');
    assert.deepEqual(scripts.filter(([, encoding]) => encoding !== 'br'), [], 'every script');
  });

  test('monaco-yaml answers hover and completion from our schemas (the kinds in the text, as JSON Schema)', async () => {
    await page.waitForSelector('#status[data-schema-updates]', { state: 'attached', timeout: 30_000 });
    const hover = await untilShown(page, 'editor.action.showHover', { lineNumber: 8, column: 5 }, page.locator('.monaco-hover-content', { hasText: 'Number of desired pods' }));
    assert.match(hover, /Number of desired pods/, 'the description of Deployment spec.replicas, from our schema data');
    const suggestions = await untilShown(page, 'editor.action.triggerSuggest', { lineNumber: 8, column: 3 }, page.locator('.suggest-widget .monaco-list-row', { hasText: 'revisionHistoryLimit' }));
    assert.match(suggestions, /revisionHistoryLimit/);
    await page.keyboard.press('Escape');
  });

  test('a valid manifest shows no marker; typing a mistake into it marks the mistake\'s line, linked to the rule\'s section', async () => {
    await replaceText(page, DEPLOYMENT_WITH_LATEST.replace('shop:latest', 'shop:1.0.0'));
    assert.deepEqual(await markersOf(page), []);
    await page.evaluate((line) => {
      const { editor } = (globalThis as unknown as PlaygroundWindow).gitopsPlayground;
      editor.setPosition({ lineNumber: line, column: 1000 }); // end of the image line
      editor.focus();
    }, IMAGE_LINE);
    for (let i = 0; i < '1.0.0'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('latest');
    await waitForLint(page);
    assert.equal(await editorText(page), DEPLOYMENT_WITH_LATEST);
    const markers = await markersOf(page);
    assert.equal(markers.length, 1, JSON.stringify(markers));
    assert.equal(markers[0]?.code, 'image-tag');
    assert.equal(markers[0]?.line, IMAGE_LINE);
    assert.match(markers[0]?.message ?? '', /':latest'/);
    assert.equal(markers[0]?.link, `${session.url}rules.html#image-tag`);
    const rules = await session.context.request.get(markers[0]?.link ?? '');
    assert.match(await rules.text(), /<section id="image-tag">/);
  });

  test('the quick fix (Ctrl+.) replaces the tag and the marker disappears', async () => {
    await page.evaluate((line) => {
      const { editor } = (globalThis as unknown as PlaygroundWindow).gitopsPlayground;
      editor.setPosition({ lineNumber: line, column: 30 });
      editor.focus();
    }, IMAGE_LINE);
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row.action', { hasText: 'Pin a version tag' }).first();
    await action.waitFor({ timeout: 10_000 });
    await action.click();
    await waitForLintedText(page, (text) => !text.includes('shop:latest'));
    assert.deepEqual(await markersOf(page), []);
    assert.doesNotMatch(await editorText(page), /:latest/);
  });

  test('a valid manifest (the clean Flux + Argo CD example) shows no marker', async () => {
    await page.selectOption('#example', 'flux-and-argo');
    await waitForLint(page);
    assert.match(await editorText(page), /kind: Application/);
    assert.deepEqual(await markersOf(page), []);
    assert.match(await page.textContent('#status') ?? '', /3 objects, no problems/);
  });

  test('the share link restores the text, the Kubernetes version and the rules turned off', async () => {
    await replaceText(page, DEPLOYMENT_WITH_LATEST);
    await page.selectOption('#kubernetes-version', '1.31');
    await page.click('#rules summary');
    await page.uncheck('input[data-rule="resources"]');
    await page.click('#share');
    await page.waitForURL(/#code=/);
    const link = page.url();
    assert.match(link, /#code=[A-Za-z0-9_-]+&k8s=1\.31&off=resources$/);

    const restored = await openPlayground(session, link.slice(link.indexOf('#')));
    assert.equal(await editorText(restored), DEPLOYMENT_WITH_LATEST);
    assert.equal(await restored.inputValue('#kubernetes-version'), '1.31');
    assert.equal(await restored.isChecked('input[data-rule="resources"]'), false);
    assert.deepEqual((await markersOf(restored)).map((m) => m.line), [IMAGE_LINE]);
    await restored.close();
  });

  test('a damaged share link says so and shows an example', async () => {
    const damaged = await openPlayground(session, '#code=bm90LWRlZmxhdGU');
    assert.match(await damaged.textContent('#notice') ?? '', /could not be read/);
    assert.match(await editorText(damaged), /kind: Deployment/);
    await damaged.close();
  });

  test('once loaded it works offline: the service worker answers every file, schema chunks included', async () => {
    const isReady = await page.evaluate(() => Promise.race([
      (globalThis as unknown as ServiceWorkerWindow).navigator.serviceWorker.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 30_000)),
    ]));
    assert.ok(isReady, 'the service worker installed (it caches every file) within 30 s');
    await session.context.setOffline(true);
    try {
      const offline = await openPlayground(session);
      await offline.selectOption('#kubernetes-version', '1.30'); // a version whose schema chunk this page never used
      await replaceText(offline, DEPLOYMENT_WITH_LATEST.replace('allowPrivilegeEscalation', 'allowPrivilegeEscalaton'));
      assert.deepEqual((await markersOf(offline)).map((m) => `${m.line}:${m.code}`), [`${IMAGE_LINE}:image-tag`, `${IMAGE_LINE + 1}:schema`]);
      await offline.close();
    } finally {
      await session.context.setOffline(false);
    }
  });

  test('every request went to the page\'s own origin', () => {
    const origin = new URL(session.url).origin;
    assert.ok(session.requests.length > 10, `requests were recorded (${session.requests.length})`);
    const foreign = session.requests.filter((url) => new URL(url).origin !== origin);
    assert.deepEqual(foreign, []);
  });
});

/**
 * Runs an editor action at a position until `shown` appears, with a deadline (monaco-yaml restarts its worker
 * when the schema arrives; an answer may take a while on a loaded machine); returns the shown text.
 */
async function untilShown(page: Page, action: string, position: { lineNumber: number; column: number }, shown: Locator, timeout = 60_000): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.evaluate(({ action: id, position: at }) => {
      const { editor } = (globalThis as unknown as PlaygroundWindow).gitopsPlayground;
      editor.setPosition(at);
      editor.focus();
      editor.trigger('test', id, {});
    }, { action, position });
    try {
      await shown.first().waitFor({ timeout: 10_000 }); // a new trigger would cancel a slow answer: wait long
      return await shown.first().innerText();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
}

interface ServiceWorkerWindow {
  navigator: { serviceWorker: { ready: Promise<unknown> } };
}

/** Polls (with a deadline) until the editor text satisfies `isWanted`, then waits for that text's lint. */
async function waitForLintedText(page: Page, isWanted: (text: string) => boolean, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (isWanted(await editorText(page))) break;
    if (Date.now() > deadline) throw new Error(`the editor text did not change as expected within ${timeout} ms:\n${await editorText(page)}`);
  }
  await waitForLint(page);
}
