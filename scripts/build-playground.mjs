#!/usr/bin/env node
// Builds the browser playground into dist/playground: the page (Monaco + monaco-yaml + our glue), three web
// workers (our lint engine = src/core bundled for the browser, Monaco's editor worker, monaco-yaml's YAML
// worker), the schema data (fetched lazily by the lint worker, one chunk at a time), the rules page the
// markers link to, and a service worker that keeps every file for offline use.
// Usage: node scripts/build-playground.mjs [--no-minify]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { tsImport } from 'tsx/esm/api';

const OUT = 'dist/playground';
const minify = !process.argv.includes('--no-minify');
const started = performance.now();

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });

// monaco-worker-manager (inside monaco-yaml's worker) imports Monaco's worker by a path the package's exports
// map of monaco-editor 0.57 no longer resolves: point it at the file.
const monacoWorkerPath = {
  name: 'monaco-worker-path',
  setup(build) {
    build.onResolve({ filter: /^monaco-editor\/esm\/vs\/editor\/editor\.worker(\.js)?$/ }, () => ({ path: resolve('node_modules/monaco-editor/esm/vs/editor/editor.worker.js') }));
  },
};

const common = { plugins: [monacoWorkerPath], bundle: true, minify, sourcemap: false, logLevel: 'warning', target: 'es2022', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: { 'playground': 'src/playground/main.ts' },
    outdir: OUT,
    format: 'esm',
    platform: 'browser',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
  }),
  build({ ...common, entryPoints: { 'lint.worker': 'src/playground/lint-worker.ts' }, outdir: OUT, format: 'iife', platform: 'browser' }),
  build({ ...common, entryPoints: { 'editor.worker': 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js' }, outdir: OUT, format: 'iife', platform: 'browser' }),
  build({ ...common, entryPoints: { 'yaml.worker': 'node_modules/monaco-yaml/yaml.worker.js' }, outdir: OUT, format: 'iife', platform: 'browser' }),
]);

cpSync('src/playground/index.html', join(OUT, 'index.html'));
cpSync('src/playground/playground-page.css', join(OUT, 'playground-page.css'));
cpSync('src/core/schema/data', join(OUT, 'schemas'), { recursive: true, filter: (source) => !basename(source).startsWith('.') });

// The rules page the markers link to, rendered from the same rule list as docs/rules.md.
const { renderRulesPage } = await tsImport('../src/playground/rules-page.ts', import.meta.url);
writeFileSync(join(OUT, 'rules.html'), renderRulesPage());

// The service worker caches exactly the files built here; a hash of their contents names the cache, so a new
// build replaces it and an unchanged one keeps it.
const files = listFiles(OUT).map((path) => relative(OUT, path).split('\\').join('/')).sort();
const hash = createHash('sha256');
for (const file of files) hash.update(file).update(readFileSync(join(OUT, file)));
const version = hash.digest('hex').slice(0, 16);
const serviceWorker = await build({ ...common, entryPoints: ['src/playground/service-worker.ts'], write: false, format: 'iife', platform: 'browser' });
const source = serviceWorker.outputFiles[0].text;
writeFileSync(join(OUT, 'service-worker.js'), `self.PLAYGROUND_FILES=${JSON.stringify(['./', ...files])};self.PLAYGROUND_VERSION=${JSON.stringify(version)};\n${source}`);

console.log(`built ${OUT} (${files.length + 1} files) in ${Math.round(performance.now() - started)} ms`);

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}
