// Debian packages the demo and the e2e suite need (libkrb5-dev to build code-server's kerberos addon,
// chromium for the browser tests). Installed with apt when we are root, otherwise the user is told the command.
import { spawnSync } from 'node:child_process';
import { runLogged } from './run-logged.mjs';

/** @param {string} name @returns {boolean} */
export function isDebianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/**
 * Installs the missing packages with apt-get (quietly, once per call).
 * @param {string[]} names
 * @param {{ logFile: string, log?: (line: string) => void }} options
 */
export async function ensureDebianPackages(names, { logFile, log = (l) => console.log(l) }) {
  const missing = names.filter((n) => !isDebianPackageInstalled(n));
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`Missing Debian packages: ${missing.join(', ')}. Install them with: sudo sh -c '${command}'`);
  }
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(`Missing packages ${missing.join(', ')} and no apt-get on this machine: install them by hand.`);
  }
  log(`▶ Installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runLogged({ label: 'apt-get update', command: 'apt-get', args: ['update', '-qq'], cwd: process.cwd(), env, logFile, log });
  await runLogged({
    label: `apt-get install ${missing.join(' ')}`,
    command: 'apt-get',
    args: ['install', '-y', '-qq', ...missing],
    cwd: process.cwd(),
    env,
    logFile,
    log,
  });
  const still = missing.filter((n) => !isDebianPackageInstalled(n));
  if (still.length > 0) throw new Error(`apt-get did not install ${still.join(', ')}: see ${logFile}`);
}
