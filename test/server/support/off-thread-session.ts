// Shared by the off-thread lint tests: the wide ConfigMap, a Pod that refers to it, a session over the
// real server with real schemas (and lint workers when asked), and requests counted until an event.
import assert from 'node:assert/strict';
import { CompletionRequest, DocumentSymbolRequest, HoverRequest } from 'vscode-languageserver-protocol';
import { createNodeSchemaRegistry, createNodeValidator } from '../../../src/adapters/schema/node-validator.js';
import type { OffThreadLintOptions } from '../../../src/server/lint-worker/off-thread-linter.js';
import { createRegistrySchemaProvider } from '../../../src/server/registry-schema-provider.js';
import type { ServerDeps } from '../../../src/server/server-deps.js';
import { startTestLintWorker } from '../../support/lint-worker-script.js';
import { LspTestSession } from './lsp-test-session.js';

export const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      envFrom:\n        - configMapRef:\n            name: wide\n';
export const wideMap = (n: number, name = 'wide') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${Array.from({ length: n }, (_, i) => `  key-${i}: value-${i}\n`).join('')}`;
/** The document: 200,000 keys, about 4 MB. */
export const HUGE = wideMap(200_000);
/** Enough requests answered during one lint to prove nothing blocked them (the old server answered at most one). */
export const ANSWERS_DURING_LINT = 5;

/** A 4 MB parse takes ~2 s alone, many times that on a loaded machine: a deadline for an answer, not a speed. */
export const WAIT_MS = 180_000;

export async function startSession(options: Parameters<typeof LspTestSession.start>[0]): Promise<LspTestSession> {
  // A large file on disk is read in a worker before the index is ready: waited for here, with this deadline.
  const session = await LspTestSession.start({ ...options, awaitIndex: false });
  session.waitTimeoutMs = WAIT_MS;
  if (options?.awaitIndex !== false) await session.waitFor(() => session.statuses.some((s) => s.state === 'ready'), 'the workspace index');
  return session;
}

export function realDeps(offThread?: Partial<OffThreadLintOptions>): Partial<ServerDeps> {
  const registry = createNodeSchemaRegistry();
  return {
    schema: createRegistrySchemaProvider(registry),
    validator: createNodeValidator(registry),
    ...(offThread ? { offThreadLint: { startWorker: startTestLintWorker, ...offThread } } : {}),
  };
}

/**
 * Sends hover, completion and symbol requests on `path` one after another until `done()` or `enough` were
 * answered; returns how many were answered before `done()` held.
 */
export async function answeredUntil(session: LspTestSession, path: string, done: () => boolean, enough = ANSWERS_DURING_LINT): Promise<number> {
  const uri = session.uri(path);
  let answered = 0;
  while (!done() && answered < enough) {
    const kind = answered % 3;
    if (kind === 0) assert.ok(await session.client.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 2 } }), 'hover has content');
    else if (kind === 1) await session.client.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 7, character: 6 } });
    else assert.ok((await session.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }))?.length, 'symbols listed');
    if (!done()) answered++;
  }
  return answered;
}
