// How the API server treats a list: merged by key (strategic merge / server-side apply `listType: map`),
// a set of scalars, or atomic (compared whole, order matters). Learned from the patchMergeKey/listMapKeys
// tags of k8s.io/api core/v1 and apps/v1 types; lists we do not know are atomic, as for the API server.

export type ListSemantics =
  | { readonly type: 'map'; readonly keys: readonly string[] }
  | { readonly type: 'set' }
  | { readonly type: 'atomic' };

const ATOMIC: ListSemantics = { type: 'atomic' };
const SET: ListSemantics = { type: 'set' };
const byName: ListSemantics = { type: 'map', keys: ['name'] };

/** List field name → semantics, for lists whose meaning does not depend on where they sit. */
const BY_FIELD: Record<string, ListSemantics> = {
  containers: byName,
  initContainers: byName,
  ephemeralContainers: byName,
  env: byName,
  volumes: byName,
  imagePullSecrets: byName,
  resourceClaims: byName,
  schedulingGates: byName,
  volumeMounts: { type: 'map', keys: ['mountPath'] },
  volumeDevices: { type: 'map', keys: ['devicePath'] },
  hostAliases: { type: 'map', keys: ['ip'] },
  topologySpreadConstraints: { type: 'map', keys: ['topologyKey', 'whenUnsatisfiable'] },
  conditions: { type: 'map', keys: ['type'] },
  ownerReferences: { type: 'map', keys: ['uid'] },
  finalizers: SET,
};

/**
 * Semantics of the list at `fieldPath` (object keys only, list indexes removed) in an object of `kind`.
 * `ports` means container ports inside a pod template and service ports in a Service.
 */
export function listSemanticsAt(kind: string, group: string, fieldPath: readonly string[]): ListSemantics {
  const field = fieldPath[fieldPath.length - 1];
  if (field === undefined) return ATOMIC;
  if (field === 'ports') {
    if (group === '' && kind === 'Service' && fieldPath.length === 2 && fieldPath[0] === 'spec') {
      return { type: 'map', keys: ['port', 'protocol'] };
    }
    if (fieldPath.includes('containers') || fieldPath.includes('initContainers') || fieldPath.includes('ephemeralContainers')) {
      return { type: 'map', keys: ['containerPort', 'protocol'] };
    }
    return ATOMIC;
  }
  // A CRD's own lists are atomic unless its schema says otherwise (we do not read CRD schemas here), except
  // the metadata lists every object shares.
  if (!isBuiltInGroup(group) && fieldPath[0] !== 'metadata') return ATOMIC;
  return BY_FIELD[field] ?? ATOMIC;
}

/** Default value of a key field when absent (the server fills `protocol: TCP` before keying). */
export function mergeKeyDefault(key: string): string | undefined {
  return key === 'protocol' ? 'TCP' : undefined;
}

const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'certificates.k8s.io', 'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'resource.k8s.io',
]);

export function isBuiltInGroup(group: string): boolean {
  return BUILT_IN_GROUPS.has(group);
}

/** The key of a list item (`{name: "app"}`), or undefined when the item lacks a key field. */
export function itemKey(item: unknown, keys: readonly string[]): Record<string, string | number> | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const out: Record<string, string | number> = {};
  let any = false;
  for (const k of keys) {
    const v = (item as Record<string, unknown>)[k];
    if (typeof v === 'string' || typeof v === 'number') {
      out[k] = v;
      any = true;
    } else {
      const d = mergeKeyDefault(k);
      if (d !== undefined) out[k] = d;
    }
  }
  return any ? out : undefined;
}

export function sameKey(a: Readonly<Record<string, string | number>>, b: Readonly<Record<string, string | number>>): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => String(a[k]) === String(b[k]));
}
