import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DriftWatchLifecycle, STOP_DELAY_MS, type DriftWatchInputs, type Timers } from '../../../src/extension/drift-watch-lifecycle.js';
import type { DriftWatchParams } from '../../../src/protocol/drift-messages.js';

/** Timers run by hand: `fire()` runs what is due, as if the delay had passed. */
class ManualTimers implements Timers {
  private next = 0;
  readonly pending = new Map<number, { callback: () => void; ms: number }>();
  set(callback: () => void, ms: number): unknown {
    const id = ++this.next;
    this.pending.set(id, { callback, ms });
    return id;
  }
  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fire(): void {
    for (const [id, { callback }] of [...this.pending]) {
      this.pending.delete(id);
      callback();
    }
  }
}

const base: DriftWatchInputs = { trusted: true, enabled: true, viewVisible: false, manifestVisible: false, contexts: {} };

function setup() {
  const sent: DriftWatchParams[] = [];
  const timers = new ManualTimers();
  const lifecycle = new DriftWatchLifecycle((p) => sent.push(p), timers);
  lifecycle.connected(true);
  return { sent, timers, lifecycle };
}

describe('drift watch lifecycle', () => {
  it('watches as soon as the view shows, with the kubeconfig and the picked contexts', () => {
    const { sent, lifecycle } = setup();
    lifecycle.update({ ...base, viewVisible: true, kubeconfig: '/k/config', contexts: { 'file:///r#apps': 'prod' } });
    assert.deepEqual(sent, [{ watching: true, kubeconfig: '/k/config', contexts: { 'file:///r#apps': 'prod' } }]);
  });

  it('watches for a manifest in an editor, and does not repeat itself', () => {
    const { sent, lifecycle } = setup();
    lifecycle.update({ ...base, manifestVisible: true });
    lifecycle.update({ ...base, manifestVisible: true, viewVisible: true });
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0], { watching: true, contexts: {} });
  });

  it('stops one delay after nobody looks, and a look within the delay cancels the stop', () => {
    const { sent, timers, lifecycle } = setup();
    lifecycle.update({ ...base, manifestVisible: true });
    lifecycle.update(base);
    assert.equal(sent.length, 1, 'no stop before the delay');
    assert.equal([...timers.pending.values()][0]?.ms, STOP_DELAY_MS);
    lifecycle.update({ ...base, manifestVisible: true }); // the next editor shows a manifest
    timers.fire();
    assert.equal(sent.length, 1, 'switching editors neither stops nor restarts');
    lifecycle.update(base);
    timers.fire();
    assert.deepEqual(sent.at(-1), { watching: false });
    assert.equal(lifecycle.isWatching, false);
  });

  it('never asks to watch in an untrusted workspace, and starts once trust is granted', () => {
    const { sent, lifecycle } = setup();
    lifecycle.update({ ...base, trusted: false, viewVisible: true });
    assert.deepEqual(sent, []);
    lifecycle.update({ ...base, trusted: true, viewVisible: true }, true);
    assert.deepEqual(sent, [{ watching: true, contexts: {} }]);
  });

  it('never asks to watch with drift turned off; turning it off while watching stops at once', () => {
    const { sent, lifecycle } = setup();
    lifecycle.update({ ...base, enabled: false, viewVisible: true });
    assert.deepEqual(sent, []);
    lifecycle.update({ ...base, viewVisible: true }, true);
    lifecycle.update({ ...base, enabled: false, viewVisible: true }, true);
    assert.deepEqual(sent, [{ watching: true, contexts: {} }, { watching: false }]);
  });

  it('re-sends on a settings change (forced) and when the kubeconfig or a context changes', () => {
    const { sent, lifecycle } = setup();
    lifecycle.update({ ...base, viewVisible: true });
    lifecycle.update({ ...base, viewVisible: true }, true);
    lifecycle.update({ ...base, viewVisible: true, kubeconfig: '/other' });
    lifecycle.update({ ...base, viewVisible: true, kubeconfig: '/other', contexts: { e: 'c' } });
    assert.equal(sent.length, 4);
    assert.deepEqual(sent[3], { watching: true, kubeconfig: '/other', contexts: { e: 'c' } });
  });

  it('sends nothing without a server, and tells a new server the current state', () => {
    const sent: DriftWatchParams[] = [];
    const timers = new ManualTimers();
    const lifecycle = new DriftWatchLifecycle((p) => sent.push(p), timers);
    lifecycle.update({ ...base, viewVisible: true });
    assert.deepEqual(sent, []);
    lifecycle.connected(true);
    assert.deepEqual(sent, [{ watching: true, contexts: {} }]);
    lifecycle.connected(false);
    lifecycle.connected(true);
    assert.equal(sent.length, 2, 'a restarted server hears it again');
  });

  it('a stop pending when the server goes away is dropped', () => {
    const { sent, timers, lifecycle } = setup();
    lifecycle.update({ ...base, viewVisible: true });
    lifecycle.update(base);
    lifecycle.connected(false);
    assert.equal(timers.pending.size, 0);
    timers.fire();
    assert.equal(sent.length, 1);
  });
});
