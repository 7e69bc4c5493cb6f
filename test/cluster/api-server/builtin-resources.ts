// The built-in resources served, with the names, short names, categories and subresources of Kubernetes 1.32.
import { hpaV1ToV2, hpaV2ToV1 } from './hpa-conversion.js';
import { ALL_VERBS, type ResourceType } from './resource-registry.js';

interface BuiltinSpec {
  group: string;
  version: string;
  kind: string;
  plural: string;
  shortNames?: string[];
  all?: boolean;
  namespaced?: boolean;
  status?: boolean;
  scale?: boolean;
  model: string;
  generation?: boolean;
  verbs?: string[];
}

const SPECS: BuiltinSpec[] = [
  { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'], model: 'V1ConfigMap' },
  { group: '', version: 'v1', kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'], model: 'V1Endpoints' },
  { group: '', version: 'v1', kind: 'Event', plural: 'events', shortNames: ['ev'], model: 'CoreV1Event' },
  { group: '', version: 'v1', kind: 'LimitRange', plural: 'limitranges', shortNames: ['limits'], model: 'V1LimitRange' },
  { group: '', version: 'v1', kind: 'PersistentVolume', plural: 'persistentvolumes', shortNames: ['pv'], namespaced: false, status: true, model: 'V1PersistentVolume' },
  { group: '', version: 'v1', kind: 'PodTemplate', plural: 'podtemplates', model: 'V1PodTemplate' },
  { group: '', version: 'v1', kind: 'ResourceQuota', plural: 'resourcequotas', shortNames: ['quota'], status: true, model: 'V1ResourceQuota' },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', shortNames: ['ns'], namespaced: false, status: true, model: 'V1Namespace', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { group: '', version: 'v1', kind: 'Node', plural: 'nodes', shortNames: ['no'], namespaced: false, status: true, model: 'V1Node' },
  { group: '', version: 'v1', kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], status: true, model: 'V1PersistentVolumeClaim' },
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', shortNames: ['po'], all: true, status: true, model: 'V1Pod' },
  { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', model: 'V1Secret' },
  { group: '', version: 'v1', kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'], model: 'V1ServiceAccount' },
  { group: '', version: 'v1', kind: 'Service', plural: 'services', shortNames: ['svc'], all: true, status: true, model: 'V1Service', verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
  { group: 'apps', version: 'v1', kind: 'ControllerRevision', plural: 'controllerrevisions', model: 'V1ControllerRevision' },
  { group: 'apps', version: 'v1', kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'], all: true, status: true, model: 'V1DaemonSet', generation: true },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', shortNames: ['deploy'], all: true, status: true, scale: true, model: 'V1Deployment', generation: true },
  { group: 'apps', version: 'v1', kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'], all: true, status: true, scale: true, model: 'V1ReplicaSet', generation: true },
  { group: 'apps', version: 'v1', kind: 'StatefulSet', plural: 'statefulsets', shortNames: ['sts'], all: true, status: true, scale: true, model: 'V1StatefulSet', generation: true },
  { group: 'batch', version: 'v1', kind: 'CronJob', plural: 'cronjobs', shortNames: ['cj'], all: true, status: true, model: 'V1CronJob', generation: true },
  { group: 'batch', version: 'v1', kind: 'Job', plural: 'jobs', all: true, status: true, model: 'V1Job', generation: true },
  { group: 'networking.k8s.io', version: 'v1', kind: 'Ingress', plural: 'ingresses', shortNames: ['ing'], status: true, model: 'V1Ingress', generation: true },
  { group: 'networking.k8s.io', version: 'v1', kind: 'IngressClass', plural: 'ingressclasses', namespaced: false, model: 'V1IngressClass', generation: true },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', plural: 'networkpolicies', shortNames: ['netpol'], model: 'V1NetworkPolicy', generation: true },
  { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', shortNames: ['hpa'], all: true, status: true, model: 'V2HorizontalPodAutoscaler' },
  { group: 'autoscaling', version: 'v1', kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', shortNames: ['hpa'], all: true, status: true, model: 'V1HorizontalPodAutoscaler' },
  { group: 'discovery.k8s.io', version: 'v1', kind: 'EndpointSlice', plural: 'endpointslices', model: 'V1EndpointSlice' },
  { group: 'events.k8s.io', version: 'v1', kind: 'Event', plural: 'events', shortNames: ['ev'], model: 'EventsV1Event' },
  { group: 'scheduling.k8s.io', version: 'v1', kind: 'PriorityClass', plural: 'priorityclasses', shortNames: ['pc'], namespaced: false, model: 'V1PriorityClass' },
  { group: 'storage.k8s.io', version: 'v1', kind: 'StorageClass', plural: 'storageclasses', shortNames: ['sc'], namespaced: false, model: 'V1StorageClass' },
  { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'MutatingWebhookConfiguration', plural: 'mutatingwebhookconfigurations', namespaced: false, model: 'V1MutatingWebhookConfiguration', generation: true },
  { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingWebhookConfiguration', plural: 'validatingwebhookconfigurations', namespaced: false, model: 'V1ValidatingWebhookConfiguration', generation: true },
  { group: 'coordination.k8s.io', version: 'v1', kind: 'Lease', plural: 'leases', model: 'V1Lease' },
  { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget', plural: 'poddisruptionbudgets', shortNames: ['pdb'], status: true, model: 'V1PodDisruptionBudget', generation: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', namespaced: false, model: 'V1ClusterRoleBinding' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole', plural: 'clusterroles', namespaced: false, model: 'V1ClusterRole' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'RoleBinding', plural: 'rolebindings', model: 'V1RoleBinding' },
  { group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'Role', plural: 'roles', model: 'V1Role' },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectAccessReview', plural: 'selfsubjectaccessreviews', namespaced: false, model: 'V1SelfSubjectAccessReview', verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', kind: 'SelfSubjectRulesReview', plural: 'selfsubjectrulesreviews', namespaced: false, model: 'V1SelfSubjectRulesReview', verbs: ['create'] },
  { group: 'authentication.k8s.io', version: 'v1', kind: 'SelfSubjectReview', plural: 'selfsubjectreviews', namespaced: false, model: 'V1SelfSubjectReview', verbs: ['create'] },
  { group: 'apiextensions.k8s.io', version: 'v1', kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', shortNames: ['crd', 'crds'], namespaced: false, status: true, model: 'V1CustomResourceDefinition', generation: true },
];

export function builtinResources(): ResourceType[] {
  return SPECS.map((s) => ({
    group: s.group,
    version: s.version,
    kind: s.kind,
    listKind: `${s.kind}List`,
    plural: s.plural,
    singular: s.kind.toLowerCase(),
    shortNames: s.shortNames ?? [],
    categories: s.all ? ['all'] : [],
    namespaced: s.namespaced ?? true,
    verbs: s.verbs ?? ALL_VERBS,
    hasStatus: s.status ?? false,
    scale: s.scale ? { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } : undefined,
    modelName: s.model,
    hasGeneration: s.generation ?? false,
    storageVersion: s.group === 'autoscaling' ? 'v2' : s.version,
    conversion: s.group === 'autoscaling' && s.version === 'v1' ? { hubVersion: 'v2', toHub: hpaV1ToV2, fromHub: hpaV2ToV1 } : undefined,
  }));
}
