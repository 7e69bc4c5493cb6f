// End to end in a real VS Code (code-server 4.139) in a real Chromium: the packaged VSIX on a git copy of the
// demo repository. What is asserted is what a user sees: the extension's status bar entry, our language
// server's warnings in the Problems panel, and a command of ours run from the palette. There is no kubeconfig
// here (KUBECONFIG names a file that does not exist): the Drift view says how to connect, and lint works.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { showDriftView } from './drift-page.js';
import { openWorkbenchSession, runStep, type WorkbenchSession } from './workbench-session.js';
import {
  applyQuickFix,
  hoverToken,
  openFromExplorer,
  retypeLine,
  runFromPalette,
  statusBarEntriesOf,
  waitForNoProblem,
  waitForNotification,
  waitForEditorLine,
  waitForProblem,
} from './workbench-page.js';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { publisher: string; name: string };
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const SETUP_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 2 * 60_000;

describe('GitOps Authoring in code-server', { timeout: SETUP_TIMEOUT_MS + 6 * STEP_TIMEOUT_MS }, () => {
  let session: WorkbenchSession | undefined;

  before(async () => {
    session = await openWorkbenchSession({ fixture: 'test/fixtures/demo-repo', env: { KUBECONFIG: join(tmpdir(), 'gitops-authoring-no-such-kubeconfig') } });
  }, { timeout: SETUP_TIMEOUT_MS });

  after(async () => {
    await session?.close();
  });

  const step = (name: string, body: (s: WorkbenchSession) => Promise<void>) => runStep(session, name, body);

  test('opening a manifest from the Explorer shows our image-tag warning in the Problems panel', { timeout: STEP_TIMEOUT_MS }, () =>
    step('image-tag-in-problems', async ({ page }) => {
      await openFromExplorer(page, ['apps', 'production', 'debug-pod.yaml']);
      const row = await waitForProblem(page, /image-tag/);
      assert.match(row, /uses ':latest'/);
      assert.match(row, /gitops-authoring/, 'the diagnostic comes from our language server');
      assert.match(row, /Ln 9, Col 14/, 'the warning points at the image value');
    }));

  test('hovering a field shows its documentation from our offline schema', { timeout: STEP_TIMEOUT_MS }, () =>
    step('hover-image-field', async ({ page }) => {
      const text = await hoverToken(page, 'image', /Container image name/);
      assert.match(text, /spec\.containers\[\]\.image/, 'the hover names the field path');
    }));

  test('the extension is active: its status bar entry is shown', { timeout: STEP_TIMEOUT_MS }, () =>
    step('status-bar-entry', async ({ page }) => {
      const entries = statusBarEntriesOf(page, EXTENSION_ID);
      await entries.first().waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
      assert.match((await entries.first().getAttribute('aria-label')) ?? '', /GitOps/);
    }));

  test('"GitOps Authoring: Lint Workspace" runs from the palette and reports the demo findings', { timeout: STEP_TIMEOUT_MS }, () =>
    step('lint-workspace-command', async ({ page }) => {
      await runFromPalette(page, 'GitOps Authoring: Lint Workspace');
      const text = await waitForNotification(page, /GitOps Authoring: \d+ file\(s\) linted/);
      const m = /(\d+) file\(s\) linted — (\d+) error\(s\), (\d+) warning\(s\)/.exec(text);
      assert.ok(m, `unexpected notification: ${text}`);
      assert.ok(Number(m[1]) >= 9, `the demo repository has 9 YAML files, linted ${m[1]}`);
      assert.ok(Number(m[3]) >= 1, 'at least the image-tag warning is counted');
    }));

  test('pinning the image tag as you type clears the image-tag warning, and only it', { timeout: STEP_TIMEOUT_MS }, () =>
    step('retype-image-tag', async ({ page }) => {
      await waitForProblem(page, /image-tag/);
      await retypeLine(page, 'busybox:latest', 'image: busybox:1.36.1');
      await waitForNoProblem(page, /image-tag/);
      const still = await waitForProblem(page, /no resource requests or limits/);
      assert.match(still, /resources/, 'the other finding on the unsaved buffer is still reported');
    }));

  test('the quick fix "Add resource requests and limits" edits the manifest and clears the resources warning', { timeout: STEP_TIMEOUT_MS }, () =>
    step('quick-fix-resources', async ({ page }) => {
      await waitForProblem(page, /no resource requests or limits/);
      await applyQuickFix(page, 'name: shell', 'Add resource requests and limits');
      await waitForEditorLine(page, 'requests:');
      await waitForNoProblem(page, /no resource requests or limits/);
    }));

  test('without a kubeconfig the Drift view says how to connect instead of a tree', { timeout: STEP_TIMEOUT_MS }, () =>
    step('drift-no-kubeconfig', async ({ page }) => {
      await showDriftView(page);
      const welcome = page.locator('.welcome-view-content', { hasText: 'No kubeconfig found' });
      await welcome.waitFor({ timeout: 60_000 });
      const text = await welcome.innerText();
      assert.match(text, /set KUBECONFIG, create ~\/\.kube\/config/);
      assert.match(text, /Choose a Kubeconfig File/);
      assert.equal(await page.locator('.pane-body .monaco-list-row').filter({ hasText: /Unknown|Synced|Drifted/ }).count(), 0, 'no tree of Unknowns');
    }));
});
