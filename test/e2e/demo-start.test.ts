// `npm start` as a user runs it: the demo must print a URL that serves the workbench, seed the test cluster
// with the demo's objects plus a live kubectl hotfix, show that hotfix as drift in the browser without any
// extra step, and stop everything it started on Ctrl+C.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { launchChromium } from './chromium-browser.js';
import { showDriftView, waitForTreeRow } from './drift-page.js';
import { waitForWorkbench } from './workbench-page.js';

const START_TIMEOUT_MS = 8 * 60_000;

function waitForOutput(child: ReturnType<typeof spawn>, pattern: RegExp, output: () => string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const m = pattern.exec(output());
      if (m) {
        child.stdout?.off('data', check);
        resolve(m);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`npm start exited (${code}) before printing ${pattern}:\n${output()}`)));
    check();
  });
}

async function isServing(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

test('npm start serves the workbench on a seeded test cluster and Ctrl+C stops everything', { timeout: START_TIMEOUT_MS + 60_000 }, async () => {
  const work = mkdtempSync(join(tmpdir(), 'gitops-demo-'));
  let output = '';
  const child = spawn(process.execPath, ['scripts/demo.mjs', '--port', '0', '--work-dir', work], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await waitForOutput(child, /Press Ctrl\+C/, () => output);
    const [, workbenchUrl = '', origin = ''] = /^\s+((http:\/\/127\.0\.0\.1:\d+)\/\?folder=\S+)$/m.exec(output) ?? [];
    const [, clusterUrl = ''] = /Cluster: (http\S+)/.exec(output) ?? [];
    assert.ok(workbenchUrl, `npm start printed no workbench URL:\n${output}`);
    assert.ok(clusterUrl, `npm start runs without the test cluster:\n${output}`);

    const page = await fetch(workbenchUrl);
    assert.equal(page.status, 200, 'the printed URL serves the workbench');
    assert.match(await page.text(), /workbench/i);

    const kubectl = spawnSync('kubectl', ['--kubeconfig', join(work, 'kubeconfig'), 'get', 'deployment', 'api-server', '-n', 'shop', '-o', 'json'], { encoding: 'utf8' });
    assert.equal(kubectl.status, 0, `kubectl against the demo cluster: ${kubectl.stderr}`);
    const live = JSON.parse(kubectl.stdout) as { spec: { replicas: number; template: { spec: { containers: { image: string; env?: { name: string; value: string }[] }[] } } } };
    assert.equal(live.spec.replicas, 5, 'the live hotfix scaled the Deployment (Git says 3)');
    const container = live.spec.template.spec.containers[0];
    assert.equal(container?.image, 'ghcr.io/acme/api-server:1.8.3-hotfix');
    assert.deepEqual(container?.env, [{ name: 'CLUSTER', value: 'production' }], 'Flux postBuild variables are substituted');

    // A newcomer opens the URL and the GitOps Authoring icon: the hotfix is there, attributed to kubectl.
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await tab.goto(workbenchUrl);
      await waitForWorkbench(tab);
      await showDriftView(tab);
      await waitForTreeRow(tab, /^api-server$/, /^replicas 3 → 5 · kubectl \(scale\)/);
    } finally {
      await browser.close();
    }

    child.kill('SIGINT');
    assert.equal(await exited, 0, `npm start ends cleanly on Ctrl+C:\n${output}`);
    assert.equal(await isServing(origin), false, 'code-server is stopped');
    assert.equal(await isServing(`${clusterUrl}/version`), false, 'the test cluster is stopped');
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGINT');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  }
});
