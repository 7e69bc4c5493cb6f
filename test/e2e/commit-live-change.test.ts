// End to end in code-server + Chromium: "Commit Live Change to Git" from the Drift view, on the demo after
// its live hotfix (Git says replicas 3; `kubectl scale` made it 5). The planned diff shows first; "Apply and
// Commit" writes the live value into the line that declares it (its comment and every other byte kept), commits
// it on a new branch and pushes that branch to the workspace's bare `origin` (mode branch+push, the default).
// Then Scale via Git and Set Image via Git on the same Deployment: typed values checked as typed, each on a
// branch of its own. And the cluster is only read: every write in its request log came from kubectl.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { FLUX_READY_STEPS, LIVE_HOTFIX_STEPS, renderDemoObjects } from '../../scripts/demo.mjs';
import { isWriteRequest } from '../cluster/api-server/api-server.js';
import type { JsonObject } from '../cluster/api-server/types.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { diffEditorSides, showDriftView, sidebarTreeRows, treeRowLocator, waitForTreeRow, waitForValue, workbenchChange } from './drift-page.js';
import { waitForNotification } from './workbench-page.js';
import { openWorkbenchSession, runStep, type WorkbenchSession } from './workbench-session.js';

const SETUP_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 3 * 60_000;
const DEPLOYMENT = 'apps/base/api-server/deployment.yaml';
const FIXTURE = 'test/fixtures/demo-repo';

/**
 * The confirmation dialog of the write-back; when the hotfix guard asks first (the live image set by kubectl
 * stays live-only, and merging would revert it), says it is that warning and continues.
 */
async function writeBackDialog(page: Page): Promise<Locator> {
  const dialog = page.locator('.monaco-dialog-box');
  await dialog.waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
  const guard = dialog.locator('.monaco-button', { hasText: 'Continue Anyway' });
  if (await guard.count() > 0) {
    assert.match((await dialog.textContent()) ?? '', /would revert (a live change|\d+ live changes) Git does not have[\s\S]*\.image/, 'the hotfix guard names the live image');
    await guard.first().click();
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Apply and Commit' }).first().waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
  }
  return dialog;
}

/**
 * Runs a context-menu entry of a tree row. The menu ignores a click that comes right after it opened (the
 * release of the right button must not pick an item): when the menu is still open after the click, Enter
 * runs the entry the pointer highlights.
 */
async function runContextMenu(page: Page, row: Locator, title: string): Promise<void> {
  await row.click({ button: 'right' });
  const menu = page.locator('.monaco-menu').first();
  const item = menu.locator('.action-label', { hasText: title }).first();
  await item.waitFor({ timeout: STEP_TIMEOUT_MS / 4 });
  await item.hover();
  await item.click();
  const closed = await menu.waitFor({ state: 'hidden', timeout: 5_000 }).then(() => true, () => false);
  if (!closed) {
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS / 4 });
  }
}

/**
 * Waits for the commit on a branch other than `previous` (earlier steps' notifications may still show),
 * then for the notification that names it; returns the branch.
 */
async function waitForCommitOnNewBranch(page: Page, workspace: string, previous: string): Promise<string> {
  const branch = await waitForValue('a checkout of the new branch', async () => git(workspace, 'branch', '--show-current'), (b) => b !== previous, workbenchChange(page));
  const escaped = branch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await waitForNotification(page, new RegExp(`Committed [0-9a-f]{7} on branch ${escaped} and pushed to origin`));
  return branch;
}

const DEPLOYMENT_ROW = '.part.sidebar .monaco-list-row[aria-level="4"][aria-label^="Deployment api-server,"]';

/**
 * Runs an intent on the Deployment row and answers its prompt: checks the prefill, types a value the prompt
 * must refuse (its message shown as typed), then the real one; returns the confirmation dialog.
 */
async function answerIntent(page: Page, command: string, prompt: { prefill: string; invalid: string; problem: RegExp; value: string }): Promise<Locator> {
  await runContextMenu(page, page.locator(DEPLOYMENT_ROW).first(), command);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_TIMEOUT_MS / 4 });
  // The widget shows before the command fills it (and may still hold the previous prompt's text): wait for the
  // prefill. Setting an input's value is no DOM mutation, so each wait for the next change is capped.
  const nextChange = workbenchChange(page);
  const prefill = await waitForValue('the prompt prefilled with what Git says', () => input.inputValue(), (v) => v === prompt.prefill, (ms) => nextChange(Math.min(ms, 250)), STEP_TIMEOUT_MS / 4);
  assert.equal(prefill, prompt.prefill, 'prefilled with what Git says');
  await input.fill(prompt.invalid);
  await page.locator('.quick-input-widget .quick-input-message', { hasText: prompt.problem }).first().waitFor({ timeout: STEP_TIMEOUT_MS / 4 });
  await input.fill(prompt.value);
  await input.press('Enter');
  return writeBackDialog(page);
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

describe('Commit Live Change to Git in code-server', { timeout: SETUP_TIMEOUT_MS + 4 * STEP_TIMEOUT_MS }, () => {
  let cluster: TestCluster | undefined;
  let session: WorkbenchSession | undefined;

  before(async () => {
    cluster = await startTestCluster({ seedObjects: renderDemoObjects() as JsonObject[] });
    for (const args of [...FLUX_READY_STEPS, ...LIVE_HOTFIX_STEPS]) await cluster.run(...args);
    session = await openWorkbenchSession({ fixture: FIXTURE, env: { KUBECONFIG: cluster.handle.kubeconfigPath } });
  }, { timeout: SETUP_TIMEOUT_MS });

  after(async () => {
    await session?.close();
    await cluster?.stop();
  });

  const step = (name: string, body: (s: WorkbenchSession) => Promise<void>) => runStep(session, name, body);

  test('the drifted replicas field: the planned diff first, then the live value in Git on a pushed branch', { timeout: STEP_TIMEOUT_MS }, () =>
    step('commit-live-change', async ({ page, workspace }) => {
      const before = readFileSync(join(workspace, DEPLOYMENT), 'utf8');
      assert.match(before, /^ {2}replicas: 3 # the production overlay keeps this/m, 'the fixture declares replicas 3 with a comment');
      const origin = git(workspace, 'remote', 'get-url', 'origin');

      await showDriftView(page);
      await waitForTreeRow(page, /^api-server$/, /^replicas 3 → 5 · kubectl/);
      const deployment = treeRowLocator(page, 4, /^api-server$/, /^replicas 3 → 5/);
      if ((await deployment.getAttribute('aria-expanded')) !== 'true') await deployment.locator('.monaco-tl-twistie').click();
      const field = treeRowLocator(page, 5, /replicas$/);
      await runContextMenu(page, field, 'Commit Live Change to Git');

      // A base shared by no other environment needs no layer question; if the planner asks, take the default.
      const anyDialog = page.locator('.monaco-dialog-box');
      const question = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'This environment only' }).first();
      await Promise.race([anyDialog.waitFor({ timeout: STEP_TIMEOUT_MS / 2 }), question.waitFor({ timeout: STEP_TIMEOUT_MS / 2 }).then(() => question.click())]);
      const dialog = await writeBackDialog(page);
      assert.match((await dialog.textContent()) ?? '', /Apply this change to apps\/base\/api-server\/deployment\.yaml and commit it\?/);
      assert.match((await dialog.textContent()) ?? '', /\.spec\.replicas 3 → 5/);

      // Behind the modal, the planned diff: Git's text on the left, the text after the edit on the right.
      const sides = await waitForValue('the planned diff (3 on the left, 5 on the right)', () => diffEditorSides(page), (d) => d.original.some((l) => /replicas: 3 #/.test(l)) && d.modified.some((l) => /replicas: 5 #/.test(l)), workbenchChange(page));
      assert.ok(sides.modified.some((l) => /replicas: 5 # the production overlay keeps this/.test(l)), 'the comment stays on the line');
      await page.screenshot({ path: join('.work', 'e2e-screenshots', 'commit-live-change-preview.png') }).catch(() => undefined);

      await dialog.locator('.monaco-button', { hasText: 'Apply and Commit' }).first().click();
      const said = await waitForNotification(page, /Committed [0-9a-f]{7} on branch/);
      assert.match(said, /and pushed to origin/);

      const afterText = readFileSync(join(workspace, DEPLOYMENT), 'utf8');
      assert.equal(afterText, before.replace(/^( {2}replicas: )3( # the production overlay keeps this)/m, '$15$2'), 'only the value changed: comment, indentation and every other line kept');

      const branch = git(workspace, 'branch', '--show-current');
      assert.notEqual(branch, 'main', 'the commit is on a new branch');
      assert.deepEqual(git(workspace, 'show', '--name-only', '--format=', 'HEAD').split('\n'), [DEPLOYMENT], 'only the planned file is in the commit');
      assert.match(git(workspace, 'log', '-1', '--format=%s'), /^Codify live change: Deployment shop\/api-server \.spec\.replicas 3 → 5\b/);
      assert.equal(git(workspace, 'rev-parse', 'main'), git(workspace, 'rev-parse', 'HEAD~1'), 'branched from main');
      assert.equal(git(workspace, 'status', '--porcelain'), '', 'nothing else was touched');
      assert.equal(git(origin, 'rev-parse', `refs/heads/${branch}`), git(workspace, 'rev-parse', 'HEAD'), 'the bare origin has the branch at the commit');
    }));

  test('Scale via Git on the Deployment: the typed value is checked, planned, previewed and committed; the cluster is not scaled', { timeout: STEP_TIMEOUT_MS }, () =>
    step('scale-via-git', async ({ page, workspace }) => {
      const before = readFileSync(join(workspace, DEPLOYMENT), 'utf8');
      assert.match(before, /^ {2}replicas: 5 #/m, 'the previous step wrote 5');
      const firstBranch = git(workspace, 'branch', '--show-current');
      await showDriftView(page);
      // Git says 5 now, as the cluster does: replicas is no drift once the desired state is rebuilt.
      await waitForValue('the Deployment without replicas drift', () => sidebarTreeRows(page), (rows) => rows.some((r) => r.ariaLabel.startsWith('Deployment api-server,') && !/replicas/.test(r.description)), workbenchChange(page));
      const dialog = await answerIntent(page, 'Scale via Git', { prefill: '5', invalid: 'two', problem: /whole number/, value: '2' });
      assert.match((await dialog.textContent()) ?? '', /\.spec\.replicas 5 → 2/);
      await dialog.locator('.monaco-button', { hasText: 'Apply and Commit' }).first().click();
      await waitForCommitOnNewBranch(page, workspace, firstBranch);
      assert.equal(readFileSync(join(workspace, DEPLOYMENT), 'utf8'), before.replace(/^( {2}replicas: )5( #)/m, '$12$2'));
      assert.match(git(workspace, 'log', '-1', '--format=%s'), /^Scale via Git\b.*\.spec\.replicas 5 → 2/);
      const live = await cluster?.getJson('get', 'deployment', 'api-server', '-n', 'shop');
      assert.equal((live?.spec as { replicas?: number } | undefined)?.replicas, 5, 'nothing was written to the cluster');
    }));

  test('Set Image via Git on the Deployment: a bad reference is refused as typed, the new tag is committed and pushed', { timeout: STEP_TIMEOUT_MS }, () =>
    step('set-image-via-git', async ({ page, workspace }) => {
      const previousBranch = git(workspace, 'branch', '--show-current');
      await showDriftView(page);
      // The only container's image, as Git declares it, is the prefill.
      const dialog = await answerIntent(page, 'Set Image via Git', { prefill: 'ghcr.io/acme/api-server:1.8.2', invalid: 'ghcr.io/acme/api-server: 1.9.0', problem: /no spaces/, value: 'ghcr.io/acme/api-server:1.9.0' });
      assert.match((await dialog.textContent()) ?? '', /1\.8\.2 → ghcr\.io\/acme\/api-server:1\.9\.0|→ 1\.9\.0/);
      await dialog.locator('.monaco-button', { hasText: 'Apply and Commit' }).first().click();
      const branch = await waitForCommitOnNewBranch(page, workspace, previousBranch);
      assert.match(git(workspace, 'log', '-1', '--format=%s'), /^Set image via Git\b/);
      assert.match(git(workspace, 'show', '--format=', 'HEAD'), /^\+.*1\.9\.0/m, 'the commit writes the new tag');
      assert.equal(git(workspace, 'status', '--porcelain'), '', 'every planned file was saved and committed');
      assert.equal(git(git(workspace, 'remote', 'get-url', 'origin'), 'rev-parse', `refs/heads/${branch}`), git(workspace, 'rev-parse', 'HEAD'));
    }));

  test('the cluster was only read: every write in its log came from kubectl', { timeout: STEP_TIMEOUT_MS }, () =>
    step('commit-request-log', async () => {
      assert.ok(cluster);
      const writers = cluster.handle.requests.filter(isWriteRequest).map((r) => `${r.method} ${r.path} ${r.userAgent}`);
      assert.deepEqual(writers.filter((w) => !/ kubectl\/v1\.\d+/.test(w)), [], 'no write from the extension');
    }));
});
