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
