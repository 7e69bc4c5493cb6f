// Fault injection for reliability tests: latency, errors for a share of requests, dropped watches.
import { ApiError } from './status-errors.js';

export interface FaultSettings {
  /** Added to every request, in milliseconds. */
  latencyMs: number;
  /** Share (0..1) of API requests answered with an error instead. */
  errorRate: number;
  /** 500 (InternalError) or 429 (TooManyRequests, with Retry-After). */
  errorCode: 500 | 429;
  retryAfterSeconds: number;
  /** Only requests whose path and query ("/api/v1/pods?watch=true") match are affected (all when undefined). */
  pathFilter?: RegExp;
}

export const NO_FAULTS: FaultSettings = { latencyMs: 0, errorRate: 0, errorCode: 500, retryAfterSeconds: 1 };

export class Faults {
  settings: FaultSettings = { ...NO_FAULTS };
  private counter = 0;

  set(partial: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...partial };
  }

  reset(): void {
    this.settings = { ...NO_FAULTS };
    this.counter = 0;
  }

  applies(path: string): boolean {
    return !this.settings.pathFilter || this.settings.pathFilter.test(path);
  }

  /** Deterministic share: every k-th affected request fails, so tests need no randomness. */
  errorFor(path: string): ApiError | undefined {
    const { errorRate, errorCode, retryAfterSeconds } = this.settings;
    if (errorRate <= 0 || !this.applies(path)) return undefined;
    this.counter += errorRate;
    if (this.counter < 1 - 1e-9) return undefined;
    this.counter -= 1;
    if (errorCode === 429) {
      return new ApiError(429, 'TooManyRequests', 'the server has received too many requests and has asked us to try again later', { retryAfterSeconds }, { 'Retry-After': String(retryAfterSeconds) });
    }
    return new ApiError(500, 'InternalError', 'Internal error occurred: injected fault', { causes: [{ reason: '', message: 'injected fault' }] });
  }

  async delay(path: string): Promise<void> {
    const ms = this.settings.latencyMs;
    if (ms > 0 && this.applies(path)) await new Promise((r) => setTimeout(r, ms));
  }
}
