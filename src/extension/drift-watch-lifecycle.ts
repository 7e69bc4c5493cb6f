// When to tell the server to watch the cluster, free of `vscode` so it is unit-tested in plain Node.
// Someone looks (the drift view is visible, or an editor shows a manifest of the workspace): watch. Nobody
// looks: stop, one second later (switching editors must not stop and restart the informers). Never a
// `watching: true` in an untrusted workspace or with drift turned off; a stop is always allowed.
import type { DriftWatchParams } from '../protocol/drift-messages.js';

export interface DriftWatchInputs {
  readonly trusted: boolean;
  readonly enabled: boolean;
  readonly viewVisible: boolean;
  readonly manifestVisible: boolean;
  /** The machine-scoped kubeconfig setting; undefined: `KUBECONFIG`, else `~/.kube/config`. */
  readonly kubeconfig?: string;
  /** Contexts picked per environment id. */
  readonly contexts: Readonly<Record<string, string>>;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const STOP_DELAY_MS = 1000;

/** Whether anyone looks at drift and may: the `watching` the server should have. */
export function shouldWatch(inputs: DriftWatchInputs): boolean {
  return inputs.trusted && inputs.enabled && (inputs.viewVisible || inputs.manifestVisible);
}

export function watchParams(inputs: DriftWatchInputs): DriftWatchParams {
  if (!shouldWatch(inputs)) return { watching: false };
  const params: { watching: true; kubeconfig?: string; contexts: Record<string, string> } = { watching: true, contexts: { ...inputs.contexts } };
  if (inputs.kubeconfig) params.kubeconfig = inputs.kubeconfig;
  return params;
}

function sameParams(a: DriftWatchParams, b: DriftWatchParams): boolean {
  if (a.watching !== b.watching) return false;
  if (!a.watching) return true;
  if ((a.kubeconfig ?? '') !== (b.kubeconfig ?? '')) return false;
  const ac = a.contexts ?? {};
  const bc = b.contexts ?? {};
  const keys = Object.keys(ac);
  return keys.length === Object.keys(bc).length && keys.every((k) => ac[k] === bc[k]);
}

/**
 * Sends `driftWatch` as the inputs change: starts and changes at once, stops after `STOP_DELAY_MS` without a
 * look, nothing twice. A new server (after `connected(true)`) hears the current state again.
 */
export class DriftWatchLifecycle {
  private lastSent: DriftWatchParams | undefined;
  private pendingStop: unknown;
  private hasPendingStop = false;
  private isConnected = false;
  private inputs: DriftWatchInputs | undefined;

  constructor(
    private readonly send: (params: DriftWatchParams) => void,
    private readonly timers: Timers,
    private readonly stopDelayMs = STOP_DELAY_MS,
  ) {}

  /** The client started (true) or stopped (false). */
  connected(isConnected: boolean): void {
    this.isConnected = isConnected;
    this.lastSent = undefined;
    this.cancelStop();
    if (isConnected && this.inputs) this.update(this.inputs);
  }

  /** New inputs. `force`: send even if nothing changed (settings or trust changed: the server re-reads). */
  update(inputs: DriftWatchInputs, force = false): void {
    this.inputs = inputs;
    if (!this.isConnected) return;
    const next = watchParams(inputs);
    if (next.watching) {
      this.cancelStop();
      if (force || !this.lastSent || !sameParams(this.lastSent, next)) this.emit(next);
      return;
    }
    // Nothing was ever started on this server: there is nothing to stop.
    if (!this.lastSent?.watching) return;
    const looks = inputs.viewVisible || inputs.manifestVisible;
    if (looks) {
      // Drift was turned off (or trust is missing) while someone looks: stop now.
      this.cancelStop();
      this.emit(next);
      return;
    }
    if (this.hasPendingStop) return;
    this.hasPendingStop = true;
    this.pendingStop = this.timers.set(() => {
      this.hasPendingStop = false;
      this.pendingStop = undefined;
      if (this.isConnected && this.inputs && !shouldWatch(this.inputs) && this.lastSent?.watching) this.emit({ watching: false });
    }, this.stopDelayMs);
  }

  /** Whether the last message sent to this server asked it to watch. */
  get isWatching(): boolean {
    return this.lastSent?.watching === true;
  }

  dispose(): void {
    this.cancelStop();
  }

  private emit(params: DriftWatchParams): void {
    this.lastSent = params;
    this.send(params);
  }

  private cancelStop(): void {
    if (!this.hasPendingStop) return;
    this.timers.clear(this.pendingStop);
    this.hasPendingStop = false;
    this.pendingStop = undefined;
  }
}
