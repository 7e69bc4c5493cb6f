/** Identity of a Kubernetes object, without its version (as gitops-engine's ResourceKey). */
export interface ResourceKey {
  readonly group: string;
  readonly kind: string;
  /** '' for cluster-scoped objects and for namespaced objects that inherit the namespace at apply time. */
  readonly namespace: string;
  readonly name: string;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
}

export function formatResourceKey(key: ResourceKey): string {
  const gk = key.group ? `${key.kind}.${key.group}` : key.kind;
  return key.namespace ? `${gk} ${key.namespace}/${key.name}` : `${gk} ${key.name}`;
}

export function resourceKeyId(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}
