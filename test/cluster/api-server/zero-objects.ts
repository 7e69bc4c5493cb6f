// The object a real server compares a create against: the Go zero value of the kind, serialized. Containers
// present in it (non-pointer structs, non-omitempty fields) are not recorded as "." in managedFields.
import type { JsonObject } from './types.js';

const template = (): JsonObject => ({ metadata: { creationTimestamp: null }, spec: { containers: null } });

const SPECS: Record<string, () => JsonObject> = {
  Deployment: () => ({ spec: { selector: null, template: template(), strategy: {} }, status: {} }),
  ReplicaSet: () => ({ spec: { selector: null, template: template() }, status: { replicas: 0 } }),
  StatefulSet: () => ({ spec: { selector: null, template: template(), updateStrategy: {} }, status: { replicas: 0, availableReplicas: 0 } }),
  DaemonSet: () => ({
    spec: { selector: null, template: template(), updateStrategy: {} },
    status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
  }),
  Job: () => ({ spec: { template: template() }, status: {} }),
  CronJob: () => ({ spec: { schedule: '', jobTemplate: { metadata: { creationTimestamp: null }, spec: { template: template() } } }, status: {} }),
  Pod: () => ({ spec: { containers: null }, status: {} }),
  Service: () => ({ spec: {}, status: { loadBalancer: {} } }),
  Namespace: () => ({ spec: {}, status: {} }),
  Node: () => ({
    spec: {},
    status: {
      daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
      nodeInfo: { machineID: '', systemUUID: '', bootID: '', kernelVersion: '', osImage: '', containerRuntimeVersion: '', kubeletVersion: '', kubeProxyVersion: '', operatingSystem: '', architecture: '' },
    },
  }),
  PersistentVolumeClaim: () => ({ spec: { resources: {} }, status: {} }),
  Ingress: () => ({ spec: {}, status: { loadBalancer: {} } }),
  IngressClass: () => ({ spec: {} }),
  NetworkPolicy: () => ({ spec: { podSelector: {} } }),
  HorizontalPodAutoscaler: () => ({ spec: { scaleTargetRef: { kind: '', name: '' }, maxReplicas: 0 }, status: { desiredReplicas: 0 } }),
  PodDisruptionBudget: () => ({ spec: {}, status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 } }),
  Role: () => ({ rules: null }),
  ClusterRole: () => ({ rules: null }),
  RoleBinding: () => ({ roleRef: { apiGroup: '', kind: '', name: '' } }),
  ClusterRoleBinding: () => ({ roleRef: { apiGroup: '', kind: '', name: '' } }),
  CustomResourceDefinition: () => ({
    spec: { group: '', names: { plural: '', kind: '' }, scope: '', versions: null },
    status: { acceptedNames: { plural: '', kind: '' }, storedVersions: null },
  }),
};

/** The zero object of a kind; custom resources (unstructured on the real server) start empty. */
export function zeroObject(kind: string, isBuiltin: boolean): JsonObject {
  if (!isBuiltin) return {};
  const spec = SPECS[kind]?.() ?? {};
  return { metadata: { creationTimestamp: null }, ...spec };
}
