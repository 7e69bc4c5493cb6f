import type { ValuePath } from '../../manifest/manifest-types.js';
import { getAt, isRecord } from '../../resource/manifest-resource.js';
import { listContainers, podSpecPath, WORKLOAD_KINDS } from '../../resource/pod-template.js';
import type { Rule, RuleContext } from '../rule.js';

/**
 * Only explicit root is flagged (`runAsUser: 0`, `runAsNonRoot: false`): a pod that says nothing runs as its
 * image's user, which this rule cannot know without pulling the image, and flagging every such pod is noise.
 */
function checkContext(context: RuleContext, securityContext: unknown, path: ValuePath, who: string, overridden: (field: string) => boolean = () => false): void {
  if (!isRecord(securityContext)) return;
  if (securityContext.runAsUser === 0 && !overridden('runAsUser')) {
    context.report({ path: [...path, 'runAsUser'], on: 'value', message: `${who} runs as root (runAsUser: 0).` });
  }
  if (securityContext.runAsNonRoot === false && !overridden('runAsNonRoot')) {
    context.report({ path: [...path, 'runAsNonRoot'], on: 'value', message: `${who} explicitly allows running as root (runAsNonRoot: false).` });
  }
}

export const runAsRootRule: Rule = {
  meta: {
    id: 'run-as-root',
    title: 'Containers do not run as root',
    rationale: 'A process running as UID 0 turns any container escape or writable host mount into root on the node. Only explicit root settings are flagged (`runAsUser: 0` or `runAsNonRoot: false`, on the pod or a container), so pods that rely on their image\'s user are not reported.',
    remediation: 'Set `runAsNonRoot: true` and a non-zero `runAsUser` in the pod or container `securityContext`, and use an image that runs as a non-root user.',
    defaultSeverity: 'warning',
    kinds: WORKLOAD_KINDS,
  },
  check(resource, context) {
    const specPath = podSpecPath(resource.kind);
    if (!specPath) return;
    const containers = listContainers(resource);
    // A pod-level value every container overrides never applies.
    const overridden = (field: string) => containers.length > 0 && containers.every(({ container }) => isRecord(container.securityContext) && container.securityContext[field] !== undefined);
    checkContext(context, getAt(resource.object, [...specPath, 'securityContext']), [...specPath, 'securityContext'], `Pod of ${resource.kind} '${resource.name}'`, overridden);
    for (const { container, path, name } of containers) {
      checkContext(context, container.securityContext, [...path, 'securityContext'], `Container '${name}'`);
    }
  },
};
