import { getAt, isRecord } from '../../resource/manifest-resource.js';
import { listContainers, WORKLOAD_KINDS } from '../../resource/pod-template.js';
import type { Rule } from '../rule.js';

export const privilegedContainerRule: Rule = {
  meta: {
    id: 'privileged-container',
    title: 'No privileged containers',
    rationale: 'A privileged container has every capability and the host\'s devices: escaping it is taking over the node. Only a few system agents (CNI, storage, monitoring) need it.',
    remediation: 'Remove `securityContext.privileged: true` and grant the specific capabilities needed (`capabilities.add`); for a system agent that truly needs it, suppress with the annotation and a reason.',
    defaultSeverity: 'warning',
    kinds: WORKLOAD_KINDS,
  },
  check(resource, context) {
    for (const { container, path, name } of listContainers(resource)) {
      if (!isRecord(container.securityContext) || getAt(container, ['securityContext', 'privileged']) !== true) continue;
      context.report({
        path: [...path, 'securityContext', 'privileged'],
        on: 'value',
        message: `Container '${name}' runs privileged: it has full access to the node.`,
      });
    }
  },
};
