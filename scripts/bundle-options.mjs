import { yamlEnvReadsOff } from './esbuild-yaml-env-reads.mjs';

// esbuild options of the bundles that start as processes: the language server and the CLI. Shared by
// scripts/build.mjs and the test that checks what start-up loads (test/server/start-up-bundle.test.ts).
//
// Each is an ES module bundle split into chunks (esbuild `splitting`, which needs `format: 'esm'`): what an
// `import()` reaches (drift and @kubernetes/client-node, write-back and simple-git, readiness) is its own chunk,
// read and evaluated on first use, never at start-up. `dist/server.js` and `dist/cli.js` stay the paths others
// start: a two-line CommonJS file that imports `<name>.mjs` (docs/adr/0002-lazy-loading-at-start-up.md).

/** The process entry points: `dist/<name>.js` (loader) → `dist/<name>.mjs` → chunks in `dist/<name>-chunks/`. */
export const SPLIT_ENTRIES = [
  { name: 'server', in: 'src/server/main.ts' },
  { name: 'cli', in: 'src/cli/main.ts' },
];

// CommonJS dependencies bundled into an ES module still call `require`, and our code reads `__dirname` (the
// schema data and the lint worker sit beside the bundle): both are defined per output file.
const ESM_PRELUDE = [
  "import { createRequire as __gaCreateRequire } from 'node:module';",
  "import { dirname as __gaDirname } from 'node:path';",
  "import { fileURLToPath as __gaFileURLToPath } from 'node:url';",
  'const require = __gaCreateRequire(import.meta.url);',
  'const __filename = __gaFileURLToPath(import.meta.url);',
  'const __dirname = __gaDirname(__filename);',
].join('\n');

/**
 * esbuild options for one split entry, written under `outdir` (default `dist`).
 * @param {{ name: string, in: string }} entry
 * @param {{ outdir?: string, minify?: boolean, version?: string }} [options]
 */
export function splitBundleOptions(entry, { outdir = 'dist', minify = false, version = '0.0.0-dev' } = {}) {
  return {
    entryPoints: { [entry.name]: entry.in },
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: `${entry.name}-chunks/[name]-[hash]`,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    minify,
    banner: { js: ESM_PRELUDE },
    logLevel: 'warning',
    define: { PACKAGE_VERSION: JSON.stringify(version) },
    plugins: [yamlEnvReadsOff],
  };
}

/** The CommonJS file at `dist/<name>.js` that loads the ES module bundle (bin/ and the extension start this path). */
export function loaderSource(entry) {
  return [
    "'use strict';",
    `// Loads the ${entry.name} bundle (${entry.name}.mjs); its drift, Git and readiness chunks load on first use. Made by scripts/build.mjs.`,
    `import('./${entry.name}.mjs').catch((error) => {`,
    '  console.error(error);',
    '  process.exit(1);',
    '});',
    '',
  ].join('\n');
}
