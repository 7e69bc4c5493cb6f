// Sets of field paths as server-side apply records them in managedFields (fieldsV1): a tree whose path
// elements are f:<field>, k:<key json>, v:<value json> or i:<index>; "." marks a node that is itself a member.
import { isObject, type JsonObject } from './types.js';

export class FieldSet {
  readonly members = new Set<string>();
  readonly children = new Map<string, FieldSet>();

  static fromFieldsV1(json: unknown): FieldSet {
    const set = new FieldSet();
    if (!isObject(json)) return set;
    for (const [k, v] of Object.entries(json)) {
      if (k === '.') continue;
      if (isObject(v) && Object.keys(v).length > 0) {
        const child = FieldSet.fromFieldsV1(v);
        if ('.' in v) set.members.add(k);
        set.children.set(k, child);
      } else {
        set.members.add(k);
      }
    }
    return set;
  }

  /** The fieldsV1 JSON, "." first then elements sorted as structured-merge-diff orders them. */
  toFieldsV1(): JsonObject {
    const out: JsonObject = {};
    const keys = new Set([...this.members, ...this.children.keys()]);
    for (const k of [...keys].sort(comparePathElements)) {
      const child = this.children.get(k);
      if (child && !child.isEmpty()) {
        const inner = child.toFieldsV1();
        out[k] = this.members.has(k) ? { '.': {}, ...inner } : inner;
      } else if (this.members.has(k)) {
        out[k] = {};
      }
    }
    return out;
  }

  isEmpty(): boolean {
    if (this.members.size > 0) return false;
    for (const c of this.children.values()) if (!c.isEmpty()) return false;
    return true;
  }

  insert(path: readonly string[]): void {
    if (path.length === 0) return;
    const parent = path.slice(0, -1).reduce((set: FieldSet, e) => set.child(e), this);
    parent.members.add(path[path.length - 1] as string);
  }

  child(element: string): FieldSet {
    let c = this.children.get(element);
    if (!c) {
      c = new FieldSet();
      this.children.set(element, c);
    }
    return c;
  }

  has(path: readonly string[]): boolean {
    const cur = lookup(this, path.slice(0, -1));
    return cur?.members.has(path[path.length - 1] as string) ?? false;
  }

  /** Whether some member lies at or below this path. */
  hasPrefix(path: readonly string[]): boolean {
    if (path.length === 0) return !this.isEmpty();
    const cur = lookup(this, path.slice(0, -1));
    const last = path[path.length - 1] as string;
    return Boolean(cur && (cur.members.has(last) || (cur.children.get(last) && !cur.children.get(last)?.isEmpty())));
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.addAll(other);
    return out;
  }

  private addAll(other: FieldSet): void {
    for (const m of other.members) this.members.add(m);
    for (const [k, c] of other.children) this.child(k).addAll(c);
  }

  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!other.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      const d = o ? c.difference(o) : c.clone();
      if (!d.isEmpty()) out.children.set(k, d);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (other.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      const o = other.children.get(k);
      if (!o) continue;
      const i = c.intersection(o);
      if (!i.isEmpty()) out.children.set(k, i);
    }
    return out;
  }

  /** Removes the subtree below each member of other (the member itself included), as for reset fields. */
  withoutPrefixes(prefixes: FieldSet): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) if (!prefixes.members.has(m)) out.members.add(m);
    for (const [k, c] of this.children) {
      if (prefixes.members.has(k)) continue;
      const p = prefixes.children.get(k);
      const rest = p ? c.withoutPrefixes(p) : c.clone();
      if (!rest.isEmpty()) out.children.set(k, rest);
    }
    return out;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    for (const m of this.members) out.members.add(m);
    for (const [k, c] of this.children) out.children.set(k, c.clone());
    return out;
  }

  /** Every member path, in order. */
  paths(prefix: string[] = []): string[][] {
    const out: string[][] = [];
    const keys = new Set([...this.members, ...this.children.keys()]);
    for (const k of [...keys].sort(comparePathElements)) {
      if (this.members.has(k)) out.push([...prefix, k]);
      const c = this.children.get(k);
      if (c) out.push(...c.paths([...prefix, k]));
    }
    return out;
  }
}

function lookup(set: FieldSet, path: readonly string[]): FieldSet | undefined {
  return path.reduce((cur: FieldSet | undefined, e) => cur?.children.get(e), set);
}

export function fieldSetOf(paths: string[][]): FieldSet {
  const s = new FieldSet();
  for (const p of paths) s.insert(p);
  return s;
}

const ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** structured-merge-diff orders field names, then keys, then values, then indexes. */
export function comparePathElements(a: string, b: string): number {
  const ta = ORDER[a[0] ?? ''] ?? 9;
  const tb = ORDER[b[0] ?? ''] ?? 9;
  if (ta !== tb) return ta - tb;
  if (a.startsWith('i:') && b.startsWith('i:')) return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The path as structured-merge-diff prints it in conflict messages: .spec.containers[name="app"].image */
export function formatPath(path: readonly string[]): string {
  let out = '';
  for (const e of path) {
    const body = e.slice(2);
    if (e.startsWith('f:')) out += `.${body}`;
    else if (e.startsWith('k:')) {
      const key = JSON.parse(body) as Record<string, unknown>;
      out += `[${Object.entries(key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
    } else if (e.startsWith('v:')) out += `[=${body}]`;
    else out += `[${body}]`;
  }
  return out;
}
