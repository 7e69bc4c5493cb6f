// The structure-aware half of the fuzzer (issue 14): random expensive shapes, random sizes, random
// combinations of shapes in one file, each linted at a size and at four times that size. Linear work costs
// ~4× the time; the check fails above `maxGrowth` (~5× plus slack), which quadratic work (16×) never meets.
import { HOSTILE_SHAPES, type HostileShape } from './fuzz-shapes.js';

export interface ScalingCase {
  readonly name: string;
  readonly generate: (n: number) => string;
  readonly n: number;
}

export interface ScalingResult {
  readonly name: string;
  readonly n: number;
  readonly baseMs: number;
  readonly grownMs: number;
  readonly growth: number;
}

/** A random case: one shape, or two shapes as two documents of one file; a random base size. */
export function randomScalingCase(random: () => number): ScalingCase {
  const pick = (): HostileShape => HOSTILE_SHAPES[Math.floor(random() * HOSTILE_SHAPES.length)] as HostileShape;
  const first = pick();
  const n = Math.max(1, Math.floor(first.sizes[0] / 4 + random() * first.sizes[0] / 2));
  if (random() < 0.5) return { name: first.name, generate: first.generate, n };
  const second = pick();
  const ratio = second.sizes[0] / first.sizes[0];
  return {
    name: `${first.name} + ${second.name}`,
    generate: (size) => `${first.generate(size)}---\n${second.generate(Math.max(1, Math.floor(size * ratio)))}`,
    n,
  };
}

/** Times `lint` (fastest of three) at `n` and `4n`; below `minBaseMs` the base size is doubled (up to 16×) until timer noise stops mattering. */
export function measureScaling(testCase: ScalingCase, lint: (text: string) => unknown, minBaseMs = 5): ScalingResult {
  const time = (text: string) => {
    let fastest = Infinity;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      lint(text);
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
  };
  let n = testCase.n;
  let baseMs = time(testCase.generate(n));
  for (let doublings = 0; baseMs < minBaseMs && doublings < 4; doublings++) baseMs = time(testCase.generate((n *= 2)));
  const grownMs = time(testCase.generate(n * 4));
  return { name: testCase.name, n, baseMs, grownMs, growth: grownMs / Math.max(baseMs, 1) };
}
