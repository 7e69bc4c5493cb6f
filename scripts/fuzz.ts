// `npm run fuzz [-- --cases N --seed S]`: the engine fuzz loop at scale (100,000 cases by default).
// Prints progress, the slowest case and memory; exits 1 on the first exception, with the input saved.
import { writeFileSync } from 'node:fs';
import { createRandom, loadFuzzCorpus, mutate } from '../test/support/fuzz-mutator.js';
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
