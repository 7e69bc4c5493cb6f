// New YAML text written as a person would: block style, two-space indentation, list items of keyed lists
// written with their merge key first, scalars plain unless they would read back as something else.
import type { PathSegment } from '../drift/drift-types.js';
import { isRecord } from '../resource/manifest-resource.js';
import { formatScalarLike } from './format-scalar.js';

const INDENT = '  ';

/** One scalar as YAML text (Kubernetes' YAML 1.1), or undefined when it is no scalar. */
export function scalarText(value: unknown): string | undefined {
  return formatScalarLike('', value);
}

/**
 * Unindented block lines that set `value` at `path` below an existing mapping (path[0] a key) or as a new item
 * of an existing list (path[0] a keyed list item). Undefined when a list item has no key to write it by.
 */
export function pathLines(path: readonly PathSegment[], value: unknown): string[] | undefined {
  const [first, ...rest] = path;
  if (first === undefined) return undefined;
  if (typeof first !== 'string') return itemLines(first, rest, value);
  if (rest.length === 0) return memberLines(first, value);
  const below = pathLines(rest, value);
  return below ? [`${keyText(first)}:`, ...below.map((l) => INDENT + l)] : undefined;
}

function itemLines(item: Exclude<PathSegment, string>, rest: readonly PathSegment[], value: unknown): string[] | undefined {
  if (!item.key) return undefined;
  const keyLines = Object.entries(item.key).map(([k, v]) => `${keyText(k)}: ${scalarText(v) ?? String(v)}`);
  const restLines = rest.length === 0 ? (isRecord(value) ? mappingLines(value, Object.keys(item.key)) : undefined) : pathLines(rest, value);
  if (!restLines) return undefined;
  return [...keyLines, ...restLines].map((l, i) => (i === 0 ? `- ${l}` : `${INDENT}${l}`));
}

/** `key: value` as block lines (a mapping or list value below its key). */
export function memberLines(key: string, value: unknown): string[] {
  const k = keyText(key);
  if (Array.isArray(value)) return value.length === 0 ? [`${k}: []`] : [`${k}:`, ...value.flatMap((v) => listItemLines(v)).map((l) => INDENT + l)];
  if (isRecord(value)) return Object.keys(value).length === 0 ? [`${k}: {}`] : [`${k}:`, ...mappingLines(value).map((l) => INDENT + l)];
  return [`${k}: ${scalarText(value) ?? JSON.stringify(value)}`];
}

function mappingLines(value: Record<string, unknown>, skip: readonly string[] = []): string[] {
  return Object.entries(value).filter(([k]) => !skip.includes(k)).flatMap(([k, v]) => memberLines(k, v));
}

/** One list item as block lines (`- a: 1`, `  b: 2`). */
export function listItemLines(value: unknown): string[] {
  const inner = isRecord(value) ? mappingLines(value) : Array.isArray(value) ? [JSON.stringify(value)] : [scalarText(value) ?? JSON.stringify(value)];
  if (inner.length === 0) return ['- {}'];
  return inner.map((l, i) => (i === 0 ? `- ${l}` : `${INDENT}${l}`));
}

function keyText(key: string): string {
  return /^[A-Za-z0-9_./-]+$/.test(key) && scalarText(key) === key ? key : JSON.stringify(key);
}

/** A list in flow style (`[a, "b c"]`), its items plain where that reads back and is safe inside brackets. */
export function flowListText(value: readonly unknown[]): string | undefined {
  const items = value.map((v) => {
    if (v !== null && typeof v === 'object') return undefined;
    const text = scalarText(v);
    return text === undefined ? undefined : /[,[\]{}#]/.test(text) && !text.startsWith('"') && !text.startsWith("'") ? JSON.stringify(v) : text;
  });
  return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
}
