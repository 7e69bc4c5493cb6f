// Generators of YAML shaped to be expensive rather than large (issue 14): each takes a size `n` and returns
// a manifest whose text grows linearly with `n`. The structure-aware fuzzer, the hostile benchmark and the
// regression tests all use these, so a shape found slow once stays measured.

export interface HostileShape {
  readonly name: string;
  /** Default sizes for benchmarks and scaling checks (the tests use small ones). */
  readonly sizes: readonly [number, number, number];
  generate(n: number): string;
}

const header = (kind: string) => `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: hostile\n`;
const times = (n: number, item: (i: number) => string, sep = '') => Array.from({ length: n }, (_, i) => item(i)).join(sep);

export const HOSTILE_SHAPES: readonly HostileShape[] = [
  {
    name: 'self-referencing sequence anchor',
    sizes: [250, 1000, 4000],
    generate: (n) => `${header('ConfigMap')}data:\n  a: &a [${times(n, () => '*a', ', ')}]\n`,
  },
  {
    name: 'self-referencing mapping anchor',
    sizes: [250, 1000, 4000],
    generate: (n) => `${header('ConfigMap')}data: &m\n${times(n, (i) => `  k${i}: *m\n`)}`,
  },
  {
    name: 'wide mapping',
    sizes: [10_000, 40_000, 160_000],
    generate: (n) => `${header('ConfigMap')}data:\n${times(n, (i) => `  key-${i}: value-${i}\n`)}`,
  },
  {
    name: 'wide flow mapping',
    sizes: [10_000, 40_000, 160_000],
    generate: (n) => `${header('ConfigMap')}data: {${times(n, (i) => `k${i}: v`, ', ')}}\n`,
  },
  {
    name: 'wide sequence',
    sizes: [10_000, 40_000, 160_000],
    generate: (n) => `${header('ConfigMap')}items:\n${times(n, (i) => `  - item-${i}\n`)}`,
  },
  {
    name: 'many anchors each aliased once',
    sizes: [2_000, 8_000, 32_000],
    generate: (n) => `${header('ConfigMap')}defs:\n${times(n, (i) => `  d${i}: &a${i} v${i}\n`)}data:\n${times(n, (i) => `  u${i}: *a${i}\n`)}`,
  },
  {
    name: 'one anchor aliased many times',
    sizes: [250, 1000, 4000],
    generate: (n) => `${header('ConfigMap')}defs:\n  base: &b {x: 1, y: 2}\ndata:\n${times(n, (i) => `  u${i}: *b\n`)}`,
  },
  {
    name: 'merge-key chain',
    sizes: [250, 1000, 4000],
    generate: (n) => `${header('ConfigMap')}defs:\n  m0: &m0 {k0: v}\n${times(n, (i) => `  m${i + 1}: &m${i + 1}\n    <<: *m${i}\n    k${i + 1}: v\n`)}`,
  },
  {
    name: 'merge-key fan-out',
    sizes: [2_000, 8_000, 32_000],
    generate: (n) => `${header('ConfigMap')}defs:\n  base: &base {a: 1, b: 2, c: 3}\n${times(n, (i) => `  m${i}:\n    <<: *base\n    k: ${i}\n`)}`,
  },
  {
    name: 'self-referencing merge key',
    sizes: [250, 1000, 4000],
    generate: (n) => `${header('ConfigMap')}data: &m\n${times(n, (i) => `  <<: *m\n  k${i}: v\n`.replace(/^ {2}<<: \*m\n/, i === 0 ? '  <<: *m\n' : ''))}`,
  },
  {
    name: 'duplicate keys',
    sizes: [10_000, 40_000, 160_000],
    generate: (n) => `${header('ConfigMap')}data:\n${times(n, (i) => `  k${i % 100}: v\n`)}`,
  },
  {
    name: 'long keys and scalars',
    sizes: [100_000, 400_000, 1_600_000],
    generate: (n) => `${header('ConfigMap')}data:\n  ${'k'.repeat(n)}: ${'v'.repeat(n)}\n  plain: ${'word '.repeat(n / 5)}\n`,
  },
  {
    name: 'deep nesting just under the limit',
    sizes: [50, 200, 800],
    generate: (n) => `${header('ConfigMap')}data:\n${times(n, () => `  x: ${'['.repeat(200)}1${']'.repeat(200)}\n`).replace(/ {2}x:/g, (_, i: number) => `  x${i}:`)}`,
  },
  {
    name: 'many documents',
    sizes: [500, 2_000, 8_000],
    generate: (n) => times(n, (i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v\n`, '---\n'),
  },
  {
    name: 'template braces in quoted values',
    sizes: [2_000, 8_000, 32_000],
    generate: (n) => `${header('ConfigMap')}data:\n${times(n, (i) => `  k${i}: "{{ .v${i} }}"\n`)}`,
  },
  {
    name: 'template braces in one long comment',
    sizes: [10_000, 40_000, 160_000],
    generate: (n) => `${header('ConfigMap')}data: {}\n# ${'{{ x }} '.repeat(n)}\n`,
  },
  {
    name: 'BOMs and invalid UTF-8 mid-file',
    sizes: [1_000, 4_000, 16_000],
    generate: (n) => `${header('ConfigMap')}data:\n${times(n, (i) => `  \uFEFFk${i}: \uFFFD\uD800v\n`)}`,
  },
];
