// Starts an installed code-server on one folder with its own user-data and extensions folders, so the demo and
// the e2e tests never read or write the user's own VS Code state.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeServerEnv } from './install.mjs';

const READY_TIMEOUT_MS = 60_000;

// Quiet, deterministic first start: no welcome page, no trust prompt, no AI side panel, no update checks.
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Installs a VSIX into an extensions folder (code-server's own CLI, no marketplace involved).
 * @param {{ paths: import('./install.mjs').CodeServerPaths, vsix: string, extensionsDir: string, userDataDir: string }} options
 */
export function installExtension({ paths, vsix, extensionsDir, userDataDir }) {
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(userDataDir, { recursive: true });
  const args = [paths.entry, ...baseArgs(paths, extensionsDir, userDataDir), '--force', '--install-extension', vsix];
  const r = spawnSync(paths.nodeBin, args, { encoding: 'utf8', env: codeServerEnv(paths) });
  const output = `${r.stdout}${r.stderr}`.trim();
  if (r.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server could not install ${vsix}:\n${output}`);
  }
  return output;
}

/**
 * Starts code-server and resolves once it listens.
 * @param {{ paths: import('./install.mjs').CodeServerPaths, folder: string, extensionsDir: string,
 *   userDataDir: string, port?: number, env?: NodeJS.ProcessEnv, logFile?: string,
 *   onOutput?: (text: string) => void }} options
 */
export async function startCodeServer({ paths, folder, extensionsDir, userDataDir, port = 0, env = {}, onOutput }) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  const args = [
    paths.entry,
    ...baseArgs(paths, extensionsDir, userDataDir),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    folder,
  ];
  // A process group of its own, so stop() also ends the extension host and the language server.
  const child = spawn(paths.nodeBin, args, {
    env: { ...codeServerEnv(paths), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not listen within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      onOutput?.(text);
      const m = /HTTP server listening on (http:\/\/[^\s/]+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    const fail = (error) => {
      clearTimeout(timer);
      killGroup(child);
      reject(new Error(`${error.message}\n${output.trim().split('\n').slice(-20).join('\n')}`));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`code-server exited (${signal ?? code}) before it listened`)));
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(undefined);
    else child.once('exit', () => resolve(undefined));
  });
  return {
    url,
    /** The workbench on the folder. */
    workbenchUrl: `${url}/?folder=${encodeURIComponent(folder)}`,
    pid: child.pid,
    /** Everything code-server printed so far. */
    output: () => output,
    exited,
    /** Ends code-server and every process it started; resolves when it has exited. */
    async stop() {
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      // The extension host and language server are in the same group and may outlive the parent briefly.
      killGroup(child, 'SIGKILL');
    },
  };
}

function baseArgs(paths, extensionsDir, userDataDir) {
  return ['--config', join(paths.cacheDir, 'config.yaml'), '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir];
}

function killGroup(child, signal = 'SIGKILL') {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
