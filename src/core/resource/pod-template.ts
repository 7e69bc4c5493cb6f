import type { ValuePath } from '../manifest/manifest-types.js';
import { getAt, isRecord, type ManifestResource } from './manifest-resource.js';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob', 'Pod', 'PodTemplate'] as const;

/** Path of the pod spec inside a workload object, or undefined for other kinds. */
export function podSpecPath(kind: string): ValuePath | undefined {
  switch (kind) {
    case 'Pod': return ['spec'];
    case 'PodTemplate': return ['template', 'spec'];
    case 'CronJob': return ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'ReplicationController': case 'Job':
      return ['spec', 'template', 'spec'];
    default: return undefined;
  }
}

/** Path of the pod template's metadata (labels) for workloads that have a template. */
export function podTemplateMetadataPath(kind: string): ValuePath | undefined {
  const spec = podSpecPath(kind);
  if (!spec || kind === 'Pod') return kind === 'Pod' ? ['metadata'] : undefined;
  return [...spec.slice(0, -1), 'metadata'];
}

export interface ContainerRef {
  readonly container: Record<string, unknown>;
  readonly path: ValuePath;
  readonly name: string;
  readonly type: 'containers' | 'initContainers' | 'ephemeralContainers';
}

export function listContainers(resource: ManifestResource): ContainerRef[] {
  const specPath = podSpecPath(resource.kind);
  if (!specPath) return [];
  const spec = getAt(resource.object, specPath);
  if (!isRecord(spec)) return [];
  const out: ContainerRef[] = [];
  for (const type of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((container, i) => {
      if (isRecord(container)) out.push({ container, path: [...specPath, type, i], name: typeof container.name === 'string' ? container.name : `#${i}`, type });
    });
  }
  return out;
}
