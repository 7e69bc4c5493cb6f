import { isRecord } from '../resource/manifest-resource.js';
import { quantitiesEqual } from './quantity.js';

/** Fields whose values are resource quantities (the server canonicalizes their spelling). */
const QUANTITY_PARENTS = new Set(['requests', 'limits', 'hard', 'capacity', 'allocatable', 'overhead', 'max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']);
const QUANTITY_FIELDS = new Set(['sizeLimit', 'storage']);

export function isQuantityField(keyPath: readonly string[]): boolean {
  const last = keyPath[keyPath.length - 1];
  const parent = keyPath[keyPath.length - 2];
  return (last !== undefined && QUANTITY_FIELDS.has(last)) || (parent !== undefined && QUANTITY_PARENTS.has(parent));
}

/** A value Git may spell out that the API server drops (Go `omitempty`): {}, [], '', false, 0. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isEmptyValue);
  return false;
}

/**
 * Scalar equality as the API server sees it: numbers by value, int-or-string (`8080` vs `"8080"`), quantities
 * by value where the field is a quantity.
 */
export function scalarsEqual(git: unknown, live: unknown, keyPath: readonly string[]): boolean {
  if (git === live) return true;
  if (isQuantityField(keyPath) && (typeof git === 'string' || typeof git === 'number') && (typeof live === 'string' || typeof live === 'number')) {
    return quantitiesEqual(git, live);
  }
  if ((typeof git === 'number' && typeof live === 'string') || (typeof git === 'string' && typeof live === 'number')) {
    return String(git) === String(live);
  }
  if (typeof git === 'boolean' && typeof live === 'string') return String(git) === live;
  return false;
}
