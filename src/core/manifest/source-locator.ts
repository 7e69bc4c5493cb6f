import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { LineIndex } from '../text/line-index.js';
import type { Range } from '../text/range.js';
import type { Located, SourceLocator, ValuePath } from './manifest-types.js';

type AnyNode = Node | Pair | null | undefined;

/**
 * `offset` is where the document's own text starts in the file: documents are parsed one by one (so an edit
 * re-parses only its document) and their node offsets are relative to their own text.
 */
export function createSourceLocator(doc: Document.Parsed, fileLines: LineIndex, docRange: Range, offset = 0, aliasTargets?: ReadonlyMap<Node, Node>): SourceLocator {
  const lines = { rangeAt: (start: number, end: number) => fileLines.rangeAt(start + offset, end + offset) };
  // `aliasTargets` (from inspectAliases) resolves in constant time; the library's resolve walks the whole document.
  const resolve = (node: AnyNode): AnyNode => (isAlias(node) ? (aliasTargets?.get(node as unknown as Node) ?? (node.resolve(doc) as Node | undefined)) : node);

  const rangeOf = (node: Node | null | undefined, fallback: Range): Range =>
    node?.range ? lines.rangeAt(node.range[0], node.range[1]) : fallback;

  const rootLocated = (): Located => {
    const contents = doc.contents as Node | null;
    const value = rangeOf(contents, docRange);
    return { value, whole: value, indent: value.start.character };
  };

  const step = (node: AnyNode, segment: string | number): { child: Node | null; located: Located } | undefined => {
    const target = resolve(node);
    if (isMap(target)) {
      let found: Pair | undefined;
      for (const pair of target.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && String(key.value) === String(segment)) found = pair;
      }
      if (!found) return undefined;
      const key = found.key as Node;
      const keyRange = rangeOf(key, rangeOf(target, lines.rangeAt(0, 0)));
      const valueNode = found.value as Node | null;
      const value = valueNode?.range
        ? lines.rangeAt(valueNode.range[0], valueNode.range[1])
        : { start: keyRange.end, end: keyRange.end };
      return {
        child: valueNode,
        located: { key: keyRange, value, whole: { start: keyRange.start, end: value.end }, indent: keyRange.start.character },
      };
    }
    if (isSeq(target) && typeof segment === 'number') {
      const item = target.items[segment] as Node | null | undefined;
      if (!item?.range) return undefined;
      const value = lines.rangeAt(item.range[0], item.range[1]);
      return { child: item, located: { value, whole: value, indent: value.start.character } };
    }
    return undefined;
  };

  const walk = (path: ValuePath): { located: Located; depth: number } => {
    let node: AnyNode = doc.contents as Node | null;
    let located = rootLocated();
    let depth = 0;
    for (const segment of path) {
      const next = step(node, segment);
      if (!next) break;
      node = next.child;
      located = next.located;
      depth++;
    }
    return { located, depth };
  };

  return {
    locate(path) {
      const { located, depth } = walk(path);
      return depth === path.length ? located : undefined;
    },
    locateNearest(path) {
      return walk(path);
    },
  };
}
