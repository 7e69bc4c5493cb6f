// Values the API server fills in when a manifest leaves a field out (pkg/apis/*/v1/defaults.go in
// kubernetes/kubernetes). Used where a field is absent from Git but present live: when the live value is the
// server default, nobody changed anything. Paths use '*' for list items.

type Defaults = Readonly<Record<string, unknown>>;

const POD_SPEC: Defaults = {
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler',
  securityContext: {},
  enableServiceLinks: true,
  preemptionPolicy: 'PreemptLowerPriority',
  priority: 0,
  'containers.*.terminationMessagePath': '/dev/termination-log',
  'containers.*.terminationMessagePolicy': 'File',
  'containers.*.ports.*.protocol': 'TCP',
  'containers.*.resources': {},
  'initContainers.*.terminationMessagePath': '/dev/termination-log',
  'initContainers.*.terminationMessagePolicy': 'File',
  'initContainers.*.resources': {},
  'containers.*.livenessProbe.timeoutSeconds': 1,
  'containers.*.livenessProbe.periodSeconds': 10,
  'containers.*.livenessProbe.successThreshold': 1,
  'containers.*.livenessProbe.failureThreshold': 3,
  'containers.*.livenessProbe.httpGet.scheme': 'HTTP',
  'containers.*.readinessProbe.timeoutSeconds': 1,
  'containers.*.readinessProbe.periodSeconds': 10,
  'containers.*.readinessProbe.successThreshold': 1,
  'containers.*.readinessProbe.failureThreshold': 3,
  'containers.*.readinessProbe.httpGet.scheme': 'HTTP',
  'containers.*.startupProbe.timeoutSeconds': 1,
  'containers.*.startupProbe.periodSeconds': 10,
  'containers.*.startupProbe.successThreshold': 1,
  'containers.*.startupProbe.failureThreshold': 3,
  'containers.*.startupProbe.httpGet.scheme': 'HTTP',
  'containers.*.env.*.valueFrom.fieldRef.apiVersion': 'v1',
  'volumes.*.configMap.defaultMode': 420,
  'volumes.*.secret.defaultMode': 420,
  'volumes.*.projected.defaultMode': 420,
  'volumes.*.downwardAPI.defaultMode': 420,
  'volumes.*.hostPath.type': '',
  'volumes.*.emptyDir': {},
};

const WORKLOADS: Record<string, { readonly own: Defaults; readonly podTemplate: readonly string[] }> = {
  'apps/Deployment': {
    own: {
      replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, 'strategy.type': 'RollingUpdate',
      'strategy.rollingUpdate.maxSurge': '25%', 'strategy.rollingUpdate.maxUnavailable': '25%',
    },
    podTemplate: ['spec', 'template'],
  },
  'apps/StatefulSet': {
    own: {
      replicas: 1, revisionHistoryLimit: 10, podManagementPolicy: 'OrderedReady', 'updateStrategy.type': 'RollingUpdate',
      'updateStrategy.rollingUpdate.partition': 0,
      'persistentVolumeClaimRetentionPolicy.whenDeleted': 'Retain', 'persistentVolumeClaimRetentionPolicy.whenScaled': 'Retain',
    },
    podTemplate: ['spec', 'template'],
  },
  'apps/DaemonSet': {
    own: {
      revisionHistoryLimit: 10, 'updateStrategy.type': 'RollingUpdate', 'updateStrategy.rollingUpdate.maxUnavailable': 1,
      'updateStrategy.rollingUpdate.maxSurge': 0,
    },
    podTemplate: ['spec', 'template'],
  },
  'apps/ReplicaSet': { own: { replicas: 1 }, podTemplate: ['spec', 'template'] },
  'batch/Job': {
    own: { backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false, manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed' },
    podTemplate: ['spec', 'template'],
  },
  'batch/CronJob': {
    own: {
      concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1,
      'jobTemplate.spec.backoffLimit': 6, 'jobTemplate.spec.completionMode': 'NonIndexed', 'jobTemplate.spec.suspend': false,
    },
    podTemplate: ['spec', 'jobTemplate', 'spec', 'template'],
  },
  '/Pod': { own: {}, podTemplate: [] },
};

const SERVICE_SPEC: Defaults = {
  type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster', ipFamilyPolicy: 'SingleStack',
  'ports.*.protocol': 'TCP',
  // Set for NodePort and LoadBalancer Services.
  externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true,
  // Set with `sessionAffinity: ClientIP`.
  'sessionAffinityConfig.clientIP.timeoutSeconds': 10800,
};

/**
 * The server's default for the field at `fieldPath` (keys only, list indexes as '*'), or undefined when we know
 * none. `sibling` gives access to the parent object for defaults that copy another field (targetPort = port).
 */
export function serverDefault(group: string, kind: string, fieldPath: readonly string[], parent?: Record<string, unknown>): unknown {
  const gk = `${group}/${kind}`;
  if (gk === '/Service' && fieldPath[0] === 'spec') {
    const rest = fieldPath.slice(1).join('.');
    if (rest === 'ports.*.targetPort' && parent) return parent.port;
    return SERVICE_SPEC[rest];
  }
  const workload = WORKLOADS[gk];
  if (!workload) return undefined;
  const t = workload.podTemplate;
  const inTemplate = t.every((s, i) => fieldPath[i] === s);
  if (inTemplate) {
    const after = fieldPath.slice(t.length);
    if (after[0] === 'spec' || t.length === 0) {
      const podPath = (t.length === 0 ? after.slice(1) : after.slice(1)).join('.');
      if (podPath.endsWith('imagePullPolicy') && parent) return defaultPullPolicy(parent.image);
      if (t.length === 0 && after[0] !== 'spec') return undefined;
      return POD_SPEC[podPath];
    }
  }
  if (fieldPath[0] !== 'spec') return undefined;
  return workload.own[fieldPath.slice(1).join('.')];
}

/** `Always` for `:latest` or untagged images, `IfNotPresent` otherwise (digests included). */
export function defaultPullPolicy(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  const tag = colon === -1 ? '' : image.slice(colon + 1);
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}
