// Deterministic mutations of real manifests for the engine's fuzz tests (and `npm run fuzz`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FUZZ_CORPUS_DIR = 'test/fixtures/fuzz';

export function loadFuzzCorpus(dir = FUZZ_CORPUS_DIR): { name: string; text: string }[] {
  return readdirSync(dir).sort().map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** mulberry32: small, fast, seedable. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['- ', ': ', '{', '}', '[', ']', '&a ', '*a', '<<: *a', '---\n', '...\n', '"', "'", '|\n', '>-\n', '!!binary ', '!custom ', '\t', '\r\n', '#', '? ', '%YAML 1.2\n', '\uFEFF', '\u0000', '😀', 'null', '~', '0x1F', '1e3', '.inf', 'yes', '${VAR}', '{{ .Values.x }}'];
const SCALARS = ['[]', '{}', '[1, 2]', '{a: b}', '"str"', '42', 'true', 'null', '-1.5e10', '\n  nested: map', '\n  - item'];

export type Mutation = (text: string, random: () => number) => string;

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)] as T;
const at = (text: string, random: () => number) => Math.floor(random() * (text.length + 1));

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (t, r) => t.slice(0, at(t, r)),
  deleteSpan: (t, r) => { const i = at(t, r); return t.slice(0, i) + t.slice(i + 1 + Math.floor(r() * 20)); },
  insertToken: (t, r) => { const i = at(t, r); return t.slice(0, i) + pick(TOKENS, r) + t.slice(i); },
  randomBytes: (t, r) => { const i = at(t, r); let junk = ''; for (let n = Math.floor(r() * 12); n >= 0; n--) junk += String.fromCharCode(Math.floor(r() * 0x2ff)); return t.slice(0, i) + junk + t.slice(i); },
  shiftIndent: (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines[i] = r() < 0.5 ? ' '.repeat(1 + Math.floor(r() * 4)) + (lines[i] ?? '') : (lines[i] ?? '').replace(/^ {1,3}/, '');
    return lines.join('\n');
  },
  swapType: (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines[i] = (lines[i] ?? '').replace(/:\s.*$/, `: ${pick(SCALARS, r)}`);
    return lines.join('\n');
  },
  duplicateLines: (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, ...lines.slice(i, i + 1 + Math.floor(r() * 5)));
    return lines.join('\n');
  },
  spliceFiles: (t, r) => { const i = at(t, r); return t.slice(0, i) + '\n---\n' + t.slice(Math.floor(r() * t.length)); },
};

const NAMES = Object.keys(MUTATIONS);

/** Applies 1–4 random mutations. */
export function mutate(text: string, random: () => number): string {
  let out = text;
  for (let n = 1 + Math.floor(random() * 4); n > 0; n--) out = (MUTATIONS[pick(NAMES, random)] as Mutation)(out, random);
  return out;
}
