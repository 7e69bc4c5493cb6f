// Coalesces a burst of drift events (one watch event after another in the same event-loop turn) into one
// `driftDelta` message. Nothing is dropped: the last state of every resource is what is sent.
import type { DriftDeltaParams, DriftResourceView } from '../../protocol/drift-messages.js';

export class DeltaBatcher {
  private reset = false;
  private readonly upserted = new Map<string, DriftResourceView>();
  private readonly removed = new Set<string>();
  private scheduled: NodeJS.Immediate | undefined;

  constructor(private readonly environmentId: string, private readonly send: (params: DriftDeltaParams) => void) {}

  /** The whole result set replaces everything before it, sent or pending. */
  resetTo(results: readonly DriftResourceView[]): void {
    this.reset = true;
    this.upserted.clear();
    this.removed.clear();
    for (const r of results) this.upserted.set(r.id, r);
    this.schedule();
  }

  change(upserted: readonly DriftResourceView[], removedIds: readonly string[]): void {
    for (const r of upserted) {
      this.removed.delete(r.id);
      this.upserted.set(r.id, r);
    }
    for (const id of removedIds) {
      this.upserted.delete(id);
      // Within a pending reset the set is whole: what is not in it is gone.
      if (!this.reset) this.removed.add(id);
    }
    this.schedule();
  }

  /** Sends what is pending now (used before stopping, so the last state still goes out). */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    if (!this.reset && this.upserted.size === 0 && this.removed.size === 0) return;
    const params: DriftDeltaParams = {
      environmentId: this.environmentId,
      reset: this.reset,
      upserted: [...this.upserted.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      removed: [...this.removed].sort(),
    };
    this.reset = false;
    this.upserted.clear();
    this.removed.clear();
    this.send(params);
  }

  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => this.flush());
  }
}
