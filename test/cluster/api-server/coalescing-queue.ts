// A controller's work queue, as client-go's coalesces keys: a key added while its pass is pending joins that
// pass, which runs on the next turn of the event loop. A pass that loses a race with another writer is not
// retried here: that writer's own store event adds the key again.

export interface CoalescingQueue<T> {
  /** Schedules one pass for `key` (with the latest `item` given for it) unless one is already pending. */
  add(key: string, item: T): void;
  /** No pass runs after this, pending ones included. */
  stop(): void;
  readonly isStopped: boolean;
}

export function createCoalescingQueue<T>(pass: (item: T) => void): CoalescingQueue<T> {
  const pending = new Map<string, T>();
  let stopped = false;
  return {
    add(key, item) {
      if (stopped) return;
      const isScheduled = pending.has(key);
      pending.set(key, item);
      if (isScheduled) return;
      setImmediate(() => {
        const latest = pending.get(key) as T;
        pending.delete(key);
        if (stopped) return;
        try {
          pass(latest);
        } catch {
          // Lost a race with another writer: its event brings the key back.
        }
      });
    },
    stop() {
      stopped = true;
      pending.clear();
    },
    get isStopped() {
      return stopped;
    },
  };
}
