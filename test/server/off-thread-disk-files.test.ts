// Issue 14, the server keeps answering: large files read from disk (≥ the worker size) are parsed in lint
// workers too — the workspace read at start-up, the Lint Workspace request, a large buffer closed with unsaved
// edits. Over the real server (in-memory LSP streams, the real worker), the 4 MB ConfigMap on disk:
// requests on a small document are answered while it is read, and the index then holds what the worker read
// (a Pod's reference to it resolves). Ordering is asserted by events (what arrived before what), never by timing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DidCloseTextDocumentNotification } from 'vscode-languageserver-protocol';
import { lintWorkspaceRequest } from '../../src/protocol/lsp-extensions.js';
import type { ServerDeps } from '../../src/server/server-deps.js';
import { ANSWERS_DURING_LINT, answeredUntil, HUGE, POD, realDeps, startSession, WAIT_MS, wideMap } from './support/off-thread-session.js';

const isDangling = (d: { code?: number | string }) => d.code === 'dangling-reference';
/** Lint at once after a change, so that an old server's work after a parse leaves no gap for requests to slip in. */
const deps = (): Partial<ServerDeps> => ({ ...realDeps({}), timing: { documentDelayMs: 0, workspaceDelayMs: 0 } });

describe('a 4 MB file on disk is parsed off the main thread', { timeout: 4 * WAIT_MS }, () => {
  it('at start-up: a small document opened right after initialize is answered before the workspace is read, and linted against it', async () => {
    const session = await startSession({ files: { 'wide.yaml': HUGE }, deps: deps(), awaitIndex: false });
    try {
      await session.open('pod.yaml', POD);
      const answered = await answeredUntil(session, 'pod.yaml', () => session.statuses.some((s) => s.state === 'ready'));
      assert.ok(answered >= ANSWERS_DURING_LINT, `only ${answered} answers arrived before the workspace was read`);
      const pod = await session.diagnosticsFor('pod.yaml');
      assert.deepEqual(pod.diagnostics.filter(isDangling), [], 'the ConfigMap the worker read is in the index');
    } finally {
      await session.dispose();
    }
  });

  it('Lint Workspace: requests are answered while the large file is read and linted, and its findings come from the worker', async () => {
    const session = await startSession({ files: { 'wide.yaml': HUGE, 'pod.yaml': POD }, deps: deps() });
    try {
      await session.open('pod.yaml', POD);
      await session.diagnosticsFor('pod.yaml');
      const since = session.mark();
      let isAnswered = false;
      const result = session.client.sendRequest(lintWorkspaceRequest, { includeClosedFiles: true }).then((r) => ((isAnswered = true), r));
      const answered = await answeredUntil(session, 'pod.yaml', () => isAnswered);
      assert.ok(answered >= ANSWERS_DURING_LINT, `only ${answered} answers arrived before Lint Workspace finished`);
      assert.equal((await result).fileCount, 2);
      const wide = await session.diagnosticsFor('wide.yaml', () => true, since);
      assert.deepEqual(wide.diagnostics.filter((d) => d.code === 'yaml-syntax' || d.message.startsWith('File not validated')), []);
      const pod = await session.diagnosticsFor('pod.yaml', () => true, since);
      assert.deepEqual(pod.diagnostics.filter(isDangling), []);
    } finally {
      await session.dispose();
    }
  });

  it('a large buffer closed with unsaved edits: the file on disk is read again in a worker while requests are answered', async () => {
    const session = await startSession({ deps: deps() });
    try {
      await session.open('pod.yaml', POD);
      await session.diagnosticsFor('pod.yaml', (d) => d.diagnostics.some(isDangling));
      await session.open('wide.yaml', wideMap(200_000, 'renamed'));
      await session.diagnosticsFor('wide.yaml');
      // The disk holds another text than the buffer (unsaved edits), one no worker has read yet: it declares 'wide'.
      session.writeFile('wide.yaml', HUGE);
      const since = session.mark();
      await session.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: session.uri('wide.yaml') } });
      let isRelinted = false;
      const relinted = session.diagnosticsFor('pod.yaml', (d) => !d.diagnostics.some(isDangling), since).then(() => (isRelinted = true));
      const answered = await answeredUntil(session, 'pod.yaml', () => isRelinted);
      assert.ok(answered >= ANSWERS_DURING_LINT, `only ${answered} answers arrived before the file on disk was read`);
      await relinted;
    } finally {
      await session.dispose();
    }
  });
});

/** A CRD over the worker size (Argo CD's ApplicationSet CRD is 1.4 MB): a long description pads it. */
const LARGE_CRD = [
  'apiVersion: apiextensions.k8s.io/v1', 'kind: CustomResourceDefinition', 'metadata:', '  name: widgets.example.com', 'spec:',
  '  group: example.com', '  scope: Namespaced', '  names:', '    kind: Widget', '    plural: widgets', '    singular: widget',
  '  versions:', '    - name: v1', '      served: true', '      storage: true', '      schema:', '        openAPIV3Schema:',
  '          type: object', `          description: ${'padding '.repeat(40_000)}`, '          properties:', '            spec:',
  '              type: object', '              properties:', '                size:', '                  type: integer', '',
].join('\n');

describe('a CustomResourceDefinition in a file read off the main thread', { timeout: 2 * WAIT_MS }, () => {
  it('validates the custom resources of other files, as the CLI does', async () => {
    const session = await startSession({ files: { 'crd.yaml': LARGE_CRD }, deps: deps() });
    try {
      await session.open('widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  sizee: 1\n');
      const widget = await session.diagnosticsFor('widget.yaml');
      assert.deepEqual(widget.diagnostics.map((d) => d.message), ['Unknown field "sizee"; did you mean "size"?']);
    } finally {
      await session.dispose();
    }
  });
});
