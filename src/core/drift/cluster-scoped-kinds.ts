// Kinds that live outside namespaces. Discovery answers this for a real cluster; this list covers built-in
// kinds so that core can resolve identities offline (a namespaced object without a namespace inherits one).

const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment', 'scheduling.k8s.io/PriorityClass',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiregistration.k8s.io/APIService', 'networking.k8s.io/IngressClass', 'node.k8s.io/RuntimeClass',
  'certificates.k8s.io/CertificateSigningRequest', 'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', 'cert-manager.io/ClusterIssuer',
]);

/** True/false for known kinds; undefined when only discovery can tell (custom resources). */
export function isClusterScopedKind(group: string, kind: string): boolean | undefined {
  if (CLUSTER_SCOPED.has(`${group}/${kind}`)) return true;
  if (group === '' || group.endsWith('.k8s.io') || ['apps', 'batch', 'autoscaling', 'policy'].includes(group)) return false;
  return undefined;
}
