// List merge keys of the built-in kinds, as the `patchMergeKey` tags in k8s.io/api declare them. Used to merge
// strategic-merge patches and to compare lists whose order does not matter. A list whose field has no entry
// here is atomic: a patch replaces it whole.
import type { ValuePath } from '../manifest/manifest-types.js';

const BY_FIELD: Readonly<Record<string, string>> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  conditions: 'type',
  ownerReferences: 'uid',
  schedulingGates: 'name',
};

/** The merge key of the list at `path` (the list's own path, e.g. [..., 'containers']), or undefined if atomic. */
export function mergeKeyFor(path: ValuePath): string | undefined {
  const field = path[path.length - 1];
  if (typeof field !== 'string') return undefined;
  if (field === 'ports') {
    // Container ports merge by containerPort; Service ports by port.
    return path.some((s) => s === 'containers' || s === 'initContainers' || s === 'ephemeralContainers') ? 'containerPort' : 'port';
  }
  return BY_FIELD[field];
}
