// Hover and completion against the real schema registry and its bundled data (built-in kinds, Flux CRDs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest, type CompletionItem, type MarkupContent } from 'vscode-languageserver-protocol';
import { createFileSchemaSource } from '../../src/adapters/schema/file-schema-source.js';
import { createSchemaRegistry } from '../../src/core/schema/schema-registry.js';
import { createRegistrySchemaProvider } from '../../src/server/registry-schema-provider.js';
import { LspTestSession } from './support/lsp-test-session.js';

describe('hover and completion with the bundled schemas', () => {
  let session: LspTestSession;
  before(async () => {
    const registry = createSchemaRegistry(createFileSchemaSource('src/core/schema/data'));
    session = await LspTestSession.start({ deps: { schema: createRegistrySchemaProvider(registry) } });
  });
  after(() => session.dispose());

  it('describes a built-in field', async () => {
    await session.open('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2\n');
    const hover = await session.client.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri('d.yaml') }, position: { line: 5, character: 4 } });
    const text = (hover?.contents as MarkupContent).value;
    assert.match(text, /\*\*replicas\*\* `integer`/);
    assert.match(text, /desired pods/i);
  });

  it('completes the fields of a Flux Kustomization spec and the enum of a built-in field', async () => {
    await session.open('k.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nspec:\n  \n');
    const items = (await session.client.sendRequest(CompletionRequest.type, { textDocument: { uri: session.uri('k.yaml') }, position: { line: 3, character: 2 } })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    for (const expected of ['interval', 'path', 'prune', 'sourceRef']) assert.ok(labels.includes(expected), labels.join(','));

    await session.open('p.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  restartPolicy: \n');
    const values = (await session.client.sendRequest(CompletionRequest.type, { textDocument: { uri: session.uri('p.yaml') }, position: { line: 3, character: 17 } })) as CompletionItem[];
    assert.deepEqual(values.map((v) => v.label).sort(), ['Always', 'Never', 'OnFailure']);
  });

  it('completes kinds for an apiVersion', async () => {
    await session.open('kind.yaml', 'apiVersion: apps/v1\nkind: \n');
    const items = (await session.client.sendRequest(CompletionRequest.type, { textDocument: { uri: session.uri('kind.yaml') }, position: { line: 1, character: 6 } })) as CompletionItem[];
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Deployment') && labels.includes('StatefulSet'), labels.join(','));
  });
});
