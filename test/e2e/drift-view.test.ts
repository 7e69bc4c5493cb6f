// End to end in a real VS Code (code-server 4.139) in a real Chromium: the packaged VSIX on a git copy of the
// demo repository, against the test cluster seeded the way `npm start` seeds it (Git says replicas 3; a
// `kubectl scale` to 5 and a `kubectl set image` happened live). What is asserted is what a user sees: the
// Drift view, the decoration on the drifted line, its hover, the Git ↔ live diff; a live change, an outage and
// a restart of the cluster; and, across the run, that the extension never wrote to the cluster.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { FLUX_READY_STEPS, LIVE_HOTFIX_STEPS, renderDemoObjects } from '../../scripts/demo.mjs';
import { isWriteRequest, type RecordedRequest } from '../cluster/api-server/api-server.js';
import type { JsonObject } from '../cluster/api-server/types.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { openWorkbenchSession, type WorkbenchSession } from './workbench-session.js';
import { hoverToken } from './workbench-page.js';
import { waitForActivationMs } from './extension-logs.js';
import { afterTextsOnLine, diffEditorSides, workbenchChange, showDriftView, sidebarTreeRows, treeRowLocator, waitForAfterText, waitForTreeRow, waitForValue } from './drift-page.js';

const SETUP_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 3 * 60_000;
const SCREENSHOTS = join('.work', 'e2e-screenshots');
/** The manifest line that declares what `kubectl scale` changed (apps/base/api-server/deployment.yaml). */
const REPLICAS_LINE = 'replicas: 3';
const DEPLOYMENT_ROW = /^api-server$/;

/** Expands the drifted Deployment in the Drift view and clicks its replicas field: deployment.yaml opens. */
async function openReplicasSource(page: Page): Promise<void> {
  await showDriftView(page);
  const deployment = treeRowLocator(page, 4, DEPLOYMENT_ROW, /^replicas 3 → /);
  if ((await deployment.getAttribute('aria-expanded')) !== 'true') await deployment.locator('.monaco-tl-twistie').click();
  await treeRowLocator(page, 5, /replicas$/).click();
  await page.locator('.tab.active[aria-label^="deployment.yaml"]').first().waitFor({ timeout: 60_000 });
}

/** The Drift view shown next to deployment.yaml (reopened from the view when another editor replaced it). */
async function ensureManifestOpen(page: Page): Promise<void> {
  if (await page.locator('.tab.active[aria-label^="deployment.yaml"]').first().isVisible()) return showDriftView(page);
  await openReplicasSource(page);
}

/** Requests the extension's language server made: our drift client's User-Agent, or client-node 1.4's own. */
function extensionRequests(c: TestCluster): RecordedRequest[] {
  return c.handle.requests.filter((r) => r.userAgent.startsWith('gitops-authoring') || r.userAgent.startsWith('node-fetch/'));
}

describe('the drift UI in code-server against the test cluster', { timeout: SETUP_TIMEOUT_MS + 8 * STEP_TIMEOUT_MS }, () => {
  let cluster: TestCluster | undefined;
  let session: WorkbenchSession | undefined;

  before(async () => {
    cluster = await startTestCluster({ seedObjects: renderDemoObjects() as JsonObject[] });
    // The demo's live hotfix, by the real kubectl (asynchronously: this process serves the cluster).
    for (const args of [...FLUX_READY_STEPS, ...LIVE_HOTFIX_STEPS]) await cluster.run(...args);
    const live = await cluster.getJson('get', 'deployment', 'api-server', '-n', 'shop');
    assert.equal((live.spec as { replicas: number }).replicas, 5, 'the demo hotfix scaled the Deployment to 5');
    session = await openWorkbenchSession({ fixture: 'test/fixtures/demo-repo', env: { KUBECONFIG: cluster.handle.kubeconfigPath } });
  }, { timeout: SETUP_TIMEOUT_MS });

  after(async () => {
    await session?.close();
    await cluster?.stop();
  });

  /** Runs a step; on failure keeps a screenshot (under .work/e2e-screenshots too) and code-server's log. */
  async function step(name: string, body: (s: WorkbenchSession, c: TestCluster) => Promise<void>): Promise<void> {
    assert.ok(session && cluster, 'the cluster or the code-server session did not start');
    try {
      await body(session, cluster);
    } catch (error) {
      await screenshot(`failure-${name}`);
      const dir = await session.captureFailure(name);
      throw new Error(`${(error as Error).message}\n(screenshot and code-server log in ${dir}; screenshot also in ${SCREENSHOTS})`, { cause: error });
    }
  }

  async function screenshot(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await session?.page.screenshot({ path: join(SCREENSHOTS, `drift-${name}.png`) }).catch(() => undefined);
  }

  test('the extension activates without touching the cluster while nobody looks at drift', { timeout: STEP_TIMEOUT_MS }, () =>
    step('activation', async ({ userDataDir }, c) => {
      const ms = await waitForActivationMs(userDataDir);
      assert.ok(Number.isFinite(ms), 'the activation line carries its duration');
      assert.deepEqual(extensionRequests(c).map((r) => `${r.verb} ${r.path}`), [], 'no request from the extension before the Drift view or a manifest is open');
    }));

  test('the Drift view lists api-server as Drifted (replicas 3 → 5 by kubectl), the other resources Synced', { timeout: STEP_TIMEOUT_MS }, () =>
    step('tree-drifted', async ({ page }) => {
      await showDriftView(page);
      const deployment = await waitForTreeRow(page, DEPLOYMENT_ROW, /^replicas 3 → 5 · kubectl/);
      assert.match(deployment.description, /kubectl \(scale\)/, 'the manager and the subresource are named');
      assert.match(deployment.description, /\(\+1 more\)$/, 'the image set live is the other drifted field');
      assert.match(deployment.ariaLabel, /^Deployment api-server, Drifted: /, 'its status is Drifted');
      const rows = await sidebarTreeRows(page);
      const said = rows.map((r) => r.ariaLabel);
      // The Service has the same name as the Deployment; the generated ConfigMap and the debug Pod are the others.
      for (const other of [/^Service api-server, Synced/, /^ConfigMap api-server-config-[a-z0-9]+, Synced/, /^Pod debug, Synced/]) {
        assert.ok(said.some((l) => other.test(l)), `${other} in ${JSON.stringify(said)}`);
      }
      assert.deepEqual(said.filter((l) => /, (Drifted|Missing|Orphan)\b/.test(l)).map((l) => l.split(',')[0]), ['Deployment api-server'], 'only the Deployment is drifted');
      await screenshot('tree');
    }));

  test('clicking the drifted replicas field in the Drift view opens the manifest at the line that declares it', { timeout: STEP_TIMEOUT_MS }, () =>
    step('open-source', async ({ page }) => {
      await openReplicasSource(page);
      const cursor = page.locator('.statusbar-item[id="status.editor.selection"]').first();
      await waitForValue('the cursor on line 8 (replicas: 3)', async () => (await cursor.textContent()) ?? '', (t) => /Ln 8\b/.test(t), workbenchChange(page));
    }));

  test('the manifest that declares replicas: 3 shows the live value, who and when after the line', { timeout: STEP_TIMEOUT_MS }, () =>
    step('decoration', async ({ page }) => {
      await ensureManifestOpen(page);
      const text = await waitForAfterText(page, REPLICAS_LINE, /→ 5 · kubectl \(scale\) · /);
      assert.match(text, /· (just now|\d+ s ago|\d+ min ago)$/, `the decoration says when: ${text}`);
      const others = await afterTextsOnLine(page, 'kind: Deployment');
      assert.deepEqual(others.filter((t) => /→/.test(t)), [], 'undrifted lines carry no drift decoration');
      await showDriftView(page);
      await screenshot('editor');
    }));

  test('hovering the drifted line says who changed it and when', { timeout: STEP_TIMEOUT_MS }, () =>
    step('hover', async ({ page }) => {
      const hover = await hoverToken(page, 'replicas', /Drift/);
      assert.match(hover, /Deployment\.apps shop\/api-server/);
      assert.match(hover, /Changed by kubectl \(scale\)/);
      assert.match(hover, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, 'the time of the change');
      assert.match(hover, /(just now|ago)/);
      assert.match(hover, /Show diff/);
      await page.mouse.move(0, 0);
    }));

  test('Show diff opens a diff editor: Git on the left, live on the right', { timeout: STEP_TIMEOUT_MS }, () =>
    step('diff', async ({ page }) => {
      await hoverToken(page, 'replicas', /Show diff/);
      await page.locator('.monaco-hover:not(.hidden) a').filter({ hasText: /Show diff/ }).first().click();
      const tab = page.locator('.tab.active').filter({ hasText: /api-server \(Deployment\): Git ↔ live/ }).first();
      await tab.waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
      const sides = await waitForValue(
        'a diff editor with replicas 3 on the left and 5 on the right',
        () => diffEditorSides(page),
        (d) => d.original.some((l) => /replicas"?: 3\b/.test(l)) && d.modified.some((l) => /replicas"?: 5\b/.test(l)),
        workbenchChange(page),
        STEP_TIMEOUT_MS / 2,
      );
      assert.ok(sides.original.some((l) => /image"?: ghcr\.io\/acme\/api-server:1\.8\.2\b/.test(l)), 'Git\'s image on the left');
      assert.ok(sides.modified.some((l) => /1\.8\.3-hotfix/.test(l)), 'the live image on the right');
      await screenshot('diff');
      await tab.locator('.tab-actions a.action-label').first().click();
      await tab.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS / 2 });
    }));

  test('kubectl scale --replicas=7 during the session updates the tree and the decoration', { timeout: STEP_TIMEOUT_MS }, () =>
    step('live-change', async ({ page }, c) => {
      await ensureManifestOpen(page);
      await c.run('scale', 'deployment', 'api-server', '-n', 'shop', '--replicas=7');
      await waitForTreeRow(page, DEPLOYMENT_ROW, /^replicas 3 → 7 · kubectl \(scale\)/);
      await waitForAfterText(page, REPLICAS_LINE, /→ 7 · kubectl \(scale\)/);
    }));

  test('stopping the cluster shows Unknown (never a stale Drifted or Synced); restarting it recovers', { timeout: STEP_TIMEOUT_MS }, () =>
    step('outage', async ({ page }, c) => {
      await ensureManifestOpen(page);
      await c.handle.faults.goAway();
      const unknown = await waitForTreeRow(page, DEPLOYMENT_ROW, /Unknown/);
      assert.match(unknown.ariaLabel, /^Deployment api-server, Unknown/);
      const rows = await waitForValue('every resource to be Unknown', () => sidebarTreeRows(page), (rs) => !rs.some((r) => /^(Synced|replicas)/.test(r.description)), workbenchChange(page));
      assert.ok(rows.some((r) => /Unknown/.test(r.description)));
      assert.deepEqual(await afterTextsOnLine(page, REPLICAS_LINE).then((ts) => ts.filter((t) => /→ 7/.test(t))), [], 'no stale live value on the line');
      const said = await waitForAfterText(page, 'apiVersion: apps/v1', /Unknown/);
      assert.match(said, /Unknown: \S/, `the editor says Unknown with a reason on the resource's first line: ${said}`);
      await screenshot('unknown');
      await c.handle.faults.restart({ keepState: true });
      await waitForTreeRow(page, DEPLOYMENT_ROW, /^replicas 3 → 7 · kubectl \(scale\)/);
      await waitForTreeRow(page, /^debug$/, /^Synced/);
      await waitForAfterText(page, REPLICAS_LINE, /→ 7 · kubectl \(scale\)/);
      await waitForValue('the Unknown note to leave the first line', () => afterTextsOnLine(page, 'apiVersion: apps/v1'), (ts) => !ts.some((t) => /Unknown/.test(t)), workbenchChange(page));
    }));

  test('across the run the extension only read the cluster: every write came from kubectl', { timeout: STEP_TIMEOUT_MS }, () =>
    step('request-log', async (_s, c) => {
      const requests = c.handle.requests;
      const ours = extensionRequests(c);
      assert.ok(ours.some((r) => r.verb === 'watch'), 'the extension watched this cluster (its requests are in the log)');
      assert.deepEqual([...new Set(ours.map((r) => r.verb))].filter((v) => !['get', 'list', 'watch'].includes(v)), [], 'the extension only gets, lists and watches');
      const writers = requests.filter(isWriteRequest).map((r) => `${r.method} ${r.path} ${r.userAgent}`);
      assert.ok(writers.length >= 3, 'the hotfix and the scale are in the log');
      assert.deepEqual(writers.filter((w) => !/ kubectl\/v1\.\d+/.test(w)), [], 'no write from anything but kubectl');
    }));
});
