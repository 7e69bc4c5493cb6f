// Issue 14: with a hostile document open (an alias that names itself, a very wide mapping, a burst of edits),
// the real server keeps answering hover and completion, publishes one clear file-limits finding, and drops
// stale lint runs. Deadlines are generous correctness bounds (an answer, not a speed), never sleeps.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CompletionRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { createNodeSchemaRegistry, createNodeValidator } from '../../src/adapters/schema/node-validator.js';
import { createRegistrySchemaProvider } from '../../src/server/registry-schema-provider.js';
import { HOSTILE_SHAPES } from '../support/fuzz-shapes.js';
import { nodeWorkspaceSource } from '../../src/server/node-workspace-source.js';
import { WorkspaceState } from '../../src/server/workspace-state.js';
import { LspTestSession } from './support/lsp-test-session.js';

const DEADLINE_MS = 20_000;
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n';
const selfAlias = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  a: &a [${Array(n).fill('*a').join(', ')}]\n`;
const wideMap = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: wide\ndata:\n${Array.from({ length: n }, (_, i) => `  key-${i}: value-${i}\n`).join('')}`;

/** Resolves with the request's answer, or rejects once the deadline passes without one. */
function withinDeadline<T>(what: string, request: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  });
  return Promise.race([request, deadline]).finally(() => clearTimeout(timer));
}

describe('hostile input never stalls the server', () => {
  let session: LspTestSession;

  before(async () => {
    const registry = createNodeSchemaRegistry();
    session = await LspTestSession.start({ deps: { schema: createRegistrySchemaProvider(registry), validator: createNodeValidator(registry) } });
  });
  after(() => session.dispose());

  it('answers hover and completion while the issue\'s documents are open, and reports each once', async () => {
    await session.open('pod.yaml', POD);
    await session.open('self-alias.yaml', selfAlias(1000));
    await session.open('wide.yaml', wideMap(40_000));
    const pod = session.uri('pod.yaml');
    const hover = await withinDeadline('hover', session.client.sendRequest(HoverRequest.type, { textDocument: { uri: pod }, position: { line: 1, character: 2 } }));
    assert.ok(hover && JSON.stringify(hover.contents).length > 0, 'hover has content');
    const completion = await withinDeadline('completion', session.client.sendRequest(CompletionRequest.type, { textDocument: { uri: session.uri('self-alias.yaml') }, position: { line: 3, character: 2 } }));
    assert.ok(completion === null || Array.isArray(completion) || Array.isArray(completion.items));

    const alias = await session.diagnosticsFor('self-alias.yaml', (d) => d.diagnostics.length > 0);
    assert.deepEqual(alias.diagnostics.map((d) => [d.code, d.message]), [['file-limits', 'Document not validated: the alias *a is inside the value it names (&a), so it never ends.']]);
    const wide = await session.diagnosticsFor('wide.yaml');
    assert.deepEqual(wide.diagnostics.filter((d) => d.code === 'file-limits' || d.code === 'yaml-syntax'), []);
    const podDiagnostics = await session.diagnosticsFor('pod.yaml');
    assert.ok(Array.isArray(podDiagnostics.diagnostics));
  });

  it('a burst of edits on a hostile document ends with the diagnostics of the last edit, and hover still answers', async () => {
    let version = 0;
    for (let n = 10; n <= 400; n += 30) version = await session.change('self-alias.yaml', { text: selfAlias(n) });
    const last = await session.change('self-alias.yaml', { text: POD.replace('name: p', 'name: fixed') });
    assert.ok(last > version);
    const hover = await withinDeadline('hover', session.client.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri('self-alias.yaml') }, position: { line: 1, character: 2 } }));
    assert.ok(hover !== undefined);
    const final = await session.diagnosticsFor('self-alias.yaml', (d) => d.version === last);
    assert.ok(!final.diagnostics.some((d) => d.code === 'file-limits'), 'the fixed text has no limit finding');
    const stale = session.published('self-alias.yaml').filter((d) => d.version !== undefined && d.version > version && d.version < last);
    assert.deepEqual(stale, [], 'no publication for a version that was overtaken');
  });

  it('every hostile shape, at a small size, gets diagnostics and hover answers', async () => {
    for (const shape of HOSTILE_SHAPES) {
      const path = `shape-${shape.name.replace(/\W+/g, '-')}.yaml`;
      await session.open(path, shape.generate(Math.min(shape.sizes[0], 500)));
      const hover = withinDeadline(`hover on ${path}`, session.client.sendRequest(HoverRequest.type, { textDocument: { uri: session.uri(path) }, position: { line: 1, character: 2 } }));
      await hover;
      const published = await session.diagnosticsFor(path);
      assert.ok(published.diagnostics.filter((d) => d.code === 'file-limits').length <= 1, shape.name);
    }
  });
});

describe('a burst of edits is parsed once, at its newest text', () => {
  it('versions overtaken before anything read them are never parsed (no dependency change from them)', () => {
    const state = new WorkspaceState(nodeWorkspaceSource, undefined);
    state.setOpen('file:///repo/a.yaml', 'a.yaml', 1, POD);
    const before = state.dependencyKey;
    // In between: another object (a dependency change if it were parsed), then a hostile text, then back.
    state.setOpen('file:///repo/a.yaml', 'a.yaml', 2, POD.replace('name: p', 'name: q'));
    state.setOpen('file:///repo/a.yaml', 'a.yaml', 3, selfAlias(1000));
    state.setOpen('file:///repo/a.yaml', 'a.yaml', 4, POD);
    assert.equal(state.dependencyKey, before, 'only the newest text was parsed, and it declares what version 1 did');
    state.setOpen('file:///repo/a.yaml', 'a.yaml', 5, POD.replace('name: p', 'name: r'));
    assert.equal(state.dependencyKey, before + 1, 'a parsed change of identity is still noticed');
    assert.equal(state.getOpen('a.yaml')?.file.documents.length, 1);
  });
});
