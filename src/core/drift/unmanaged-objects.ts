// Live objects in the namespaces Git deploys to that nothing deploys: no GitOps agent's mark, no owner, not in
// Git (what Argo CD's `orphanedResources` monitoring warns about). Optional and listed apart: `Orphan` keeps
// meaning "carries our agent's mark". Only the kinds drift watches (those Git declares) are seen.
import { isRecord, type KubeObject } from '../resource/manifest-resource.js';
import { formatResourceKey, resourceKeyId, type ResourceKey } from '../resource/resource-key.js';
import { keyOfLive, type DesiredObject } from './compute-resource-drift.js';
import type { Attribution } from './drift-types.js';
import { readManagedFields } from './managed-fields.js';
import { readOwnershipMark } from './ownership-marks.js';

export interface UnmanagedObject {
  readonly key: ResourceKey;
  /** `Deployment.apps shop/debug`. */
  readonly id: string;
  /** The managedFields entry that created it (the oldest), when recorded: `kubectl-create`, `helm`, … */
  readonly createdBy?: Attribution;
}

/** What every namespace has, made by the cluster itself. */
const CLUSTER_MADE = new Set(['/ServiceAccount/default', '/ConfigMap/kube-root-ca.crt', '/Service/kubernetes']);
const CLUSTER_KINDS = new Set(['/Event', 'events.k8s.io/Event', '/Endpoints', 'discovery.k8s.io/EndpointSlice', 'coordination.k8s.io/Lease', 'apps/ControllerRevision']);

export function findUnmanaged(desired: readonly DesiredObject[], live: Iterable<KubeObject>): UnmanagedObject[] {
  const declared = new Set(desired.map((d) => resourceKeyId(d.key)));
  const namespaces = new Set(desired.map((d) => d.key.namespace).filter((n) => n !== ''));
  const generators = desired.filter((d) => d.generatorBaseName !== undefined).map((d) => ({ kind: `${d.key.group}/${d.key.kind}`, prefix: `${d.generatorBaseName}-` }));
  const out: UnmanagedObject[] = [];
  for (const object of live) {
    const key = keyOfLive(object);
    const gk = `${key.group}/${key.kind}`;
    if (!namespaces.has(key.namespace) || declared.has(resourceKeyId(key))) continue;
    if (CLUSTER_KINDS.has(gk) || CLUSTER_MADE.has(`${gk}/${key.name}`) || isOwned(object) || readOwnershipMark(object)) continue;
    if (generators.some((g) => g.kind === gk && key.name.startsWith(g.prefix))) continue; // an older generation
    if (key.kind === 'Secret' && object.type === 'kubernetes.io/service-account-token') continue;
    const first = readManagedFields(object).filter((e) => e.subresource !== 'status').sort((a, b) => (a.time ?? '').localeCompare(b.time ?? ''))[0];
    out.push({
      key, id: formatResourceKey(key),
      ...(first ? { createdBy: { manager: first.manager, operation: first.operation, ...(first.time ? { time: first.time } : {}) } } : {}),
    });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

function isOwned(object: KubeObject): boolean {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  return Array.isArray(metadata.ownerReferences) && metadata.ownerReferences.length > 0;
}
