// `npm run fuzz [-- --cases N --shapes M --seed S]`: the engine fuzz loop at scale (100,000 mutation cases by
// default), then M structure-aware cases (200 by default): expensive shapes (test/support/fuzz-shapes.ts) linted
// at a size and at four times it, failing when the time grows more than 6×, measured three times (linear is 4×, quadratic 16×).
// Prints progress, the slowest case and memory; exits 1 on the first exception or superlinear case, with the
// input saved.
import { writeFileSync } from 'node:fs';
import { createRandom, loadFuzzCorpus, mutate } from '../test/support/fuzz-mutator.js';
import { measureScaling, randomScalingCase } from '../test/support/fuzz-scaling.js';
import { lintText } from '../test/support/lint-text.js';
import { createNodeValidator } from '../src/adapters/schema/node-validator.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const cases = arg('cases', 100_000);
const seed = arg('seed', Date.now() % 2 ** 31);
const corpus = loadFuzzCorpus();
const random = createRandom(seed);
const validator = createNodeValidator();
let slowest = { ms: 0, name: '' };
const started = performance.now();
console.log(`fuzz: ${cases} cases from ${corpus.length} seeds, seed ${seed}`);
for (let i = 0; i < cases; i++) {
  const source = corpus[i % corpus.length] as { name: string; text: string };
  const text = mutate(source.text, random);
  const t = performance.now();
  try {
    lintText(source.name, text, validator);
  } catch (error) {
    const file = `fuzz-failure-${seed}-${i}.yaml`;
    writeFileSync(file, text);
    console.error(`case ${i} (${source.name}) threw: ${error instanceof Error ? error.stack : String(error)}\ninput saved to ${file}`);
    process.exit(1);
  }
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { ms, name: `case ${i} (${source.name})` };
  if ((i + 1) % 10_000 === 0) console.log(`  ${i + 1} cases, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`fuzz: ${cases} passed, 0 failed in ${seconds.toFixed(1)} s (${(cases / seconds).toFixed(0)} cases/s); slowest ${slowest.ms.toFixed(1)} ms: ${slowest.name}`);

// Structure-aware: scaling of expensive shapes. A case over the bound is measured twice more before it fails
// (a GC pause or a busy machine can slow one measurement; superlinear work is slow every time).
const MAX_GROWTH = 6;
const shapes = arg('shapes', 200);
const lint = (text: string) => lintText('hostile.yaml', text, validator);
let steepest = { growth: 0, name: '' };
console.log(`fuzz: ${shapes} expensive shapes, each at n and 4n`);
for (let i = 0; i < shapes; i++) {
  const testCase = randomScalingCase(random);
  let result;
  try {
    result = measureScaling(testCase, lint, 20);
    for (let retry = 0; retry < 2 && result.growth > MAX_GROWTH; retry++) result = measureScaling({ ...testCase, n: result.n }, lint, 20);
  } catch (error) {
    const file = `fuzz-failure-${seed}-shape-${i}.yaml`;
    writeFileSync(file, testCase.generate(testCase.n));
    console.error(`shape case ${i} (${testCase.name}) threw: ${error instanceof Error ? error.stack : String(error)}\ninput saved to ${file}`);
    process.exit(1);
  }
  if (result.growth > steepest.growth) steepest = { growth: result.growth, name: `${result.name} (n=${result.n}: ${result.baseMs.toFixed(1)} → ${result.grownMs.toFixed(1)} ms)` };
  if (result.growth > MAX_GROWTH) {
    const file = `fuzz-failure-${seed}-shape-${i}.yaml`;
    writeFileSync(file, testCase.generate(result.n * 4));
    console.error(`shape case ${i} (${result.name}) grew ${result.growth.toFixed(1)}× at 4× the size (${result.baseMs.toFixed(1)} → ${result.grownMs.toFixed(1)} ms)\ninput saved to ${file}`);
    process.exit(1);
  }
}
console.log(`fuzz: ${shapes} shapes passed; steepest growth ${steepest.growth.toFixed(1)}× at 4× the size: ${steepest.name}`);
