// Kinds that live outside namespaces. Discovery answers this for a real cluster; this list covers the built-in
// kinds of Kubernetes 1.36 (and the cluster-scoped kinds of common CRD groups under `.k8s.io`) so that core can
// resolve identities offline (a namespaced object without a namespace inherits one; `namespace:` of a kustomize
// overlay does not move a cluster-scoped object: kustomize writes it, the API server drops it).

const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment',
  'storage.k8s.io/VolumeAttributesClass', 'storagemigration.k8s.io/StorageVersionMigration',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy', 'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR',
  'certificates.k8s.io/CertificateSigningRequest', 'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'internal.apiserver.k8s.io/StorageVersion',
  'resource.k8s.io/DeviceClass', 'resource.k8s.io/ResourceSlice', 'resource.k8s.io/DeviceTaintRule',
  'authentication.k8s.io/TokenReview', 'authentication.k8s.io/SelfSubjectReview',
  'authorization.k8s.io/SubjectAccessReview', 'authorization.k8s.io/SelfSubjectAccessReview', 'authorization.k8s.io/SelfSubjectRulesReview',
  'metrics.k8s.io/NodeMetrics',
  // CRD groups under .k8s.io (Gateway API, CSI snapshots, network policy API).
  'gateway.networking.k8s.io/GatewayClass', 'snapshot.storage.k8s.io/VolumeSnapshotClass', 'snapshot.storage.k8s.io/VolumeSnapshotContent',
  'groupsnapshot.storage.k8s.io/VolumeGroupSnapshotClass', 'groupsnapshot.storage.k8s.io/VolumeGroupSnapshotContent',
  'policy.networking.k8s.io/AdminNetworkPolicy', 'policy.networking.k8s.io/BaselineAdminNetworkPolicy',
  'policy.networking.k8s.io/ClusterNetworkPolicy',
  'cert-manager.io/ClusterIssuer',
]);

/** API groups built into Kubernetes: a kind of these not listed above is namespaced. */
const BUILT_IN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io',
  'authentication.k8s.io', 'authorization.k8s.io', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'events.k8s.io', 'flowcontrol.apiserver.k8s.io', 'internal.apiserver.k8s.io', 'metrics.k8s.io', 'networking.k8s.io',
  'node.k8s.io', 'rbac.authorization.k8s.io', 'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/** Namespaced kinds of the CRD groups above (the rest of those groups is left to discovery). */
const NAMESPACED_CRD_KINDS = new Set([
  'gateway.networking.k8s.io/Gateway', 'gateway.networking.k8s.io/HTTPRoute', 'gateway.networking.k8s.io/GRPCRoute',
  'gateway.networking.k8s.io/TLSRoute', 'gateway.networking.k8s.io/TCPRoute', 'gateway.networking.k8s.io/UDPRoute',
  'gateway.networking.k8s.io/ReferenceGrant', 'gateway.networking.k8s.io/BackendTLSPolicy', 'gateway.networking.k8s.io/ListenerSet',
  'snapshot.storage.k8s.io/VolumeSnapshot', 'groupsnapshot.storage.k8s.io/VolumeGroupSnapshot',
]);

/** True/false for known kinds; undefined when only discovery can tell (custom resources). */
export function isClusterScopedKind(group: string, kind: string): boolean | undefined {
  const id = `${group}/${kind}`;
  if (CLUSTER_SCOPED.has(id)) return true;
  if (BUILT_IN_GROUPS.has(group) || NAMESPACED_CRD_KINDS.has(id)) return false;
  return undefined;
}
