// Duplicate mapping keys found with a set per mapping (issue 14). The `yaml` library's `uniqueKeys` check
// compares each new key with every earlier key of its mapping: O(keys²), 15 s for one 40,000-key ConfigMap.
// We parse with `uniqueKeys: false` and report the same error here, with the library's equality (the same
// node, or scalars whose resolved values are `===`), message and position (where the key starts).
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';

export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

/**
 * Source offsets (relative to the document's text) of every key that repeats an earlier key of its mapping.
 * A walk of the collections only (keys, values, items; aliases are not followed), in the order the library's
 * `visit` takes: its generic visitor was ~4 % of the CLI's time. Recursion is bounded: deeper nesting than
 * `ParseLimits.maxDepth` is refused before parsing.
 */
export function findDuplicateKeys(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  walk(doc.contents, offsets);
  return offsets;
}

function walk(node: unknown, offsets: number[]): void {
  if (isMap(node)) {
    if (node.items.length > 1) collectDuplicates(node.items, node.range?.[0] ?? 0, offsets);
    for (const pair of node.items) {
      walk(pair.key, offsets);
      walk(pair.value, offsets);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walk(item, offsets);
  } else if (isPair(node)) {
    walk(node.key, offsets);
    walk(node.value, offsets);
  }
}

function collectDuplicates(pairs: readonly { key: unknown }[], mapStart: number, offsets: number[]): void {
  const seen = new Set<unknown>();
  for (const pair of pairs) {
    const key = pair.key as Node | null;
    const identity = keyIdentity(key);
    if (identity === undefined) continue;
    if (seen.has(identity)) offsets.push(key?.range?.[0] ?? mapStart);
    else seen.add(identity);
  }
}

/**
 * What makes two keys equal for the library: scalars whose values are `===` (so `1` and `1.0` are the same key,
 * a string "1" is not), otherwise only the node itself, which never repeats in one mapping. A Set compares
 * primitives the same way except NaN; symbols (each merge key `<<` is a new one) and objects (binary) are
 * their own identity. Undefined: never a duplicate.
 */
function keyIdentity(key: Node | null): unknown {
  if (!isScalar(key)) return undefined;
  const value: unknown = key.value;
  if (typeof value === 'number' && Number.isNaN(value)) return undefined;
  return value !== null && (typeof value === 'object' || typeof value === 'symbol' || typeof value === 'function') ? undefined : value;
}
