// One code-server + chromium session on a throwaway copy of a fixture repository: the copy is a real git
// repository with a bare remote, the VSIX is built from this checkout, and nothing outside a temp dir changes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeGitWorkspace } from '../../scripts/code-server/git-workspace.mjs';
import { ensureCodeServer } from '../../scripts/code-server/install.mjs';
import { installExtension, startCodeServer, type RunningCodeServer } from '../../scripts/code-server/launch.mjs';
import { packageVsix } from '../../scripts/package-vsix.mjs';
import { launchChromium } from './chromium-browser.js';
import { waitForWorkbench } from './workbench-page.js';

export interface WorkbenchSession {
  page: Page;
  /** The workspace folder code-server has open (a git clone of the fixture). */
  workspace: string;
  codeServer: RunningCodeServer;
  /** code-server's user data folder (its logs, output channels included, are under `logs/`). */
  userDataDir: string;
  /** Saves a screenshot and code-server's output into a kept temp dir; returns that dir. */
  captureFailure(name: string): Promise<string>;
  close(): Promise<void>;
}

const log = (line: string) => console.log(`# ${line}`);

export async function openWorkbenchSession(options: { fixture: string; env?: NodeJS.ProcessEnv }): Promise<WorkbenchSession> {
  const tmp = mkdtempSync(join(tmpdir(), 'gitops-e2e-'));
  let codeServer: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const captureFailure = async (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'gitops-e2e-failure-'));
    await page?.screenshot({ path: join(dir, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`) }).catch(() => undefined);
    writeFileSync(join(dir, 'code-server.log'), codeServer?.output() ?? '(code-server did not start)');
    return dir;
  };
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const paths = await ensureCodeServer({ log });
    const vsix = await packageVsix({ out: join(tmp, 'gitops-authoring.vsix'), quiet: true, log });
    const extensionsDir = join(tmp, 'extensions');
    const userDataDir = join(tmp, 'user-data');
    installExtension({ paths, vsix, extensionsDir, userDataDir });
    const { workspace } = makeGitWorkspace(options.fixture, tmp, 'demo-repo');
    codeServer = await startCodeServer({ paths, folder: workspace, extensionsDir, userDataDir, env: options.env ?? {} });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(codeServer.workbenchUrl);
    await waitForWorkbench(page);
    return { page, workspace, codeServer, userDataDir, captureFailure, close };
  } catch (error) {
    const dir = page ? await captureFailure('session-start') : undefined;
    await close();
    if (!dir) throw error;
    throw new Error(`${(error as Error).message}\n(screenshot and code-server log in ${dir})`, { cause: error });
  }
}

/**
 * Runs one test step in a session; on failure keeps a screenshot and code-server's log and says where (the
 * error keeps its cause).
 */
export async function runStep(session: WorkbenchSession | undefined, name: string, body: (s: WorkbenchSession) => Promise<void>): Promise<void> {
  if (!session) throw new Error('the code-server session did not start');
  try {
    await body(session);
  } catch (error) {
    const dir = await session.captureFailure(name);
    throw new Error(`${(error as Error).message}\n(screenshot and code-server log in ${dir})`, { cause: error });
  }
}
