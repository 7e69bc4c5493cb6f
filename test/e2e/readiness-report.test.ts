// End to end in code-server: "Show GitOps Readiness Report" opens a webview with the demo repository's report;
// an evidence link opens the file at its line; Re-run asks the server again.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openWorkbenchSession, runStep, type WorkbenchSession } from './workbench-session.js';
import { openFromExplorer, runFromPalette, waitForEditorLine } from './workbench-page.js';

const SETUP_TIMEOUT_MS = 10 * 60_000;
const STEP_TIMEOUT_MS = 2 * 60_000;

describe('GitOps readiness report in code-server', { timeout: SETUP_TIMEOUT_MS + 3 * STEP_TIMEOUT_MS }, () => {
  let session: WorkbenchSession | undefined;

  before(async () => {
    session = await openWorkbenchSession({ fixture: 'test/fixtures/demo-repo' });
  }, { timeout: SETUP_TIMEOUT_MS });

  after(async () => {
    await session?.close();
  });

  const step = (name: string, body: (s: WorkbenchSession) => Promise<void>) => runStep(session, name, body);

  /** The report's document inside the webview's two iframes. */
  const report = (s: WorkbenchSession) => s.page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

  test('the command opens the report: score, answers and evidence links', { timeout: STEP_TIMEOUT_MS }, () =>
    step('readiness-open', async (s) => {
      // A manifest opened first starts the extension and its server, as a user's first step would.
      await openFromExplorer(s.page, ['clusters', 'production', 'apps.yaml']);
      await runFromPalette(s.page, 'GitOps Authoring: Show GitOps Readiness Report');
      const title = report(s).locator('h1').first();
      await title.waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
      assert.match((await title.textContent()) ?? '', /^demo-repo: \d+(\.5)?\/12$/);
      const agent = report(s).locator('li', { hasText: 'Does an agent pull from Git? Yes' }).first();
      await agent.waitFor({ timeout: STEP_TIMEOUT_MS / 4 });
    }));

  test('an evidence link opens the file at its line', { timeout: STEP_TIMEOUT_MS }, () =>
    step('readiness-evidence-link', async (s) => {
      await report(s).locator('a.evidence', { hasText: 'clusters/production/apps.yaml:1' }).first().click();
      await s.page.locator('.tab.active', { hasText: 'apps.yaml' }).waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
      await waitForEditorLine(s.page, 'kind: Kustomization');
    }));

  test('Re-run computes the report again', { timeout: STEP_TIMEOUT_MS }, () =>
    step('readiness-rerun', async (s) => {
      await s.page.locator('.tab', { hasText: 'GitOps Readiness' }).first().click();
      const button = report(s).locator('button#rerun');
      await button.waitFor({ timeout: STEP_TIMEOUT_MS / 4 });
      await button.click();
      await report(s).locator('button#rerun:not([disabled])', { hasText: 'Re-run' }).waitFor({ timeout: STEP_TIMEOUT_MS / 2 });
      await report(s).locator('h1', { hasText: '/12' }).first().waitFor({ timeout: STEP_TIMEOUT_MS / 4 });
    }));
});
