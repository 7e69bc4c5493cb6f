#!/usr/bin/env node
// `npm run package`: builds the bundles and packs them into a VSIX with vsce (pinned devDependency).
// Usage: node scripts/package-vsix.mjs [--out FILE] [--no-build]   (default out: .work/vsix/gitops-authoring-VERSION.vsix)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireDirLock } from './code-server/dir-lock.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds (unless told not to) and packages the extension; resolves to the VSIX's absolute path.
 * Concurrent callers (the e2e tests run in parallel) take turns: one build must not rewrite dist/ while
 * another packs it.
 * @param {{ out?: string, build?: boolean, quiet?: boolean, log?: (line: string) => void }} [options]
 */
export async function packageVsix(options = {}) {
  mkdirSync(join(root, '.work'), { recursive: true });
  const release = await acquireDirLock(join(root, '.work', '.package-lock'));
  try {
    return packageVsixNow(options);
  } finally {
    release();
  }
}

function packageVsixNow({ out, build = true, quiet = false, log = (l) => console.log(l) }) {
  const run = (title, command, args) => runStep(title, command, args, { quiet, log });
  const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = resolve(out ?? join(root, '.work', 'vsix', `${name}-${version}.vsix`));
  if (build) run('Building the bundles', process.execPath, [join(root, 'scripts', 'build.mjs')]);
  // dist/server.js loads dist/server.mjs, whose chunks (dist/server-chunks/) load on first use: all in the VSIX (.vscodeignore).
  for (const bundle of ['dist/extension.js', 'dist/server.js', 'dist/server.mjs', 'dist/server-chunks', 'dist/lint-worker.js']) {
    if (!existsSync(join(root, bundle))) {
      throw new Error(`${bundle} is missing after the build: the extension or the server entry point (src/*/main.ts) has not landed`);
    }
  }
  mkdirSync(dirname(vsix), { recursive: true });
  const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
  // Dependencies are bundled by esbuild, so vsce must not walk node_modules; no repository or LICENSE file
  // yet, so the prompts vsce would otherwise show are answered here.
  run(`Packaging ${relative(root, vsix)}`, process.execPath, [
    vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', vsix,
  ]);
  log(`✓ ${relative(root, vsix)} (${Math.round(statSync(vsix).size / 1024)} KiB)`);
  return vsix;
}

function runStep(title, command, args, { quiet, log }) {
  log(`▶ ${title}`);
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', quiet ? 'pipe' : 'inherit', quiet ? 'pipe' : 'inherit'] });
  if (r.status !== 0) {
    const output = quiet ? `\n${`${r.stdout}${r.stderr}`.trim()}` : '';
    throw new Error(`${title} failed (exit code ${r.status ?? r.signal})${output}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  packageVsix({ out: i > 0 ? process.argv[i + 1] : undefined, build: !process.argv.includes('--no-build') }).catch((error) => {
    console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
