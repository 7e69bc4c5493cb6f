// Writes a new scalar value in the style of the one it replaces, so that an edit changes the value and nothing
// else: a plain value stays plain, a quoted one keeps its quotes — unless the new value would then read back
// as something else (YAML 1.1 as Kubernetes reads it: `yes` is a boolean, `1.10` a number, `0o644` octal).
import { parseDocument } from 'yaml';
import { yamlOptions } from '../manifest/kubernetes-yaml.js';

export type ScalarValue = string | number | boolean | null;

export function isScalarValue(value: unknown): value is ScalarValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/**
 * The YAML text for `value` in place of `oldText` (the source text of the old value), or undefined when it
 * cannot be written as one inline scalar (block scalars, multi-line strings in a plain context, objects).
 */
export function formatScalarLike(oldText: string, value: unknown): string | undefined {
  if (!isScalarValue(value)) return undefined;
  if (/^[|>]/.test(oldText.trimStart())) return undefined;
  if (typeof value !== 'string') {
    if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
    return value === null ? 'null' : String(value);
  }
  const style = oldText.startsWith("'") ? 'single' : oldText.startsWith('"') ? 'double' : 'plain';
  if (style === 'plain' && readsBackAs(value, value)) return value;
  if (style === 'single' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** Whether `text`, written as a mapping value, reads back as exactly `expected` (Kubernetes' YAML 1.1). */
export function readsBackAs(text: string, expected: ScalarValue): boolean {
  if (text === '' || /[\n\r]/.test(text) || text !== text.trim()) return false;
  const doc = parseDocument(`k: ${text}\n`, yamlOptions('yaml'));
  if (doc.errors.length > 0) return false;
  let parsed: { k?: unknown } | null;
  try {
    parsed = doc.toJS() as { k?: unknown } | null;
  } catch {
    return false; // an alias without its anchor, and the like: not a plain string
  }
  return parsed !== null && typeof parsed === 'object' && Object.keys(parsed).length === 1 && parsed.k === expected;
}

/**
 * A new text for a block scalar (`|`, `|-`, `>`…) holding `value`: a literal block (folded becomes literal, which
 * keeps every line as it is) indented like the old content, its chomping indicator chosen by the value's end,
 * a comment after the header kept. The old text's span ends after its last line end, and so does the new one.
 * Undefined when that cannot be written exactly (an indentation indicator, a first line starting with a space,
 * trailing blank lines, carriage returns in the value).
 */
export function formatBlockScalarLike(oldText: string, value: unknown, keyIndent: number, eol: '\n' | '\r\n'): string | undefined {
  if (typeof value !== 'string' || /\r/.test(value) || value.endsWith('\n\n')) return undefined;
  const header = /^[|>]([+-]?)([ \t]+#.*)?$/.exec(oldText.split(/\r?\n/)[0] ?? '');
  if (!header) return undefined;
  const body = value.endsWith('\n') ? value.slice(0, -1) : value;
  const lines = body.split('\n');
  if (/^[ \t]/.test(lines[0] ?? '') || lines.every((l) => l === '')) return undefined;
  const content = oldText.split(/\r?\n/).slice(1).find((l) => l.trim() !== '');
  const indent = content ? content.length - content.trimStart().length : keyIndent + 2;
  if (indent <= keyIndent) return undefined;
  const chomp = value.endsWith('\n') ? '' : '-';
  return `|${chomp}${header[2] ?? ''}${eol}${lines.map((l) => (l === '' ? '' : ' '.repeat(indent) + l)).join(eol)}${eol}`;
}
