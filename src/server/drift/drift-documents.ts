// One resource's two sides for the diff editor: the rendered Git object and the live object, both normalized
// as drift compares them, Secret values masked, as YAML with the same key order on both sides.
import { stringify } from 'yaml';
import { maskSecretObject } from '../../core/drift/mask-secrets.js';
import { normalizeDesired, normalizeLive } from '../../core/drift/normalize-object.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import type { ResourceKey } from '../../core/resource/resource-key.js';

/** Keys shown first, in this order, wherever they appear; every other key follows alphabetically. */
const LEADING_KEYS = ['apiVersion', 'kind', 'metadata', 'name', 'namespace', 'labels', 'annotations', 'spec'];

function compareKeys(a: string, b: string): number {
  const ia = LEADING_KEYS.indexOf(a);
  const ib = LEADING_KEYS.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? LEADING_KEYS.length : ia) - (ib === -1 ? LEADING_KEYS.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface DriftDocuments {
  readonly git?: string;
  readonly live?: string;
}

/** YAML of both sides. Secret values never appear: a live value that differs from Git reads `*** (changed)`. */
export function renderDriftDocuments(key: ResourceKey, objects: { readonly git?: KubeObject; readonly live?: KubeObject }): DriftDocuments {
  const git = objects.git ? normalizeDesired(objects.git, key.namespace) : undefined;
  const live = objects.live ? normalizeLive(objects.live) : undefined;
  return {
    ...(git ? { git: toYaml(maskSecretObject(key, git)) } : {}),
    ...(live ? { live: toYaml(maskSecretObject(key, live, git)) } : {}),
  };
}

function toYaml(object: Record<string, unknown>): string {
  return stringify(object, { sortMapEntries: (a, b) => compareKeys(String(a.key), String(b.key)), lineWidth: 0 });
}
