// What the language server and the CLI load at start-up: the bundles as scripts/build.mjs makes them (same
// options), read from esbuild's metafile. Start-up is the entry file and the chunks it imports statically; a
// chunk reached only through `import()` is read and evaluated on first use. Issue 10: a cold start does no
// work the first diagnostics do not need, so the cluster client, simple-git, drift, write-back and readiness
// must not be in the start-up set, and must still be in the bundle.
import assert from 'node:assert/strict';
import { build, type Metafile } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SPLIT_ENTRIES, splitBundleOptions, type SplitEntry } from '../../scripts/bundle-options.mjs';

/** Inputs (node_modules paths without the leading `../`) that a first lint never needs. */
const NOT_AT_START_UP = [
  /node_modules\/@kubernetes\/client-node\//,
  /node_modules\/simple-git\//,
  /node_modules\/(ws|tr46|whatwg-url|node-fetch|jsonpath-plus|socks|ip-address|openid-client)\//,
  // The cluster adapter, but for its two small client-free parts the server's drift state names (status, backoff).
  /^src\/adapters\/kube\/(?!backoff\.ts$|cluster-status\.ts$)/,
  /^src\/adapters\/drift\/drift-service\.ts$/,
  /^src\/adapters\/git\/git-writeback\.ts$/,
  /^src\/adapters\/writeback\//,
  /^src\/adapters\/readiness\//,
  /^src\/core\/readiness\//,
];

interface BundleFacts {
  /** Every input module of the whole bundle (start-up and lazy chunks). */
  readonly all: ReadonlySet<string>;
  /** The input modules of the entry file and the chunks it imports statically. */
  readonly startUp: ReadonlySet<string>;
  readonly startUpBytes: number;
  readonly allBytes: number;
}

/** Repository-relative input path (the worktree's node_modules may resolve elsewhere: keep from `node_modules/`). */
const inputName = (path: string) => (path.includes('node_modules/') ? path.slice(path.indexOf('node_modules/')) : path);

function factsOf(metafile: Metafile, entry: SplitEntry): BundleFacts {
  const outputs = metafile.outputs;
  const entryFile = Object.keys(outputs).find((file) => file.endsWith(`/${entry.name}.mjs`));
  assert.ok(entryFile, `no ${entry.name}.mjs among ${Object.keys(outputs).join(', ')}`);
  const reached = new Set<string>();
  const visit = (file: string) => {
    if (reached.has(file)) return;
    reached.add(file);
    for (const imported of outputs[file]?.imports ?? []) if (imported.kind !== 'dynamic-import' && outputs[imported.path]) visit(imported.path);
  };
  visit(entryFile);
  const code = Object.keys(outputs).filter((file) => file.endsWith('.mjs'));
  const inputsOf = (files: readonly string[]) => new Set(files.flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}).map(inputName)));
  const bytesOf = (files: readonly string[]) => files.reduce((sum, file) => sum + (outputs[file]?.bytes ?? 0), 0);
  return { all: inputsOf(code), startUp: inputsOf([...reached]), startUpBytes: bytesOf([...reached]), allBytes: bytesOf(code) };
}

describe('what start-up loads (the bundles of scripts/build.mjs)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'gitops-start-up-bundle-'));
  const facts = new Map<string, BundleFacts>();
  const code = new Map<string, string>();

  before(async () => {
    for (const entry of SPLIT_ENTRIES) {
      const result = await build({ ...splitBundleOptions(entry, { outdir }), write: false, metafile: true, sourcemap: false });
      facts.set(entry.name, factsOf(result.metafile, entry));
      code.set(entry.name, result.outputFiles.map((f) => f.text).join('\n'));
    }
  });
  after(() => rmSync(outdir, { recursive: true, force: true }));

  const startUpOffenders = (name: string) => {
    const f = facts.get(name);
    assert.ok(f, `no bundle ${name}`);
    return [...f.startUp].filter((input) => NOT_AT_START_UP.some((pattern) => pattern.test(input)));
  };

  it('the language server starts without the cluster client, simple-git, drift service, write-back or readiness', () => {
    assert.deepEqual(startUpOffenders('server'), []);
  });

  it('the CLI starts (for lint) without the cluster client, simple-git, drift service, write-back or readiness', () => {
    assert.deepEqual(startUpOffenders('cli'), []);
  });

  it('what start-up leaves out is still in both bundles, loaded on first use', () => {
    const lazy = ['src/adapters/drift/drift-service.ts', 'src/adapters/git/git-writeback.ts', 'src/adapters/readiness/gather-readiness-input.ts'];
    for (const [name, needs] of [['server', [...lazy, 'src/adapters/kube/gitops-unit-control.ts', 'src/core/readiness/assess-readiness.ts']], ['cli', lazy]] as const) {
      const all = facts.get(name)?.all ?? new Set<string>();
      for (const needed of needs) {
        assert.ok(all.has(needed), `${name}: ${needed} is not in the bundle at all`);
      }
      assert.ok([...all].some((input) => input.startsWith('node_modules/@kubernetes/client-node/')), `${name}: @kubernetes/client-node is not in the bundle`);
    }
  });

  it('the language server starts with what the first diagnostics need: the LSP connection, the YAML parser, the rules and the schema validator', () => {
    const startUp = facts.get('server')?.startUp ?? new Set<string>();
    for (const needed of ['src/server/create-server.ts', 'src/core/lint/rule-list.ts', 'src/core/manifest/parse-manifest.ts', 'src/adapters/schema/node-validator.ts']) {
      assert.ok(startUp.has(needed), `${needed} is not loaded at start-up`);
    }
    assert.ok([...startUp].some((input) => input.startsWith('node_modules/vscode-languageserver/')));
  });

  it("the YAML parser's per-token debug switches are not read from process.env (scripts/esbuild-yaml-env-reads.mjs)", () => {
    for (const [name, text] of code) {
      assert.ok(text.includes('this.lexer.lex('), `${name}: the yaml parser is not in the bundle`);
      assert.doesNotMatch(text, /env\.LOG_(TOKENS|STREAM)/, `${name}: the yaml library still reads process.env per token`);
    }
  });

  it('prints the start-up share of each bundle (a load-independent figure for docs/performance.md)', () => {
    for (const [name, f] of facts) {
      const share = f.startUpBytes / f.allBytes;
      console.log(`${name}: start-up ${f.startUp.size} modules, ${(f.startUpBytes / 1024).toFixed(0)} KiB of ${f.all.size} modules, ${(f.allBytes / 1024).toFixed(0)} KiB (${(share * 100).toFixed(0)} %)`);
      assert.ok(share < 1, `${name}: everything is loaded at start-up`);
    }
  });
});
