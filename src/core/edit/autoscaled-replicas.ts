// "Scale via Git" of a workload an autoscaler in the same desired state scales (podinfo's kustomize/ ships a
// Deployment and its HorizontalPodAutoscaler): writing `replicas:` into Git would fight the autoscaler at every
// sync. The plan is refused, naming the autoscaler and the fields to change instead.
import type { DesiredObject } from '../drift/compute-resource-drift.js';
import type { ResourceKey } from '../resource/resource-key.js';
import { isRecord } from '../resource/manifest-resource.js';

/** The refusal for setting `.spec.replicas` of `target` when one of `desired` autoscales it; else undefined. */
export function autoscaledReplicasRefusal(target: ResourceKey, desired: readonly DesiredObject[]): string | undefined {
  for (const d of desired) {
    const spec = isRecord(d.object.spec) ? d.object.spec : undefined;
    const ref = spec && isRecord(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
    if (!ref || d.key.namespace !== target.namespace || ref.name !== target.name) continue;
    const isHpa = d.key.group === 'autoscaling' && d.key.kind === 'HorizontalPodAutoscaler';
    const isKeda = d.key.group === 'keda.sh' && d.key.kind === 'ScaledObject';
    if (!(isHpa && ref.kind === target.kind) && !(isKeda && (ref.kind ?? 'Deployment') === target.kind)) continue;
    const where = d.source ? ` (${d.source.path})` : '';
    const fields = isHpa ? 'minReplicas / maxReplicas' : 'minReplicaCount / maxReplicaCount';
    return `${d.key.kind} ${d.key.namespace}/${d.key.name}${where} scales ${target.kind} ${target.namespace}/${target.name}: replicas in Git would be reset by it and fight it at every sync; change its ${fields} instead`;
  }
  return undefined;
}
