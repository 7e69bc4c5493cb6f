// `npm run bench:hostile`: for each expensive shape (test/support/fuzz-shapes.ts), the time to parse and to
// lint (with schema validation, as the CLI does) at three sizes, and the growth from one size to the next
// (each size is 4× the one before: linear work grows ~4×, quadratic 16×). Fastest of three runs. Then the
// language server's main-thread pause with a 4 MB document, before and after the lint worker.
import { HOSTILE_SHAPES } from '../support/fuzz-shapes.js';
import { lintText } from '../support/lint-text.js';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';
import { createNodeValidator } from '../../src/adapters/schema/node-validator.js';
import { benchServerPause } from './server-pause-bench.js';

const validator = createNodeValidator();

function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const ms = (value: number) => (value < 10 ? value.toFixed(1) : value.toFixed(0));
const kb = (chars: number) => (chars < 1024 * 1024 ? `${(chars / 1024).toFixed(0)} KB` : `${(chars / 1024 / 1024).toFixed(1)} MB`);

lintText('warmup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: w\n', validator);
console.log('| shape | sizes (n) | input | parse ms | lint ms | lint growth per 4× | outcome |');
console.log('|---|---|---|---|---|---|---|');
for (const shape of HOSTILE_SHAPES) {
  const rows = shape.sizes.map((n) => {
    const text = shape.generate(n);
    const parseMs = fastest(() => parseManifest('hostile.yaml', text));
    let findings: ReturnType<typeof lintText> = [];
    const lintMs = fastest(() => {
      findings = lintText('hostile.yaml', text, validator);
    });
    const limit = findings.find((f) => f.ruleId === 'file-limits');
    return { n, chars: text.length, parseMs, lintMs, outcome: limit ? 'file-limits' : `${findings.length} findings` };
  });
  const growth = rows.slice(1).map((row, i) => `${(row.lintMs / Math.max((rows[i] as typeof row).lintMs, 0.1)).toFixed(1)}×`).join(', ');
  console.log(`| ${shape.name} | ${rows.map((r) => r.n.toLocaleString('en-US')).join(' / ')} | ${rows.map((r) => kb(r.chars)).join(' / ')} | ${rows.map((r) => ms(r.parseMs)).join(' / ')} | ${rows.map((r) => ms(r.lintMs)).join(' / ')} | ${growth} | ${[...new Set(rows.map((r) => r.outcome.replace(/^\d+ findings$/, (s) => (s === '0 findings' ? 'clean' : 'findings'))))].join(', ')} |`);
}

void benchServerPause();
