// A lint worker that fails (a crash, an out-of-memory kill, its deadline) must not make the objects of its file
// vanish: other files' references to them would show as dangling. The file keeps its last good read, or else it
// is unread and cross-file rules treat what it may declare as unknown; one finding on the file says why. Over
// the real server with a real worker that exits on a marker in the text (as a crash ends a worker).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { lintWorkspaceRequest } from '../../src/protocol/lsp-extensions.js';
import { startTestLintWorkerFailingOn } from '../support/lint-worker-script.js';
import type { LspTestSession } from './support/lsp-test-session.js';
import { POD, realDeps, startSession, wideMap } from './support/off-thread-session.js';

const CRASH = '# crash the lint worker here\n';
/** ~3 KB: a worker's file at this size, small enough to read in a moment. */
const WIDE = wideMap(100);
const MIN_CHARS = 1000;
const isDangling = (d: { code?: number | string }) => d.code === 'dangling-reference';
const danglingMessages = (p: PublishDiagnosticsParams) => p.diagnostics.filter(isDangling).map((d) => d.message);
/** A Pod referring to the wide ConfigMap and to one declared nowhere: the latter is dangling unless a file is unread. */
const POD_AND_MISSING = POD.replace('            name: wide\n', '            name: wide\n        - configMapRef:\n            name: missing\n');
const limitMessages = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'file-limits').map((d) => d.message);

async function withSession(files: Record<string, string>, run: (session: LspTestSession) => Promise<void>, isOpenBuffersOnly = false): Promise<void> {
  const session = await startSession({ files, deps: realDeps({ minChars: MIN_CHARS, startWorker: () => startTestLintWorkerFailingOn(CRASH, isOpenBuffersOnly) }) });
  session.waitTimeoutMs = 30_000;
  try {
    await run(session);
  } finally {
    await session.dispose();
  }
}

describe('a lint worker that fails', { timeout: 120_000 }, () => {
  it('on a large open document never read: one finding says why, and a reference into it is not reported as dangling', () => withSession({}, async (session) => {
    await session.open('pod.yaml', POD);
    await session.diagnosticsFor('pod.yaml', (d) => d.diagnostics.some(isDangling));
    const since = session.mark();
    await session.open('wide.yaml', `${WIDE}${CRASH}`);
    const wide = await session.diagnosticsFor('wide.yaml', () => true, since);
    assert.deepEqual(limitMessages(wide), ['File not validated: the lint worker exited (code 3); other files\' checks treat the objects it may declare as unknown until it is read.']);
    assert.equal(wide.diagnostics.length, 1);
    // Linted again by itself once the worker failed: the ConfigMap may be declared in the unread file.
    await session.diagnosticsFor('pod.yaml', (d) => !d.diagnostics.some(isDangling), since);
  }));

  it('on an edit of a large open document read before: its last good read stands, and is replaced once a worker reads it again', () => withSession({}, async (session) => {
    await session.open('wide.yaml', WIDE);
    await session.open('pod.yaml', POD);
    await session.diagnosticsFor('pod.yaml', (d) => !d.diagnostics.some(isDangling));
    const since = session.mark();
    const crashed = await session.change('wide.yaml', { text: `${WIDE.replace('name: wide', 'name: renamed')}${CRASH}` });
    const wide = await session.diagnosticsFor('wide.yaml', (d) => d.version === crashed, since);
    assert.deepEqual(limitMessages(wide), ['File not validated: the lint worker exited (code 3); other files are checked against its last complete read.']);
    const podVersion = await session.change('pod.yaml', { text: POD.replace('name: p', 'name: q') });
    const pod = await session.diagnosticsFor('pod.yaml', (d) => d.version === podVersion, since);
    assert.deepEqual(pod.diagnostics.filter(isDangling), [], 'the last good read still declares the ConfigMap');
    const read = session.mark();
    await session.change('wide.yaml', { text: WIDE.replace('name: wide', 'name: renamed') });
    const dangling = await session.diagnosticsFor('pod.yaml', (d) => d.diagnostics.some(isDangling), read);
    assert.match(dangling.diagnostics.find(isDangling)?.message ?? '', /ConfigMap 'wide' is referenced but declared nowhere/);
  }));

  it('on a large file on disk never read: a reference into it is not reported as dangling, and Lint Workspace shows why on the file', () => withSession({ 'wide.yaml': `${WIDE}${CRASH}` }, async (session) => {
    await session.open('pod.yaml', POD);
    const pod = await session.diagnosticsFor('pod.yaml');
    assert.deepEqual(pod.diagnostics.filter(isDangling), []);
    const since = session.mark();
    await session.client.sendRequest(lintWorkspaceRequest, { includeClosedFiles: true });
    const wide = await session.diagnosticsFor('wide.yaml', () => true, since);
    assert.deepEqual(limitMessages(wide), ['File not validated: the lint worker exited (code 3); other files\' checks treat the objects it may declare as unknown until it is read.']);
    assert.deepEqual((await session.diagnosticsFor('pod.yaml', () => true, since)).diagnostics.filter(isDangling), []);
  }));

  it('on a large open document opened as read from disk at start-up: that read stands, and the workspace is not unread', () => withSession({ 'wide.yaml': `${WIDE}${CRASH}` }, async (session) => {
    // Start-up reads wide.yaml on disk in a worker (that worker does not fail on files on disk).
    await session.open('pod.yaml', POD_AND_MISSING);
    const before = await session.diagnosticsFor('pod.yaml');
    assert.equal(danglingMessages(before).length, 1);
    assert.match(danglingMessages(before)[0] ?? '', /'missing'/);
    const since = session.mark();
    await session.open('wide.yaml', `${WIDE}${CRASH}`); // unchanged: reuses the start-up read; its worker then fails
    const wide = await session.diagnosticsFor('wide.yaml', () => true, since);
    assert.deepEqual(limitMessages(wide), ['File not validated: the lint worker exited (code 3); other files are checked against its last complete read.']);
    const podVersion = await session.change('pod.yaml', { text: POD_AND_MISSING.replace('name: p', 'name: q') });
    const pod = await session.diagnosticsFor('pod.yaml', (d) => d.version === podVersion, since);
    // Still declared (no 'wide' finding), and nothing unread silences the reference to 'missing'.
    assert.equal(danglingMessages(pod).length, 1);
    assert.match(danglingMessages(pod)[0] ?? '', /ConfigMap 'missing' is referenced but declared nowhere/);
  }, true));

  it('on a large file on disk read before and changed since: its last good read stands', () => withSession({ 'wide.yaml': WIDE }, async (session) => {
    await session.open('pod.yaml', POD);
    assert.deepEqual((await session.diagnosticsFor('pod.yaml')).diagnostics.filter(isDangling), []);
    session.writeFile('wide.yaml', `${WIDE}${CRASH}`);
    const since = session.mark();
    await session.client.sendRequest(lintWorkspaceRequest, { includeClosedFiles: true });
    const wide = await session.diagnosticsFor('wide.yaml', () => true, since);
    assert.deepEqual(limitMessages(wide), ['File not validated: the lint worker exited (code 3); other files are checked against its last complete read.']);
    assert.deepEqual((await session.diagnosticsFor('pod.yaml', () => true, since)).diagnostics.filter(isDangling), []);
  }));
});
