// End to end in code-server: Request Reconcile, Suspend and Resume of the demo's Flux Kustomization from the
// palette. Each asks first in a modal that names the object and the kube context; Cancel writes nothing; each
// confirmed action is exactly one PATCH in the test cluster's request log; the Drift view says Suspended while
// the unit is suspended. Add Ignore Rule on the drifted replicas field shows the planned diff, asks, applies it to
// the Flux Kustomization, and once saved the field is no longer drift; nothing is written to the cluster.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { FLUX_READY_STEPS, LIVE_HOTFIX_STEPS, renderDemoObjects } from '../../scripts/demo.mjs';
import { isWriteRequest } from '../cluster/api-server/api-server.js';
import type { JsonObject } from '../cluster/api-server/types.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { showDriftView, treeRowLocator, waitForTreeRow, waitForValue, workbenchChange } from './drift-page.js';
import { runFromPalette, waitForNotification } from './workbench-page.js';
import { openWorkbenchSession, runStep, type WorkbenchSession } from './workbench-session.js';

const SETUP_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 3 * 60_000;
const KUSTOMIZATION_PATH = '/apis/kustomize.toolkit.fluxcd.io/v1/namespaces/flux-system/kustomizations/apps';

/** Writes to the cluster by anything but kubectl (the test's own hand) since `from`. */
function extensionWrites(c: TestCluster, from: number): string[] {
  return c.handle.requests.slice(from).filter((r) => isWriteRequest(r) && !r.userAgent.startsWith('kubectl/')).map((r) => `${r.method} ${r.path} ${r.fieldManager ?? ''}`);
}

/**
 * Runs an agent-control command from the palette on the `apps` environment (the demo has two: a pick follows
 * the palette in the same quick input) and returns the modal's message and detail.
 */
async function openConfirmation(page: Page, title: string): Promise<{ message: string; detail: string }> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 60_000 });
  await input.fill(`>GitOps Authoring: ${title}`);
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first().click();
  await input.and(page.locator('[placeholder$="GitOps unit?"]')).waitFor({ timeout: 60_000 });
  await page.locator('.quick-input-widget .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: /^apps$/ }) }).first().click();
  const dialog = page.locator('.monaco-dialog-box').first();
  await dialog.waitFor({ timeout: 60_000 });
  return { message: (await dialog.locator('.dialog-message-text').textContent()) ?? '', detail: (await dialog.locator('.dialog-message-detail').textContent()) ?? '' };
}

async function press(page: Page, label: string): Promise<void> {
  await page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').filter({ hasText: new RegExp(`^${label}$`) }).first().click();
  await page.locator('.monaco-dialog-box').first().waitFor({ state: 'detached', timeout: 30_000 });
}

describe('agent control and Add Ignore Rule in code-server against the test cluster', { timeout: SETUP_TIMEOUT_MS + 5 * STEP_TIMEOUT_MS }, () => {
  let cluster: TestCluster | undefined;
  let session: WorkbenchSession | undefined;

  before(async () => {
    cluster = await startTestCluster({ seedObjects: renderDemoObjects() as JsonObject[] });
    for (const args of [...FLUX_READY_STEPS, ...LIVE_HOTFIX_STEPS]) await cluster.run(...args);
    session = await openWorkbenchSession({ fixture: 'test/fixtures/demo-repo', env: { KUBECONFIG: cluster.handle.kubeconfigPath } });
  }, { timeout: SETUP_TIMEOUT_MS });

  after(async () => {
    await session?.close();
    await cluster?.stop();
  });

  const step = (name: string, body: (s: WorkbenchSession, c: TestCluster) => Promise<void>) =>
    runStep(session, name, async (s) => {
      assert.ok(cluster, 'the cluster did not start');
      await body(s, cluster);
    });

  test('Request Reconcile asks first, naming the Kustomization and the context; Cancel writes nothing', { timeout: STEP_TIMEOUT_MS }, () =>
    step('reconcile-cancel', async ({ page }, c) => {
      await showDriftView(page);
      await waitForTreeRow(page, /^api-server$/, /^replicas 3 → 5 · kubectl/);
      const from = c.handle.requests.length;
      const { message, detail } = await openConfirmation(page, 'Request Reconcile (GitOps Unit)…');
      assert.equal(message, "Request a reconcile of Kustomization flux-system/apps in context 'gitops-test'?");
      assert.match(detail, /reconcile\.fluxcd\.io\/requestedAt annotation \(one PATCH\)/);
      await press(page, 'Cancel');
      assert.deepEqual(extensionWrites(c, from), []);
    }));

  test('Request Reconcile confirmed: exactly one PATCH with our field manager', { timeout: STEP_TIMEOUT_MS }, () =>
    step('reconcile', async ({ page }, c) => {
      const from = c.handle.requests.length;
      await openConfirmation(page, 'Request Reconcile (GitOps Unit)…');
      await press(page, 'Reconcile');
      await waitForNotification(page, /requested a reconcile of Kustomization flux-system\/apps \(context gitops-test\)/);
      assert.deepEqual(extensionWrites(c, from), [`PATCH ${KUSTOMIZATION_PATH} gitops-authoring`]);
    }));

  test('Suspend: the environment says Suspended; Resume: it no longer does; one PATCH each', { timeout: STEP_TIMEOUT_MS }, () =>
    step('suspend-resume', async ({ page }, c) => {
      let from = c.handle.requests.length;
      await openConfirmation(page, 'Suspend GitOps Unit…');
      await press(page, 'Suspend');
      await waitForTreeRow(page, /^apps$/, /^Suspended · /);
      assert.deepEqual(extensionWrites(c, from), [`PATCH ${KUSTOMIZATION_PATH} gitops-authoring`]);
      from = c.handle.requests.length;
      await openConfirmation(page, 'Resume GitOps Unit…');
      await press(page, 'Resume');
      await waitForTreeRow(page, /^apps$/, /^gitops-test · /);
      assert.deepEqual(extensionWrites(c, from), [`PATCH ${KUSTOMIZATION_PATH} gitops-authoring`]);
    }));

  test('Add Ignore Rule on the replicas field: the planned diff and a question, then the Kustomization carries the rule and replicas no longer drift', { timeout: STEP_TIMEOUT_MS }, () =>
    step('add-ignore-rule', async ({ page, workspace }, c) => {
      const from = c.handle.requests.length;
      await showDriftView(page);
      const deployment = treeRowLocator(page, 4, /^api-server$/, /^replicas 3 → /);
      if ((await deployment.getAttribute('aria-expanded')) !== 'true') await deployment.locator('.monaco-tl-twistie').click();
      await treeRowLocator(page, 5, /replicas$/).click({ button: 'right' });
      // The menu ignores a click right after it opened (the right button's release must not pick an item):
      // the pointer highlights the entry and Enter runs it.
      const menu = page.locator('.context-view .monaco-menu').first();
      await menu.locator('.action-label').filter({ hasText: 'Add Ignore Rule for This Field…' }).first().hover();
      await page.keyboard.press('Enter');
      await menu.waitFor({ state: 'hidden', timeout: 30_000 });
      await page.locator('.tab').filter({ hasText: 'apps.yaml ↔ with the ignore rule' }).first().waitFor({ timeout: 60_000 });
      const dialog = page.locator('.monaco-dialog-box').first();
      await dialog.waitFor({ timeout: 60_000 });
      assert.equal(await dialog.locator('.dialog-message-text').textContent(), 'Add this ignore rule to clusters/production/apps.yaml?');
      assert.match((await dialog.locator('.dialog-message-detail').textContent()) ?? '', /ignore \.spec\.replicas of Deployment\.apps shop\/api-server/);
      await press(page, 'Apply');
      await waitForNotification(page, /Save and commit the file/);
      await runFromPalette(page, 'File: Save All Files');
      const file = join(workspace, 'clusters/production/apps.yaml');
      await waitForValue('the rule saved in apps.yaml', async () => readFileSync(file, 'utf8'), (t) => t.includes('driftIgnoreRules:'), workbenchChange(page));
      assert.match(readFileSync(file, 'utf8'), /\n {2}driftIgnoreRules:\n {4}- paths:\n {8}- \/spec\/replicas\n {6}target:\n {8}group: apps\n {8}kind: Deployment\n {8}name: api-server\n {8}namespace: shop\n$/);
      await waitForTreeRow(page, /^api-server$/, /^image /);
      assert.deepEqual(extensionWrites(c, from), [], 'an ignore rule is a repository edit, never a cluster write');
    }));
});
