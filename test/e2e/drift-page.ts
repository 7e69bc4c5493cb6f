// What a user sees of the drift UI in the workbench, read from the page: the Drift view's rows and the editor
// decorations' after-text (rendered by CSS `::after` content of a generated class, so read through
// getComputedStyle). Waits poll the page with a deadline; nothing sleeps.
import type { Locator, Page } from 'playwright-core';

const UI_TIMEOUT_MS = 60_000;
const ACTIVITY_BAR_ENTRY = '.activitybar a.action-label[aria-label^="GitOps Authoring"]';

/** The little of the DOM the page functions below use (this project compiles without the DOM library). */
interface DomElement {
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
interface BrowserWindow {
  readonly document: { querySelectorAll(selector: string): Iterable<DomElement> };
  getComputedStyle(element: DomElement, pseudo: string): { readonly content: string };
}

export interface TreeRow {
  /** 1 for the environments, 2 namespaces, 3 kinds, 4 resources, 5 fields (aria-level). */
  level: number;
  label: string;
  description: string;
  /** What a screen reader says (resources: `<Kind> <name>, <Status>…`). */
  ariaLabel: string;
  expanded: boolean | undefined;
}

/** Shows a view container by its activity-bar entry (clicked only when not shown: a click on the shown one hides it). */
async function showContainer(page: Page, entrySelector: string, title: RegExp): Promise<void> {
  const entry = page.locator(entrySelector).first();
  await entry.waitFor({ timeout: UI_TIMEOUT_MS });
  const item = entry.locator('xpath=..');
  const isShown = /\bchecked\b/.test((await item.getAttribute('class')) ?? '') && (await page.locator('.part.sidebar').isVisible());
  if (!isShown) await entry.click();
  await page.locator('.part.sidebar .composite.title').filter({ hasText: title }).first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Shows the GitOps Authoring view container (the Drift view). */
export async function showDriftView(page: Page): Promise<void> {
  await showContainer(page, ACTIVITY_BAR_ENTRY, /GitOps Authoring/i);
}

/** Shows the Explorer. */
export async function showExplorer(page: Page): Promise<void> {
  await showContainer(page, '.activitybar a.action-label[aria-label^="Explorer"]', /Explorer/i);
}

/** The Drift view row (a locator, to click) at a tree level whose label and description match. */
export function treeRowLocator(page: Page, level: number, label: RegExp, description?: RegExp): Locator {
  let row = page.locator(`.part.sidebar .pane-body .monaco-list-row[aria-level="${level}"]`).filter({ has: page.locator('.label-name', { hasText: label }) });
  if (description) row = row.filter({ has: page.locator('.label-description', { hasText: description }) });
  return row.first();
}

/** The rows the side bar's trees show now (the Drift view's, while it is the shown container). */
export async function sidebarTreeRows(page: Page): Promise<TreeRow[]> {
  return page.evaluate(() =>
    // No named helpers in here: the bundler would wrap them in a `__name` call the page does not define.
    [...(globalThis as unknown as BrowserWindow).document.querySelectorAll('.part.sidebar .pane-body .monaco-list-row')].map((row) => ({
      level: Number(row.getAttribute('aria-level') ?? 0),
      label: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
      description: (row.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
      ariaLabel: row.getAttribute('aria-label') ?? '',
      expanded: row.getAttribute('aria-expanded') === null ? undefined : row.getAttribute('aria-expanded') === 'true',
    })),
  );
}

/**
 * The `after` texts decorations put on the active editor's lines that contain `lineText`, as shown (CSS
 * `content` unquoted). Empty when the line is not rendered or has no decoration.
 */
export async function afterTextsOnLine(page: Page, lineText: string): Promise<string[]> {
  return page.evaluate((needle) => {
    const w = globalThis as unknown as BrowserWindow;
    const out: string[] = [];
    const lines = [...w.document.querySelectorAll('.editor-group-container.active .monaco-editor:not(.original-in-monaco-diff-editor) .view-line')];
    for (const line of lines) {
      if (!(line.textContent ?? '').replace(/\u00a0/g, ' ').includes(needle)) continue;
      for (const span of line.querySelectorAll('span')) {
        const content = w.getComputedStyle(span, '::after').content;
        if (!content || content === 'none' || content === 'normal') continue;
        out.push(content.startsWith('"') ? (JSON.parse(content) as string) : content);
      }
    }
    return out;
  }, lineText);
}

/**
 * The lines the active diff editor shows on each side (original = left, modified = right), whitespace as
 * typed; empty arrays when no diff editor is active.
 */
export async function diffEditorSides(page: Page): Promise<{ original: string[]; modified: string[] }> {
  return page.evaluate(() => {
    const w = globalThis as unknown as BrowserWindow;
    const group = '.editor-group-container.active .monaco-diff-editor';
    const original = [...w.document.querySelectorAll(`${group} .monaco-editor.original-in-monaco-diff-editor .view-line`)];
    const modified = [...w.document.querySelectorAll(`${group} .monaco-editor.modified-in-monaco-diff-editor .view-line`)];
    return {
      original: original.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')),
      modified: modified.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')),
    };
  });
}

/**
 * Reads again after each change `nextChange` waits for (it resolves on the change, or when the given time is
 * up) until `accept` holds for the value or the deadline passes; returns the accepted value.
 */
export async function waitForValue<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, nextChange: (withinMs: number) => Promise<void>, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await read();
    if (accept(last)) return last;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await nextChange(left);
  }
}

/** The next change of the workbench's DOM (a node, text, attribute or style rule), or the end of `withinMs`. */
export function workbenchChange(page: Page): (withinMs: number) => Promise<void> {
  return (withinMs) =>
    page.evaluate((ms) => new Promise<void>((resolve) => {
      // No named functions in here: the bundler would wrap them in a helper the page does not have.
      const w = globalThis as unknown as { document: object; MutationObserver: new (cb: () => void) => { observe(target: object, options: object): void; disconnect(): void } };
      const observer = new w.MutationObserver(() => {
        observer.disconnect();
        clearTimeout(limit);
        resolve();
      });
      const limit = setTimeout(() => {
        observer.disconnect();
        resolve();
      }, ms);
      observer.observe(w.document, { subtree: true, childList: true, characterData: true, attributes: true });
    }), withinMs);
}

/** Waits for a side-bar tree row matching both patterns (label, description), returns it. */
export async function waitForTreeRow(page: Page, label: RegExp, description: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<TreeRow> {
  const rows = await waitForValue(
    `a Drift view row ${label} with description ${description}`,
    () => sidebarTreeRows(page),
    (rs) => rs.some((r) => label.test(r.label) && description.test(r.description)),
    workbenchChange(page),
    timeoutMs,
  );
  return rows.find((r) => label.test(r.label) && description.test(r.description)) as TreeRow;
}

/** Waits until one decoration after-text on the line containing `lineText` matches, returns it. */
export async function waitForAfterText(page: Page, lineText: string, pattern: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
  const texts = await waitForValue(`a decoration matching ${pattern} on the line "${lineText}"`, () => afterTextsOnLine(page, lineText), (ts) => ts.some((t) => pattern.test(t)), workbenchChange(page), timeoutMs);
  return texts.find((t) => pattern.test(t)) as string;
}

/**
 * The browser's Date.now() at the first animation frame where the Drift view shows a row whose text matches
 * `rowPattern` (`tree`), and where the active editor's line containing `lineText` has an after-text matching
 * `afterPattern` (`decoration`): for latency figures, compared with the time the API server got the change.
 */
export async function timesWhenShown(page: Page, rowPattern: RegExp, lineText: string, afterPattern: RegExp, timeoutMs = UI_TIMEOUT_MS): Promise<{ tree: number; decoration: number }> {
  const tree = page.waitForFunction(
    (row) => {
      const w = globalThis as unknown as BrowserWindow;
      const re = new RegExp(row.source, row.flags);
      return [...w.document.querySelectorAll('.part.sidebar .pane-body .monaco-list-row')].some((r) => re.test((r.textContent ?? '').replace(/\u00a0/g, ' '))) ? Date.now() : false;
    },
    { source: rowPattern.source, flags: rowPattern.flags },
    { polling: 'raf', timeout: timeoutMs },
  );
  const decoration = page.waitForFunction(
    ({ line, after }) => {
      const w = globalThis as unknown as BrowserWindow;
      const re = new RegExp(after.source, after.flags);
      for (const l of w.document.querySelectorAll('.editor-group-container.active .monaco-editor .view-line')) {
        if (!(l.textContent ?? '').replace(/\u00a0/g, ' ').includes(line)) continue;
        for (const span of l.querySelectorAll('span')) if (re.test(w.getComputedStyle(span, '::after').content)) return Date.now();
      }
      return false;
    },
    { line: lineText, after: { source: afterPattern.source, flags: afterPattern.flags } },
    { polling: 'raf', timeout: timeoutMs },
  );
  const [t, d] = await Promise.all([tree, decoration]);
  return { tree: (await t.jsonValue()) as number, decoration: (await d.jsonValue()) as number };
}
