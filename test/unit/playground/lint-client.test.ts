// Typing never waits on the engine and markers never go back in time: one request in flight, the latest
// text queued behind it, answers for anything else ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLintClient, type LintInput } from '../../../src/playground/lint-client.js';
import type { LintRequest, LintResponse, WorkerMessage } from '../../../src/playground/lint-protocol.js';

class FakeWorker {
  readonly posted: LintRequest[] = [];
  postMessage(message: LintRequest): void {
    this.posted.push(message);
  }
  answer(request: LintRequest | undefined): void {
    assert.ok(request);
    this.deliver({ type: 'lint', id: request.id, findings: [], kinds: [], resourceCount: 0, engineMillis: 1 } satisfies LintResponse);
  }
  deliver(data: WorkerMessage): void {
    for (const listener of this.listeners) listener({ data });
  }
  addEventListener(_type: 'message', listener: (event: { readonly data: WorkerMessage }) => void): void {
    this.listeners.push(listener);
  }
  private readonly listeners: ((event: { readonly data: WorkerMessage }) => void)[] = [];
}

const input = (text: string): LintInput => ({ text, kubernetesVersion: '1.34', disabledRules: [] });

test('a burst of edits while the worker lints costs one more lint, of the latest text', () => {
  const worker = new FakeWorker();
  const results: string[] = [];
  const client = createLintClient(worker, (_response, linted) => results.push(linted.text));
  client.request(input('a'));
  client.request(input('ab'));
  client.request(input('abc'));
  assert.deepEqual(worker.posted.map((r) => r.text), ['a'], 'one request in flight');
  worker.answer(worker.posted[0]);
  assert.deepEqual(worker.posted.map((r) => r.text), ['a', 'abc'], 'the latest text goes out when the answer arrives');
  worker.answer(worker.posted[1]);
  assert.deepEqual(results, ['a', 'abc']);
});

test('answers to other ids and schema messages are not lint results', () => {
  const worker = new FakeWorker();
  let results = 0;
  const client = createLintClient(worker, () => results++);
  client.request(input('a'));
  worker.answer({ ...(worker.posted[0] as LintRequest), id: 999 });
  worker.deliver({ type: 'schema', jsonSchema: {} });
  assert.equal(results, 0);
  worker.answer(worker.posted[0]);
  assert.equal(results, 1);
});
