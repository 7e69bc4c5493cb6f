#!/usr/bin/env node
// Bundles each entry point with esbuild: the extension host, the lint worker, the language server and the CLI
// (the last two split into chunks loaded on first use: scripts/bundle-options.mjs).
// Usage: node scripts/build.mjs [--watch] [--minify]
import { build, context } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { yamlEnvReadsOff } from './esbuild-yaml-env-reads.mjs';
import { loaderSource, SPLIT_ENTRIES, splitBundleOptions } from './bundle-options.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');

const entries = [
  { in: 'src/extension/main.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'src/server/lint-worker/lint-worker-main.ts', out: 'dist/lint-worker.js', external: [] },
].filter((e) => existsSync(e.in));
const splitEntries = SPLIT_ENTRIES.filter((e) => existsSync(e.in));

mkdirSync('dist', { recursive: true });
// Schema data is loaded lazily at run time from dist/schemas (one small JSON chunk per kind group). Chunks are
// named by content hash, so the old copy goes first: stale chunks of earlier data would ship in the VSIX.
if (existsSync('src/core/schema/data')) {
  rmSync('dist/schemas', { recursive: true, force: true });
  cpSync('src/core/schema/data', 'dist/schemas', { recursive: true });
}

for (const entry of entries) {
  const options = {
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    minify,
    external: entry.external,
    logLevel: 'warning',
    define: { PACKAGE_VERSION: JSON.stringify(version) },
    plugins: [yamlEnvReadsOff],
  };
  if (watch) await (await context(options)).watch();
  else await build(options);
}
for (const entry of splitEntries) {
  // Chunk names carry a content hash: old ones are removed, not left beside the new ones.
  rmSync(`dist/${entry.name}-chunks`, { recursive: true, force: true });
  rmSync(`dist/${entry.name}.js.map`, { force: true });
  const options = splitBundleOptions(entry, { minify, version });
  if (watch) await (await context(options)).watch();
  else await build(options);
  writeFileSync(`dist/${entry.name}.js`, loaderSource(entry));
}
const built = [...entries.map((e) => e.out), ...splitEntries.map((e) => `dist/${e.name}.js (+ .mjs, ${e.name}-chunks/)`)];
console.log(`built ${built.join(', ') || 'nothing'}${watch ? ' (watching)' : ''}`);
