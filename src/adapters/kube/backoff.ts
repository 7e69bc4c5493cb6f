/**
 * Restart delays after errors: exponential from `baseMs`, capped at `maxMs` (30 s), with "equal jitter"
 * (half fixed, half random) so that many watches failing together do not come back together. `random` is
 * injectable for tests.
 */
export class Backoff {
  private attempt = 0;
  constructor(private readonly baseMs = 500, private readonly maxMs = 30_000, private readonly random: () => number = Math.random) {}

  next(): number {
    const cap = Math.min(this.maxMs, this.baseMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(cap / 2 + (cap / 2) * this.random());
  }

  reset(): void {
    this.attempt = 0;
  }
}
