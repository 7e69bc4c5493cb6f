import { kindId } from '../../core/drift/drift-pairing.js';
import { computeExactResourceDrift, keyOfLive, type DesiredObject, type DriftOptions } from '../../core/drift/compute-resource-drift.js';
import { DriftStatus, DriftStrategy, type ResourceDrift } from '../../core/drift/drift-types.js';
import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { resourceKeyId } from '../../core/resource/resource-key.js';
import type { DiscoveryResult } from './discovery.js';
import { dryRunApply } from './dry-run-apply.js';
import type { KubeClient } from './kube-client.js';

/**
 * Replaces the normalized results of resources that exist live by exact ones from a server-side dry-run
 * apply. A dry-run the server refuses (validation, admission, RBAC) is Unknown with the server's reason:
 * falling back silently would claim an exactness we do not have.
 */
export async function refineWithDryRun(
  client: KubeClient, discovery: DiscoveryResult, results: readonly ResourceDrift[], desired: readonly DesiredObject[],
  live: Iterable<KubeObject>, fieldManager: string, options: DriftOptions,
): Promise<ResourceDrift[]> {
  const desiredById = new Map(desired.map((d) => [resourceKeyId(d.key), d]));
  const liveById = new Map<string, KubeObject>();
  for (const l of live) liveById.set(resourceKeyId(keyOfLive(l)), l);
  const out: ResourceDrift[] = [];
  for (const r of results) {
    const id = resourceKeyId(r.key);
    const d = desiredById.get(id);
    const l = liveById.get(id);
    const served = discovery.served.get(kindId(r.key.group, r.key.kind));
    if (!d || !l || !served || (r.status !== DriftStatus.Synced && r.status !== DriftStatus.Drifted)) {
      out.push({ ...r, strategy: r.status === DriftStatus.Missing || r.status === DriftStatus.Orphan ? DriftStrategy.ServerDryRun : r.strategy });
      continue;
    }
    try {
      const dryRun = await dryRunApply(client, served, d.object, d.key.namespace, fieldManager);
      out.push(computeExactResourceDrift(d, dryRun, l, options));
    } catch (error) {
      out.push({ ...r, status: DriftStatus.Unknown, strategy: DriftStrategy.ServerDryRun, fields: [], reason: `server-side dry-run failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
  return out;
}
