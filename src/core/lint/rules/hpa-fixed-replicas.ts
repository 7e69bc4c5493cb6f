import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import type { Rule } from '../rule.js';
import { perWorkspace } from '../../workspace/per-workspace.js';
import { describeRendering, renderedObjectsOf } from '../../kustomize/kustomize-renderings.js';

/**
 * HPAs by the workload they scale: `build\0root\0group/kind/name` with the target's name as written for HPAs of a
 * kustomize build (kustomize renames the reference with its target), and `namespace/group/kind/name` only for HPAs
 * no build renders: an HPA of one overlay never scales what another overlay renders, even in the same namespace.
 * Built once per workspace index.
 */
const hpasByTarget = perWorkspace((workspace: WorkspaceIndex): Map<string, ManifestResource> => {
  const map = new Map<string, ManifestResource>();
  for (const hpa of workspace.resourcesByKind('HorizontalPodAutoscaler')) {
    const ref = getAt(hpa.object, ['spec', 'scaleTargetRef']);
    if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string') continue;
    const group = typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : '*';
    const rendered = renderedObjectsOf(workspace, hpa);
    if (rendered.length === 0) map.set(`${hpa.namespace}/${group}/${ref.kind}/${ref.name}`, hpa);
    for (const o of rendered) {
      map.set(`build\u0000${o.rendering.root}\u0000${group}/${ref.kind}/${ref.name}`, hpa);
    }
  }
  return map;
});

function findHpa(byTarget: ReadonlyMap<string, ManifestResource>, resource: ManifestResource, namespace: string, name: string, root?: string): ManifestResource | undefined {
  const id = `${resource.kind}/${resource.name}`;
  return (root !== undefined ? byTarget.get(`build\u0000${root}\u0000${resource.key.group}/${id}`) ?? byTarget.get(`build\u0000${root}\u0000*/${id}`) : undefined)
    ?? byTarget.get(`${namespace}/${resource.key.group}/${resource.kind}/${name}`) ?? byTarget.get(`${namespace}/*/${resource.kind}/${name}`);
}

export const hpaFixedReplicasRule: Rule = {
  meta: {
    id: 'hpa-fixed-replicas',
    title: 'No fixed replicas on a workload an HPA scales',
    rationale: 'The HorizontalPodAutoscaler changes `spec.replicas`; a value in Git makes the GitOps agent reset it on every sync, so the workload flaps and always shows as drifted. Judged as kustomize renders it: a `replicas:` entry of an overlay fixes replicas too, and names and namespaces are compared as rendered.',
    remediation: 'Remove `spec.replicas` from the manifest (or the overlay\'s `replicas:` entry) and let the HPA own it (or tell your agent to ignore that field).',
    defaultSeverity: 'warning',
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet'],
  },
  check(resource, context) {
    const written = getAt(resource.object, ['spec', 'replicas']) !== undefined;
    const byTarget = hpasByTarget(context.workspace);
    const rendered = renderedObjectsOf(context.workspace, resource);
    if (rendered.length === 0) {
      const hpa = written ? findHpa(byTarget, resource, resource.namespace, resource.name) : undefined;
      if (hpa) report(resource, hpa, context.report);
      return;
    }
    const reported = new Set<string>();
    for (const o of rendered) {
      if (!written && !o.replicas) continue;
      const hpa = findHpa(byTarget, resource, o.namespace, o.name, o.rendering.root);
      if (!hpa) continue;
      const key = o.replicas ? `${o.replicas.setIn}` : '';
      if (reported.has(key)) continue;
      reported.add(key);
      report(resource, hpa, context.report, o.replicas ? { setIn: o.replicas.setIn, count: o.replicas.count, overlay: describeRendering(o.rendering), inRoot: o.replicas.setIn === o.rendering.root } : undefined);
    }
  },
};

function report(resource: ManifestResource, hpa: ManifestResource, emit: Parameters<Rule['check']>[1]['report'], byOverlay?: { setIn: string; count: number; overlay: string; inRoot: boolean }): void {
  emit({
    path: byOverlay ? ['metadata', 'name'] : ['spec', 'replicas'],
    message: byOverlay
      ? `The replicas: entry of ${byOverlay.setIn || '.'} fixes ${byOverlay.count} replicas${byOverlay.inRoot ? '' : ` in ${byOverlay.overlay}`}, but HorizontalPodAutoscaler '${hpa.name}' scales this ${resource.kind}: the agent and the HPA will fight over it.`
      : `spec.replicas is fixed, but HorizontalPodAutoscaler '${hpa.name}' scales this ${resource.kind}: the agent and the HPA will fight over it.`,
    related: [{ resource: hpa, path: ['spec', 'scaleTargetRef'], message: 'The HPA that scales this workload' }],
  });
}
