import { isRecord } from '../resource/manifest-resource.js';
import type { ResourceKey } from '../resource/resource-key.js';
import { FieldChange, type FieldDrift } from './drift-types.js';

export const MASK = '***';
export const MASK_CHANGED = '*** (changed)';
export const MASK_UNCHANGED = '*** (unchanged)';

export function isSecretKey(key: ResourceKey): boolean {
  return key.group === '' && key.kind === 'Secret';
}

function maskValue(value: unknown, marker: string): unknown {
  if (value === undefined) return undefined;
  if (isRecord(value)) return Object.fromEntries(Object.keys(value).map((k) => [k, marker]));
  return marker;
}

/**
 * Secret values never leave core: `data`/`stringData` values become markers, which still say whether live
 * differs from Git. Everything else about the field (path, source, attribution) stays.
 */
export function maskSecretField(key: ResourceKey, field: FieldDrift): FieldDrift {
  if (!isSecretKey(key)) return field;
  const top = field.segments[0];
  if (top !== 'data' && top !== 'stringData' && field.segments.length > 0) return field;
  const liveMarker = field.change === FieldChange.Changed ? MASK_CHANGED : MASK;
  return {
    ...field,
    ...(field.gitValue !== undefined ? { gitValue: maskValue(field.gitValue, MASK) } : {}),
    ...(field.liveValue !== undefined ? { liveValue: maskValue(field.liveValue, liveMarker) } : {}),
  };
}

function maskEntries(values: unknown, other: Record<string, unknown> | undefined): unknown {
  if (!isRecord(values)) return MASK;
  return Object.fromEntries(Object.keys(values).map((k) => [k, other && k in other && other[k] !== values[k] ? MASK_CHANGED : MASK]));
}

/**
 * A whole object with its Secret values masked, for display (the diff editor). `data`/`stringData` values
 * become `***`; with `comparedWith` (the other side, normalized the same way), a value that differs from the
 * other side's value of the same key becomes `*** (changed)`, so a diff still shows which keys changed and
 * nothing else. Non-Secrets are returned as they are. Keys stay visible: which keys exist is not secret.
 */
export function maskSecretObject(key: ResourceKey, object: Record<string, unknown>, comparedWith?: Record<string, unknown>): Record<string, unknown> {
  if (!isSecretKey(key)) return object;
  const out: Record<string, unknown> = { ...object };
  for (const field of ['data', 'stringData'] as const) {
    if (!(field in object)) continue;
    const other = comparedWith?.[field];
    out[field] = maskEntries(object[field], isRecord(other) ? other : undefined);
  }
  return out;
}
