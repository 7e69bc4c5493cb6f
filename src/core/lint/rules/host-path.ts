import { getAt, isRecord } from '../../resource/manifest-resource.js';
import { podSpecPath, WORKLOAD_KINDS } from '../../resource/pod-template.js';
import type { Rule } from '../rule.js';

export const hostPathRule: Rule = {
  meta: {
    id: 'host-path',
    title: 'No hostPath volumes',
    rationale: 'A hostPath volume exposes the node\'s filesystem to the pod (writable by default): a way to read other pods\' data or escape to the node, and it ties the pod to one node\'s disk.',
    remediation: 'Use a PersistentVolumeClaim, an emptyDir or a ConfigMap/Secret volume; for node agents that must read the host (log shippers, CSI drivers), mount read-only and suppress with a reason.',
    defaultSeverity: 'warning',
    kinds: WORKLOAD_KINDS,
  },
  check(resource, context) {
    const specPath = podSpecPath(resource.kind);
    if (!specPath) return;
    const volumes = getAt(resource.object, [...specPath, 'volumes']);
    if (!Array.isArray(volumes)) return;
    volumes.forEach((volume, i) => {
      if (!isRecord(volume) || !isRecord(volume.hostPath)) return;
      const hostPath = typeof volume.hostPath.path === 'string' ? volume.hostPath.path : '?';
      const name = typeof volume.name === 'string' ? volume.name : `#${i}`;
      context.report({
        path: [...specPath, 'volumes', i, 'hostPath'],
        message: `Volume '${name}' mounts the node's '${hostPath}' (hostPath).`,
      });
    });
  },
};
