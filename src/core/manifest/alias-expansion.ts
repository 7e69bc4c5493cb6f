// Aliases checked and expanded in time proportional to the document (issue 14).
//
// The `yaml` library's own `toJS` is superlinear once a document holds aliases: each alias is resolved by
// scanning every anchor and alias before it (O(aliases × nodes)), the alias-count guard re-walks the whole
// document for each alias inside an anchored value, merge keys re-convert their source map at every use,
// and an alias inside the value it names (`a: &a [*a, *a]`) makes it recurse for minutes before the guard
// fires. So documents with aliases are measured and converted here instead, in one pass each:
// - a table of the anchors seen so far resolves every alias (the last anchor of that name before it, as YAML
//   says), and an alias whose anchor is still open (an ancestor) is a cycle, reported before anything expands;
// - the size of the value with every alias expanded is computed with one memo per node, so a "billion laughs"
//   document is refused by arithmetic, not by expanding it;
// - conversion reuses the converted value of each anchor (aliases share it, as `yaml` does).
// Documents without aliases keep the library's `toJS`, which is linear for them.
import { isAlias, isMap, isPair, isScalar, isSeq, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';

export type AliasProblem =
  | { readonly kind: 'cycle'; readonly alias: string; readonly offset: number }
  | { readonly kind: 'expansion'; readonly added: number; readonly offset: number }
  | { readonly kind: 'unresolved'; readonly alias: string; readonly offset: number };

export interface AliasReport {
  readonly aliasCount: number;
  /** Value nodes (scalars and collections) in the source, and after every alias is expanded. */
  readonly sourceNodes: number;
  readonly expandedNodes: number;
  /** Anchor node each alias resolves to. */
  readonly targets: ReadonlyMap<Node, Node>;
  readonly problem?: AliasProblem;
}

/**
 * Measures the aliases of a parsed document in one walk. Stops at the first cycle, unresolved alias, or once
 * expansion would add more than `maxAddedNodes` nodes to the value.
 */
export function inspectAliases(doc: Document.Parsed, maxAddedNodes: number): AliasReport {
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  const sizes = new Map<Node, number>();
  const targets = new Map<Node, Node>();
  let aliasCount = 0;
  let sourceNodes = 0;
  let problem: AliasProblem | undefined;

  // Returns the expanded size of `node`, or -1 once a problem is found.
  const measure = (node: unknown): number => {
    if (problem) return -1;
    if (isPair(node)) {
      const k = measure(node.key);
      const v = k === -1 ? -1 : measure(node.value);
      return v === -1 ? -1 : k + v;
    }
    if (isAlias(node)) {
      aliasCount++;
      const offset = node.range?.[0] ?? 0;
      const target = anchors.get(node.source);
      if (!target) {
        problem = { kind: 'unresolved', alias: node.source, offset };
        return -1;
      }
      if (open.has(target)) {
        problem = { kind: 'cycle', alias: node.source, offset };
        return -1;
      }
      targets.set(node as unknown as Node, target);
      return sizes.get(target) ?? 1;
    }
    if (!node || typeof node !== 'object') return 0;
    const value = node as Node;
    sourceNodes++;
    if (value.anchor) {
      anchors.set(value.anchor, value); // defined where the node starts: an alias inside it names it
      open.add(value);
    }
    let size = 1;
    if (isMap(value) || isSeq(value)) {
      for (const item of value.items) {
        const s = measure(item);
        if (s === -1) return -1;
        size += s;
      }
    }
    if (value.anchor) open.delete(value);
    sizes.set(value, size);
    return size;
  };

  let expandedNodes = measure(doc.contents);
  if (expandedNodes !== -1 && expandedNodes - sourceNodes > maxAddedNodes) {
    problem = { kind: 'expansion', added: expandedNodes - sourceNodes, offset: (doc.contents as Node | null)?.range?.[0] ?? 0 };
  }
  if (expandedNodes === -1) expandedNodes = sourceNodes;
  return { aliasCount, sourceNodes, expandedNodes, targets, problem };
}

/** Thrown when a document holds a node this converter does not handle; the caller uses the library's `toJS`. */
export class UnsupportedNodeError extends Error {}

/**
 * The document's value as `doc.toJS({ mapAsMap: false })` gives it, in linear time, for a document that
 * `inspectAliases` found free of problems. Tagged collections (`!!set`, `!!omap`, `!!pairs`) and collection
 * keys throw UnsupportedNodeError.
 */
export function convertWithAliases(doc: Document.Parsed, targets: ReadonlyMap<Node, Node>): unknown {
  const converted = new Map<Node, unknown>();

  const convert = (node: unknown): unknown => {
    if (isAlias(node)) {
      const target = targets.get(node as unknown as Node);
      if (!target || !converted.has(target)) throw new UnsupportedNodeError(`alias *${node.source} before its anchor`);
      return converted.get(target);
    }
    if (isScalar(node)) {
      const value = typeof node.value === 'bigint' ? Number(node.value) : node.value;
      if (node.anchor) converted.set(node, value);
      return value;
    }
    if (isMap(node)) {
      if (node.constructor !== YAMLMap) throw new UnsupportedNodeError('tagged mapping');
      const out: Record<string, unknown> = {};
      if (node.anchor) converted.set(node, out);
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isMergeKey(key)) {
          mergeInto(out, pair.value);
          continue;
        }
        const jsKey = key === null ? null : convert(key);
        if (jsKey !== null && typeof jsKey === 'object') throw new UnsupportedNodeError('collection key');
        const stringKey = jsKey === null ? '' : String(jsKey as string);
        setOwn(out, stringKey, convert(pair.value));
      }
      return out;
    }
    if (isSeq(node)) {
      if (node.constructor !== YAMLSeq) throw new UnsupportedNodeError('tagged sequence');
      const out: unknown[] = [];
      if (node.anchor) converted.set(node, out);
      for (const item of node.items) out.push(convert(item));
      return out;
    }
    if (node === null || node === undefined) return null;
    throw new UnsupportedNodeError('unknown node');
  };

  // YAML 1.1 merge (`<<: *base` or `<<: [*a, *b]`): keys not yet in the mapping are added; earlier sources win.
  const mergeInto = (out: Record<string, unknown>, value: unknown): void => {
    const sources = isSeq(value) ? value.items : [value];
    for (const source of sources) {
      const map = isAlias(source) ? targets.get(source as unknown as Node) : source;
      if (!isMap(map)) throw new Error('Merge sources must be maps or map aliases');
      const from = (converted.get(map) ?? convert(map)) as Record<string, unknown>;
      for (const key of Object.keys(from)) if (!Object.prototype.hasOwnProperty.call(out, key)) setOwn(out, key, from[key]);
    }
  };

  return convert(doc.contents);
}

function isMergeKey(key: Node | null): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** Sets a property the way `yaml` does: `__proto__` and other inherited names become own properties. */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key in out) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
  else out[key] = value;
}
