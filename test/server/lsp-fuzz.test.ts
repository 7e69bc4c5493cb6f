// Issue 14, the LSP fuzzer: random incremental edits (ranges past the end of the document, reversed,
// negative), requests at random and invalid positions, bursts of edits with no wait in between, over the real
// server. Every request gets an answer within a generous deadline, the last edit's diagnostics arrive, and
// the server is still alive and correct afterwards. Seeded: a failure names its seed and step. Run twice:
// linting on the main thread, and with every document over 300 characters linted in a lint worker (edits
// then stop and restart workers all the time).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, CompletionRequest, DocumentSymbolRequest, HoverRequest, type Position } from 'vscode-languageserver-protocol';
import { createRandom } from '../support/fuzz-mutator.js';
import { HOSTILE_SHAPES } from '../support/fuzz-shapes.js';
import { startTestLintWorker } from '../support/lint-worker-script.js';
import type { ServerDeps } from '../../src/server/server-deps.js';
import { LspTestSession } from './support/lsp-test-session.js';

const DEADLINE_MS = 20_000;
const SEEDS = [1, 2, 3];
const STEPS = 60;
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27\n';
const SNIPPETS = ['a', '\n', '  ', ': ', '- ', '{', '}', '[', ']', '&a ', '*a', '<<: *a\n', '---\n', '"', '\t', '\uFEFF', '\uD800', '😀', 'image: x\n', 'kind: Pod\n'];

function withinDeadline<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([request, deadline]).finally(() => clearTimeout(timer));
}

const MODES: readonly (readonly [string, Partial<ServerDeps>])[] = [
  ['', {}],
  [' (lint workers)', { offThreadLint: { minChars: 300, startWorker: startTestLintWorker } }],
];

for (const [mode, deps] of MODES) describe(`LSP fuzzer${mode}: random edits and requests never stall or break the server`, () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({ deps });
  });
  after(() => session.dispose());

  for (const seed of SEEDS) {
    it(`seed ${seed}: every request is answered and the last edit's diagnostics arrive`, async () => {
      const random = createRandom(seed);
      const int = (max: number) => Math.floor(random() * max);
      const path = `fuzz-${seed}.yaml`;
      const uri = session.uri(path);
      const shape = HOSTILE_SHAPES[seed % HOSTILE_SHAPES.length];
      await session.open(path, `${DEPLOYMENT}---\n${shape?.generate(Math.min(shape.sizes[0], 200)) ?? ''}`);
      const position = (): Position => ({ line: int(5) === 0 ? 10_000 + int(10) : int(60), character: int(4) === 0 ? 5_000 : int(40) });
      const rssBefore = process.memoryUsage().rss;
      let version = 1;
      for (let step = 0; step < STEPS; step++) {
        const what = `seed ${seed} step ${step}`;
        const burst = int(3) === 0 ? 1 + int(10) : 1;
        for (let i = 0; i < burst; i++) {
          const a = position();
          const b = int(4) === 0 ? { line: a.line - 1 - int(3), character: a.character } : { line: a.line + int(3), character: int(40) }; // sometimes reversed
          version = await session.change(path, int(20) === 0 ? { text: DEPLOYMENT } : { range: { start: a, end: b }, text: SNIPPETS[int(SNIPPETS.length)] as string });
        }
        const kind = int(4);
        const at = position();
        if (kind === 0) await withinDeadline(`hover, ${what}`, session.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at }));
        else if (kind === 1) await withinDeadline(`completion, ${what}`, session.client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at }));
        else if (kind === 2) await withinDeadline(`symbols, ${what}`, session.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }));
        else await withinDeadline(`code actions, ${what}`, session.client.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at, end: position() }, context: { diagnostics: [] } }));
      }
      const final = await session.diagnosticsFor(path, (d) => d.version === version);
      assert.ok(Array.isArray(final.diagnostics));
      const grownMiB = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
      assert.ok(grownMiB < 512, `memory grew by ${grownMiB.toFixed(0)} MiB`);
    });
  }

  it('is still alive and correct afterwards', async () => {
    await session.open('alive.yaml', DEPLOYMENT.replace('nginx:1.27', 'nginx'));
    const published = await session.diagnosticsFor('alive.yaml');
    assert.ok(published.diagnostics.some((d) => d.code === 'image-tag'));
  });
});
