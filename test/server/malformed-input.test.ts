// Every document of the engine's fuzz corpus (plus a few generated ones) gets an answer to every request,
// and the server is still alive and correct afterwards.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, CompletionRequest, DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { createNodeSchemaRegistry, createNodeValidator } from '../../src/adapters/schema/node-validator.js';
import { createRegistrySchemaProvider } from '../../src/server/registry-schema-provider.js';
import { LspTestSession } from './support/lsp-test-session.js';

// Tests run from the repository root (scripts/run-tests.mjs).
const CORPUS = 'test/fixtures/fuzz';

function generatedInputs(): Record<string, string> {
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const indent = Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
  const aliases = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join('\n');
  return {
    'gen-deep-flow.yaml': deep,
    'gen-deep-indent.yaml': indent,
    'gen-billion-laughs.yaml': aliases,
    'gen-binary.yaml': '\u0000\u0001\uffff\ud800apiVersion: v1\nkind: \u0000',
    'gen-unclosed.yaml': 'apiVersion: "v1\nkind: Pod\nmetadata: {name: [\n',
    'gen-tabs.yaml': 'apiVersion: v1\n\tkind: Pod\n\t\tmetadata:\n',
    'gen-only-markers.yaml': '---\n---\n...\n---\n%YAML 1.2\n---\n',
    'gen-emoji.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 😀😀\ndata:\n  k😀: v😀\n',
    'gen-list.yaml': 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n  - 42\n  - [1, 2\n',
    'gen-json.json': '{"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"image": ',
  };
}

describe('malformed input never breaks the server', () => {
  let session: LspTestSession;
  const inputs: Record<string, string> = { ...generatedInputs() };
  if (existsSync(CORPUS)) for (const name of readdirSync(CORPUS).sort()) inputs[`fuzz/${name}`] = readFileSync(join(CORPUS, name), 'utf8');

  before(async () => {
    // The production wiring: real schemas for validation, hover and completion.
    const registry = createNodeSchemaRegistry();
    session = await LspTestSession.start({ deps: { schema: createRegistrySchemaProvider(registry), validator: createNodeValidator(registry) } });
  });
  after(() => session.dispose());

  it('has a corpus to run', () => {
    assert.ok(Object.keys(inputs).length >= 10);
  });

  for (const [path, text] of Object.entries(inputs)) {
    it(`answers every request on ${path}`, async () => {
      await session.open(path, text, path.endsWith('.json') ? 'json' : 'yaml');
      const published = await session.diagnosticsFor(path);
      assert.ok(Array.isArray(published.diagnostics));
      const uri = session.uri(path);
      const lineCount = text.split('\n').length;
      const positions = [0, 1, Math.floor(lineCount / 2), lineCount - 1, lineCount + 5].flatMap((line) => [0, 3, 200].map((character) => ({ line, character })));
      for (const position of positions) {
        await session.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
        const completion = await session.client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
        assert.ok(completion === null || Array.isArray(completion) || Array.isArray(completion.items));
      }
      const symbols = await session.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
      assert.ok(Array.isArray(symbols));
      const actions = await session.client.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: lineCount, character: 0 } },
        context: { diagnostics: published.diagnostics },
      });
      assert.ok(Array.isArray(actions));
      // Editing the malformed text (a keystroke in the middle) still yields diagnostics for the new version.
      const version = await session.change(path, { text: text.slice(0, text.length >> 1) + 'x' + text.slice(text.length >> 1) });
      await session.diagnosticsFor(path, (d) => d.version === version);
    });
  }

  it('is still alive and correct after the corpus', async () => {
    await session.open('alive.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n');
    const published = await session.diagnosticsFor('alive.yaml');
    assert.ok(published.diagnostics.some((d) => d.code === 'image-tag'));
  });
});
