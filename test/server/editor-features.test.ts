import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, DocumentSymbolRequest, HoverRequest, type CompletionItem, type DocumentSymbol, type MarkupContent, type TextEdit } from 'vscode-languageserver-protocol';
import { fakeSchemaProvider } from './support/fake-schema-provider.js';
import { LspTestSession } from './support/lsp-test-session.js';

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          imagePullPolicy: Always
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  key: value
`;

describe('hover, completion and symbols over LSP', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({
      files: { 'apps/kustomization.yaml': 'resources:\n  - web.yaml\n' },
      deps: { schema: fakeSchemaProvider },
    });
    await session.open('apps/web.yaml', TEXT);
    await session.diagnosticsFor('apps/web.yaml');
  });
  after(() => session.dispose());

  const hover = async (line: number, character: number) => {
    const result = await session.client.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri('apps/web.yaml') }, position: { line, character } });
    return (result?.contents as MarkupContent | undefined)?.value ?? '';
  };
  const complete = async (path: string, line: number, character: number) => {
    const result = await session.client.sendRequest(CompletionRequest.type, { textDocument: { uri: session.uri(path) }, position: { line, character } });
    return (Array.isArray(result) ? result : result?.items ?? []) as CompletionItem[];
  };

  it('hovers a field with its description, type and default', async () => {
    const text = await hover(6, 4);
    assert.match(text, /\*\*replicas\*\* `integer`/);
    assert.match(text, /Number of desired pods\./);
    assert.match(text, /Default: `1`/);
  });

  it('hovers a field inside a list item', async () => {
    const text = await hover(12, 12);
    assert.match(text, /\*\*imagePullPolicy\*\*/);
    assert.match(text, /Allowed values: `Always`, `IfNotPresent`, `Never`/);
  });

  it('hovers an object header with its identity and deployment unit', async () => {
    const text = await hover(1, 7);
    assert.match(text, /\| apps \| Deployment \| shop \| web \|/);
    assert.match(text, /kustomization `apps`/);
  });

  it('completes keys of the mapping under the cursor, without those already there, indented', async () => {
    await session.open('apps/new.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 1\n  \n');
    const items = await complete('apps/new.yaml', 4, 2);
    const labels = items.map((i) => i.label).sort();
    assert.deepEqual(labels, ['paused', 'template']);
    const template = items.find((i) => i.label === 'template');
    assert.equal((template?.textEdit as TextEdit).newText, 'template:\n    $0');
  });

  it('completes keys inside a list item', async () => {
    await session.open('apps/item.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          im\n');
    const items = await complete('apps/item.yaml', 7, 12);
    assert.deepEqual(items.map((i) => i.label).sort(), ['image', 'imagePullPolicy']);
    assert.deepEqual((items[0]?.textEdit as TextEdit).range, { start: { line: 7, character: 10 }, end: { line: 7, character: 12 } });
  });

  it('completes enum values after a key', async () => {
    await session.open('apps/enum.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          imagePullPolicy: \n');
    const items = await complete('apps/enum.yaml', 7, 27);
    assert.deepEqual(items.map((i) => i.label), ['Always', 'IfNotPresent', 'Never']);
    assert.equal((items[0]?.textEdit as TextEdit).newText, 'Always');
  });

  it('adds the space after the colon when triggered by it', async () => {
    await session.open('apps/colon.yaml', 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          imagePullPolicy:\n');
    const items = await complete('apps/colon.yaml', 7, 26);
    assert.equal((items[1]?.textEdit as TextEdit).newText, ' IfNotPresent');
  });

  it('completes apiVersion/kind pairs at the top of an empty document', async () => {
    await session.open('apps/empty.yaml', '\n');
    const items = await complete('apps/empty.yaml', 0, 0);
    const deployment = items.find((i) => i.label === 'Deployment (apps/v1)');
    assert.equal((deployment?.textEdit as TextEdit).newText, 'apiVersion: apps/v1\nkind: Deployment');
  });

  it('lists one outline entry per object with its top-level sections', async () => {
    const symbols = (await session.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: session.uri('apps/web.yaml') } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['Deployment/web', 'ConfigMap/settings']);
    assert.deepEqual(symbols[0]?.children?.map((c) => c.name), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.deepEqual(symbols[1]?.selectionRange, { start: { line: 17, character: 8 }, end: { line: 17, character: 16 } });
    assert.equal(symbols[1]?.range.start.line, 13); // the document starts at its `---` marker
  });

  it('outlines a kustomization file too', async () => {
    await session.open('apps/kustomization.yaml', 'resources:\n  - web.yaml\n');
    const symbols = (await session.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: session.uri('apps/kustomization.yaml') } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => [s.name, s.children?.map((c) => c.name)]), [['Kustomization/apps', ['resources']]]);
  });
});
