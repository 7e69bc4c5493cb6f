// Debian's chromium, driven by playwright-core through executablePath: playwright never downloads a browser.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { ensureDebianPackages } from '../../scripts/code-server/debian-packages.mjs';

/** Flags for running as root on a machine without network beyond the package registries (facts.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function whichChromium(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const path = r.stdout.trim();
  return r.status === 0 && path ? path : undefined;
}

/** The chromium executable; installs Debian's package when missing and we may (root), else fails loudly. */
export async function findChromium(): Promise<string> {
  const found = whichChromium();
  if (found) return found;
  await ensureDebianPackages(['chromium'], { logFile: join(tmpdir(), 'gitops-e2e-apt.log') });
  const installed = whichChromium();
  if (!installed) throw new Error('chromium is not on PATH after installing Debian\'s chromium package');
  return installed;
}

/** A fresh headless chromium with its own empty profile (playwright makes one per launch). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await findChromium(), headless: true, args: CHROMIUM_ARGS });
}
