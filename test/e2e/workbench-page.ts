// What a user does in the VS Code workbench, as playwright steps that wait on what the page shows.
// Keyboard shortcuts the browser keeps for itself (Ctrl+P) never reach the workbench: F1 opens the palette.
import type { Locator, Page } from 'playwright-core';

const WORKBENCH_TIMEOUT_MS = 90_000;
const UI_TIMEOUT_MS = 60_000;

/** Resolves once the workbench shows the Explorer with the workspace's top-level entries. */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
  await explorerRows(page).first().waitFor({ timeout: WORKBENCH_TIMEOUT_MS });
}

function explorerRows(page: Page): Locator {
  return page.locator('.explorer-folders-view .monaco-list-row');
}

/** Opens a file by clicking through the Explorer tree, e.g. ['apps', 'production', 'debug-pod.yaml']. */
export async function openFromExplorer(page: Page, segments: string[]): Promise<void> {
  for (const [i, name] of segments.entries()) {
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"]`).first();
    await row.waitFor({ timeout: UI_TIMEOUT_MS });
    const isFolder = i < segments.length - 1;
    if (isFolder && (await row.getAttribute('aria-expanded')) === 'true') continue;
    await row.click();
    if (isFolder) await page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${name}"][aria-expanded="true"]`).first().waitFor({ timeout: UI_TIMEOUT_MS });
  }
  const file = segments[segments.length - 1] ?? '';
  await page.locator(`.tab.active[aria-label^="${file}"]`).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Shows the Problems panel and returns its rows (file rows and marker rows). */
export async function showProblems(page: Page): Promise<Locator> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  return panel.locator('.monaco-list-row');
}

/** Waits until a Problems row matches, and returns its text. */
export async function waitForProblem(page: Page, pattern: RegExp): Promise<string> {
  const rows = await showProblems(page);
  const row = rows.filter({ hasText: pattern }).first();
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  return (await row.textContent()) ?? '';
}

/**
 * Replaces the text of the editor line that contains `lineText` (from its first non-blank character to its
 * end) by typing, as a user would; the file stays unsaved.
 */
export async function retypeLine(page: Page, lineText: string, replacement: string): Promise<void> {
  const line = page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: lineText }).first();
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.type(replacement);
  await page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: replacement }).first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/**
 * Rests the mouse on the first editor token whose text is exactly `token` until a hover matching `pattern`
 * shows (a hover asked for before the server is ready shows nothing, so it is asked again), returns its text.
 */
export async function hoverToken(page: Page, token: string, pattern: RegExp): Promise<string> {
  const target = page.locator('.editor-group-container.active .view-line span span').filter({ hasText: new RegExp(`^${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
  const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: pattern }).first();
  const deadline = Date.now() + UI_TIMEOUT_MS;
  for (;;) {
    await target.hover();
    try {
      await hover.waitFor({ timeout: 5_000 });
      return (await hover.textContent()) ?? '';
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.mouse.move(0, 0);
    }
  }
}

/** Puts the cursor at the end of the editor line containing `lineText` and applies a quick fix by its title (Ctrl+.). */
export async function applyQuickFix(page: Page, lineText: string, title: string): Promise<void> {
  const line = page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: lineText }).first();
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Control+.');
  const item = page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first();
  await item.waitFor({ timeout: UI_TIMEOUT_MS });
  await item.click();
  await item.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

/** Whether the active editor shows a line containing `text` (waits for it). */
export async function waitForEditorLine(page: Page, text: string): Promise<void> {
  await page.locator('.editor-group-container.active .monaco-editor .view-line').filter({ hasText: text }).first().waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Waits until no Problems row matches. */
export async function waitForNoProblem(page: Page, pattern: RegExp): Promise<void> {
  const rows = await showProblems(page);
  await rows.filter({ hasText: pattern }).first().waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
}

/** Runs a command by its palette title ("Category: Title") through F1. */
export async function runFromPalette(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: UI_TIMEOUT_MS });
  await input.fill(`>${title}`);
  const item = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first();
  await item.waitFor({ timeout: UI_TIMEOUT_MS });
  await item.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: UI_TIMEOUT_MS });
}

/** Waits for a notification toast whose text matches, and returns the text. */
export async function waitForNotification(page: Page, pattern: RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: pattern }).first();
  await toast.waitFor({ timeout: UI_TIMEOUT_MS });
  return (await toast.textContent()) ?? '';
}

/** The status bar entries an extension contributed (their DOM id is the extension id, or starts with it). */
export function statusBarEntriesOf(page: Page, extensionId: string): Locator {
  const id = extensionId.toLowerCase();
  return page.locator(`.statusbar-item[id="${id}"], .statusbar-item[id^="${id}."]`);
}
