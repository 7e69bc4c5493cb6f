import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import type { Rule } from '../rule.js';

function hpaTargets(hpa: ManifestResource, target: ManifestResource): boolean {
  const ref = getAt(hpa.object, ['spec', 'scaleTargetRef']);
  if (!isRecord(ref) || ref.kind !== target.kind || ref.name !== target.name) return false;
  if (hpa.namespace !== target.namespace) return false;
  return typeof ref.apiVersion !== 'string' || groupOf(ref.apiVersion) === target.key.group;
}

export const hpaFixedReplicasRule: Rule = {
  meta: {
    id: 'hpa-fixed-replicas',
    title: 'No fixed replicas on a workload an HPA scales',
    rationale: 'The HorizontalPodAutoscaler changes `spec.replicas`; a value in Git makes the GitOps agent reset it on every sync, so the workload flaps and always shows as drifted.',
    remediation: 'Remove `spec.replicas` from the manifest and let the HPA own it (or tell your agent to ignore that field).',
    defaultSeverity: 'warning',
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet'],
  },
  check(resource, context) {
    if (getAt(resource.object, ['spec', 'replicas']) === undefined) return;
    const hpa = context.workspace.resourcesByKind('HorizontalPodAutoscaler').find((h) => hpaTargets(h, resource));
    if (!hpa) return;
    context.report({
      path: ['spec', 'replicas'],
      message: `spec.replicas is fixed, but HorizontalPodAutoscaler '${hpa.name}' scales this ${resource.kind}: the agent and the HPA will fight over it.`,
      related: [{ resource: hpa, path: ['spec', 'scaleTargetRef'], message: 'The HPA that scales this workload' }],
    });
  },
};
