import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import type { Rule } from '../rule.js';
import { perWorkspace } from '../../workspace/per-workspace.js';

/** HPAs by the workload they scale (`namespace/group/kind/name`), built once per workspace index. */
const hpasByTarget = perWorkspace((workspace: WorkspaceIndex): Map<string, ManifestResource> => {
  const map = new Map<string, ManifestResource>();
  for (const hpa of workspace.resourcesByKind('HorizontalPodAutoscaler')) {
    const ref = getAt(hpa.object, ['spec', 'scaleTargetRef']);
    if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    const group = typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : '*';
    map.set(`${hpa.namespace}/${group}/${ref.kind}/${ref.name}`, hpa);
  }
  return map;
});

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
    const byTarget = hpasByTarget(context.workspace);
    const hpa = byTarget.get(`${resource.namespace}/${resource.key.group}/${resource.kind}/${resource.name}`) ?? byTarget.get(`${resource.namespace}/*/${resource.kind}/${resource.name}`);
    if (!hpa) return;
    context.report({
      path: ['spec', 'replicas'],
      message: `spec.replicas is fixed, but HorizontalPodAutoscaler '${hpa.name}' scales this ${resource.kind}: the agent and the HPA will fight over it.`,
      related: [{ resource: hpa, path: ['spec', 'scaleTargetRef'], message: 'The HPA that scales this workload' }],
    });
  },
};
