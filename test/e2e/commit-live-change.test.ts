// End to end in code-server + Chromium: "Commit Live Change to Git" from the Drift view, on the demo after
// its live hotfix (Git says replicas 3; `kubectl scale` made it 5). The planned diff shows first; "Apply and
// Commit" writes the live value into the line that declares it (its comment and every other byte kept), commits
// it on a new branch and pushes that branch to the workspace's bare `origin` (mode branch+push, the default).
// And the cluster is only read: every write in its request log came from kubectl.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { FLUX_READY_STEPS, LIVE_HOTFIX_STEPS, renderDemoObjects } from '../../scripts/demo.mjs';
import { isWriteRequest } from '../cluster/api-server/api-server.js';
import type { JsonObject } from '../cluster/api-server/types.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { diffEditorSides, showDriftView, treeRowLocator, waitForTreeRow, waitForValue, workbenchChange } from './drift-page.js';
import { waitForNotification } from './workbench-page.js';
import { openWorkbenchSession, runStep, type WorkbenchSession } from './workbench-session.js';

const SETUP_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 3 * 60_000;
const DEPLOYMENT = 'apps/base/api-server/deployment.yaml';
const FIXTURE = 'test/fixtures/demo-repo';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

describe('Commit Live Change to Git in code-server', { timeout: SETUP_TIMEOUT_MS + 3 * STEP_TIMEOUT_MS }, () => {
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
      await field.click({ button: 'right' });
      await page.locator('.monaco-menu .action-label', { hasText: 'Commit Live Change to Git' }).first().click();

      // A base shared by no other environment needs no layer question; if the planner asks, take the default.
      const dialog = page.locator('.monaco-dialog-box');
      const question = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'This environment only' }).first();
      await Promise.race([dialog.waitFor({ timeout: STEP_TIMEOUT_MS / 2 }), question.waitFor({ timeout: STEP_TIMEOUT_MS / 2 }).then(() => question.click())]);
      await dialog.waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
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

  test('the cluster was only read: every write in its log came from kubectl', { timeout: STEP_TIMEOUT_MS }, () =>
    step('commit-request-log', async () => {
      assert.ok(cluster);
      const writers = cluster.handle.requests.filter(isWriteRequest).map((r) => `${r.method} ${r.path} ${r.userAgent}`);
      assert.deepEqual(writers.filter((w) => !/ kubectl\/v1\.\d+/.test(w)), [], 'no write from the extension');
    }));
});
