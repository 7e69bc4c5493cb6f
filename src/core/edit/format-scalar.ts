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
