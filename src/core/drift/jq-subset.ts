import { isRecord } from '../resource/manifest-resource.js';

/**
 * The part of jq that Argo CD's `jqPathExpressions` are written in (docs/drift.md lists it):
 * paths `.a.b`, `."x/y"`, `.["x"]`, `.[0]`, `.[]`, `?`; pipes `|`; `select(COND)` where COND compares a
 * path with `==`/`!=` to a literal, or pipes it to `startswith`/`endswith`/`contains`/`test` with a string,
 * joined by `and`/`or`. Evaluation yields the concrete paths the expression selects.
 */
export type JqPath = readonly (string | number)[];

type Step = { kind: 'key'; name: string; optional: boolean } | { kind: 'index'; index: number } | { kind: 'each'; optional: boolean };
type Cond =
  | { kind: 'cmp'; path: Step[]; op: '==' | '!='; literal: unknown }
  | { kind: 'fn'; path: Step[]; fn: 'startswith' | 'endswith' | 'contains' | 'test'; arg: string }
  | { kind: 'and'; left: Cond; right: Cond }
  | { kind: 'or'; left: Cond; right: Cond };
type Term = { kind: 'path'; steps: Step[] } | { kind: 'select'; cond: Cond };

export class JqSyntaxError extends Error {}

export interface CompiledJq {
  readonly source: string;
  evaluate(root: unknown): JqPath[];
}

export function compileJq(source: string): CompiledJq {
  const p = new Parser(source);
  const terms = p.pipeline();
  p.end();
  return {
    source,
    evaluate(root) {
      let contexts: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
      for (const t of terms) {
        const next: typeof contexts = [];
        for (const c of contexts) {
          if (t.kind === 'path') next.push(...walk(c.value, c.path, t.steps));
          else if (test(t.cond, c.value)) next.push(c);
        }
        contexts = next;
      }
      return contexts.filter((c) => c.value !== undefined).map((c) => c.path);
    },
  };
}

function walk(value: unknown, path: (string | number)[], steps: readonly Step[]): { value: unknown; path: (string | number)[] }[] {
  let contexts = [{ value, path }];
  for (const s of steps) {
    const next: typeof contexts = [];
    for (const c of contexts) {
      if (s.kind === 'key') {
        // On a non-object jq errors (or yields nothing with `?`); either way the path selects nothing here.
        if (isRecord(c.value)) next.push({ value: c.value[s.name], path: [...c.path, s.name] });
      } else if (s.kind === 'index') {
        if (Array.isArray(c.value)) {
          const i = s.index < 0 ? c.value.length + s.index : s.index;
          next.push({ value: c.value[i], path: [...c.path, i] });
        }
      } else if (Array.isArray(c.value)) {
        c.value.forEach((v, i) => next.push({ value: v, path: [...c.path, i] }));
      } else if (isRecord(c.value)) {
        for (const [k, v] of Object.entries(c.value)) next.push({ value: v, path: [...c.path, k] });
      }
    }
    contexts = next;
  }
  return contexts;
}

function test(cond: Cond, value: unknown): boolean {
  if (cond.kind === 'and') return test(cond.left, value) && test(cond.right, value);
  if (cond.kind === 'or') return test(cond.left, value) || test(cond.right, value);
  return testLeaf(cond, value);
}

function testLeaf(cond: Extract<Cond, { path: Step[] }>, value: unknown): boolean {
  const values = walk(value, [], cond.path).map((c) => c.value);
  if (cond.kind === 'cmp') {
    const eq = values.some((v) => JSON.stringify(v ?? null) === JSON.stringify(cond.literal));
    return cond.op === '==' ? eq : !eq;
  }
  return values.some((v) => {
    if (typeof v !== 'string') return false;
    switch (cond.fn) {
      case 'startswith': return v.startsWith(cond.arg);
      case 'endswith': return v.endsWith(cond.arg);
      case 'contains': return v.includes(cond.arg);
      case 'test': try { return new RegExp(cond.arg).test(v); } catch { return false; }
    }
  });
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  private ws(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }
  private peek(s: string): boolean {
    this.ws();
    return this.text.startsWith(s, this.pos);
  }
  private eat(s: string): boolean {
    if (!this.peek(s)) return false;
    this.pos += s.length;
    return true;
  }
  private expect(s: string): void {
    if (!this.eat(s)) throw new JqSyntaxError(`expected '${s}' at ${this.pos} in ${this.text}`);
  }
  end(): void {
    this.ws();
    if (this.pos !== this.text.length) throw new JqSyntaxError(`unsupported jq at ${this.pos}: '${this.text.slice(this.pos)}' (see docs/drift.md for the subset)`);
  }

  pipeline(): Term[] {
    const terms = [this.term()];
    while (this.eat('|')) terms.push(this.term());
    return terms;
  }

  private term(): Term {
    if (this.eat('select(')) {
      const cond = this.orCond();
      this.expect(')');
      return { kind: 'select', cond };
    }
    return { kind: 'path', steps: this.path() };
  }

  private orCond(): Cond {
    let left = this.andCond();
    while (this.eat('or ')) left = { kind: 'or', left, right: this.andCond() };
    return left;
  }
  private andCond(): Cond {
    let left = this.cmp();
    while (this.eat('and ')) left = { kind: 'and', left, right: this.cmp() };
    return left;
  }
  private cmp(): Cond {
    if (this.eat('(')) {
      const c = this.orCond();
      this.expect(')');
      return c;
    }
    const path = this.path();
    if (this.eat('==')) return { kind: 'cmp', path, op: '==', literal: this.literal() };
    if (this.eat('!=')) return { kind: 'cmp', path, op: '!=', literal: this.literal() };
    if (this.eat('|')) {
      for (const fn of ['startswith', 'endswith', 'contains', 'test'] as const) {
        if (this.eat(`${fn}(`)) {
          const arg = this.literal();
          this.expect(')');
          if (typeof arg !== 'string') throw new JqSyntaxError(`${fn} takes a string`);
          return { kind: 'fn', path, fn, arg };
        }
      }
    }
    throw new JqSyntaxError(`unsupported condition at ${this.pos} in ${this.text}`);
  }

  private literal(): unknown {
    this.ws();
    const rest = this.text.slice(this.pos);
    const m = /^("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)/.exec(rest);
    if (!m) throw new JqSyntaxError(`expected a literal at ${this.pos} in ${this.text}`);
    this.pos += (m[1] as string).length;
    return JSON.parse(m[1] as string) as unknown;
  }

  private path(): Step[] {
    this.ws();
    if (this.text[this.pos] !== '.') throw new JqSyntaxError(`expected a path at ${this.pos} in ${this.text}`);
    const steps: Step[] = [];
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === '[') {
        this.pos++;
        if (this.text[this.pos] === ']') {
          this.pos++;
          steps.push({ kind: 'each', optional: this.optional() });
        } else {
          const lit = this.literal();
          this.expect(']');
          if (typeof lit === 'number') steps.push({ kind: 'index', index: lit });
          else if (typeof lit === 'string') steps.push({ kind: 'key', name: lit, optional: this.optional() });
          else throw new JqSyntaxError(`bad subscript in ${this.text}`);
        }
      } else if (ch === '"') {
        const lit = this.literal() as string;
        steps.push({ kind: 'key', name: lit, optional: this.optional() });
      } else if (ch !== undefined && /[A-Za-z_$]/.test(ch)) {
        const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.pos)) as RegExpExecArray;
        this.pos += m[0].length;
        steps.push({ kind: 'key', name: m[0], optional: this.optional() });
      } else if (ch === '.' && steps.length > 0) {
        this.pos++;
        continue;
      } else break;
      if (this.text[this.pos] === '.') this.pos++;
      else if (this.text[this.pos] !== '[') break;
    }
    return steps;
  }

  private optional(): boolean {
    if (this.text[this.pos] === '?') {
      this.pos++;
      return true;
    }
    return false;
  }
}
