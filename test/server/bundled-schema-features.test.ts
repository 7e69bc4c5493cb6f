// Hover and completion against the real schema registry and its bundled data (built-in kinds, Flux CRDs).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, CompletionRequest, HoverRequest, type CodeAction, type CompletionItem, type MarkupContent } from 'vscode-languageserver-protocol';
import { createFileSchemaSource } from '../../src/adapters/schema/file-schema-source.js';
import { createNodeValidator } from '../../src/adapters/schema/node-validator.js';
import { createSchemaRegistry } from '../../src/core/schema/schema-registry.js';
import { applyWorkspaceEdit } from './support/apply-workspace-edit.js';
import { createRegistrySchemaProvider } from '../../src/server/registry-schema-provider.js';
import { LspTestSession } from './support/lsp-test-session.js';

describe('schema diagnostics, hover and completion with the bundled schemas', () => {
  let session: LspTestSession;
  before(async () => {
    const registry = createSchemaRegistry(createFileSchemaSource('src/core/schema/data'));
    session = await LspTestSession.start({ deps: { schema: createRegistrySchemaProvider(registry), validator: createNodeValidator(registry) } });
  });
  after(() => session.dispose());

  it('reports a removed apiVersion and replaces it with the quick fix', async () => {
    const text = 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules: []\n';
    await session.open('ingress.yaml', text);
    const published = await session.diagnosticsFor('ingress.yaml');
    const removed = published.diagnostics.find((d) => d.code === 'deprecated-api' || d.code === 'schema');
    assert.ok(removed, JSON.stringify(published.diagnostics));
    assert.deepEqual(removed.range, { start: { line: 0, character: 12 }, end: { line: 0, character: 30 } });
    const actions = (await session.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: session.uri('ingress.yaml') },
      range: removed.range,
      context: { diagnostics: [removed] },
    })) as CodeAction[];
    const change = actions.find((a) => a.title.startsWith('Change apiVersion to'));
    assert.ok(change?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(applyWorkspaceEdit(change.edit, session.uri('ingress.yaml'), text), text.replace('extensions/v1beta1', 'networking.k8s.io/v1'));
  });

  it('reports an unknown field where it is written', async () => {
    await session.open('typo.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndatta:\n  k: v\n');
    const published = await session.diagnosticsFor('typo.yaml');
    const typo = published.diagnostics.find((d) => d.code === 'schema');
    assert.deepEqual(typo?.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 5 } });
  });

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
