// Hand-written table of deprecated and removed apiVersions, from the Kubernetes deprecated API migration
// guide and the Flux / External Secrets release notes. Kubernetes entries carry the Kubernetes minor in
// which the version stopped being served; project entries (Flux, External Secrets) depend on the
// installed controller, not on Kubernetes, and so are reported as deprecated whatever the version.

export interface ApiDeprecation {
  readonly apiVersion: string;
  readonly kind: string;
  /** The apiVersion to use instead, or undefined when the API is gone without a replacement. */
  readonly replacement?: string;
  /** Set when the replacement is another kind (e.g. Endpoints → EndpointSlice). */
  readonly replacementKind?: string;
  /** Kubernetes minor (`1.25`) in which it was deprecated / stopped being served. */
  readonly deprecatedIn?: string;
  readonly removedIn?: string;
  /** 'kubernetes' for built-in APIs, else the project owning the CRD. */
  readonly project: 'kubernetes' | 'flux' | 'external-secrets';
  readonly note?: string;
}

type Row = [apiVersion: string, kinds: string, replacement: string | undefined, deprecatedIn: string | undefined, removedIn: string | undefined, note?: string];

const KUBERNETES: Row[] = [
  ['extensions/v1beta1', 'Deployment DaemonSet ReplicaSet', 'apps/v1', '1.8', '1.16'],
  ['apps/v1beta1', 'Deployment StatefulSet ControllerRevision', 'apps/v1', '1.9', '1.16'],
  ['apps/v1beta2', 'Deployment DaemonSet ReplicaSet StatefulSet ControllerRevision', 'apps/v1', '1.9', '1.16'],
  ['extensions/v1beta1', 'NetworkPolicy', 'networking.k8s.io/v1', '1.9', '1.16'],
  ['extensions/v1beta1', 'PodSecurityPolicy', undefined, '1.10', '1.16', 'PodSecurityPolicy was removed in 1.25; use Pod Security Admission.'],
  ['extensions/v1beta1', 'Ingress', 'networking.k8s.io/v1', '1.14', '1.22'],
  ['networking.k8s.io/v1beta1', 'Ingress IngressClass', 'networking.k8s.io/v1', '1.19', '1.22'],
  ['batch/v2alpha1', 'CronJob', 'batch/v1', '1.8', '1.21'],
  ['admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration ValidatingWebhookConfiguration', 'admissionregistration.k8s.io/v1', '1.16', '1.22'],
  ['apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1', '1.16', '1.22'],
  ['apiregistration.k8s.io/v1beta1', 'APIService', 'apiregistration.k8s.io/v1', '1.19', '1.22'],
  ['authentication.k8s.io/v1beta1', 'TokenReview', 'authentication.k8s.io/v1', '1.19', '1.22'],
  ['authorization.k8s.io/v1beta1', 'SubjectAccessReview LocalSubjectAccessReview SelfSubjectAccessReview SelfSubjectRulesReview', 'authorization.k8s.io/v1', '1.19', '1.22'],
  ['certificates.k8s.io/v1beta1', 'CertificateSigningRequest', 'certificates.k8s.io/v1', '1.19', '1.22'],
  ['coordination.k8s.io/v1beta1', 'Lease', 'coordination.k8s.io/v1', '1.19', '1.22'],
  ['rbac.authorization.k8s.io/v1beta1', 'ClusterRole ClusterRoleBinding Role RoleBinding', 'rbac.authorization.k8s.io/v1', '1.17', '1.22'],
  ['rbac.authorization.k8s.io/v1alpha1', 'ClusterRole ClusterRoleBinding Role RoleBinding', 'rbac.authorization.k8s.io/v1', '1.17', '1.22'],
  ['scheduling.k8s.io/v1beta1', 'PriorityClass', 'scheduling.k8s.io/v1', '1.14', '1.22'],
  ['scheduling.k8s.io/v1alpha1', 'PriorityClass', 'scheduling.k8s.io/v1', '1.14', '1.17'],
  ['storage.k8s.io/v1beta1', 'CSIDriver CSINode StorageClass VolumeAttachment', 'storage.k8s.io/v1', '1.19', '1.22'],
  ['batch/v1beta1', 'CronJob', 'batch/v1', '1.21', '1.25'],
  ['discovery.k8s.io/v1beta1', 'EndpointSlice', 'discovery.k8s.io/v1', '1.21', '1.25'],
  ['events.k8s.io/v1beta1', 'Event', 'events.k8s.io/v1', '1.19', '1.25'],
  ['autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'autoscaling/v2', '1.22', '1.25'],
  ['policy/v1beta1', 'PodDisruptionBudget', 'policy/v1', '1.21', '1.25'],
  ['policy/v1beta1', 'PodSecurityPolicy', undefined, '1.21', '1.25', 'PodSecurityPolicy is gone; use Pod Security Admission (pod-security.kubernetes.io labels on namespaces).'],
  ['node.k8s.io/v1beta1', 'RuntimeClass', 'node.k8s.io/v1', '1.20', '1.25'],
  ['flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1', '1.23', '1.26'],
  ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'autoscaling/v2', '1.23', '1.26'],
  ['storage.k8s.io/v1beta1', 'CSIStorageCapacity', 'storage.k8s.io/v1', '1.24', '1.27'],
  ['flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1', '1.26', '1.29'],
  ['flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io/v1', '1.29', '1.32'],
  ['resource.k8s.io/v1alpha2', 'ResourceClaim ResourceClaimTemplate ResourceClass PodSchedulingContext ResourceSlice ResourceClaimParameters ResourceClassParameters', 'resource.k8s.io/v1beta1', '1.31', '1.31', 'Dynamic resource allocation was redesigned in 1.31 (resource.k8s.io/v1alpha3, then v1beta1 in 1.32).'],
  ['certificates.k8s.io/v1alpha1', 'PodCertificateRequest', 'certificates.k8s.io/v1beta1', '1.35', '1.35', 'Alpha API replaced by v1beta1 in 1.35.'],
  ['storage.k8s.io/v1alpha1', 'VolumeAttributesClass', 'storage.k8s.io/v1', '1.35', '1.35', 'Alpha API removed in 1.35; storage.k8s.io/v1 since 1.34.'],
  ['storagemigration.k8s.io/v1alpha1', 'StorageVersionMigration', 'storagemigration.k8s.io/v1beta1', '1.35', '1.35', 'Alpha API replaced by v1beta1 in 1.35.'],
  ['scheduling.k8s.io/v1alpha1', 'Workload', 'scheduling.k8s.io/v1alpha2', '1.36', '1.36', 'Alpha API replaced by v1alpha2 in 1.36.'],
];

const FLUX: Row[] = [
  ['source.toolkit.fluxcd.io/v1beta1', 'GitRepository HelmRepository HelmChart Bucket', 'source.toolkit.fluxcd.io/v1', undefined, undefined],
  ['source.toolkit.fluxcd.io/v1beta2', 'GitRepository HelmRepository HelmChart Bucket OCIRepository', 'source.toolkit.fluxcd.io/v1', undefined, undefined],
  ['kustomize.toolkit.fluxcd.io/v1beta1', 'Kustomization', 'kustomize.toolkit.fluxcd.io/v1', undefined, undefined],
  ['kustomize.toolkit.fluxcd.io/v1beta2', 'Kustomization', 'kustomize.toolkit.fluxcd.io/v1', undefined, undefined],
  ['helm.toolkit.fluxcd.io/v2beta1', 'HelmRelease', 'helm.toolkit.fluxcd.io/v2', undefined, undefined],
  ['helm.toolkit.fluxcd.io/v2beta2', 'HelmRelease', 'helm.toolkit.fluxcd.io/v2', undefined, undefined],
  ['notification.toolkit.fluxcd.io/v1beta1', 'Alert Provider', 'notification.toolkit.fluxcd.io/v1beta3', undefined, undefined],
  ['notification.toolkit.fluxcd.io/v1beta2', 'Alert Provider', 'notification.toolkit.fluxcd.io/v1beta3', undefined, undefined],
  ['notification.toolkit.fluxcd.io/v1beta1', 'Receiver', 'notification.toolkit.fluxcd.io/v1', undefined, undefined],
  ['notification.toolkit.fluxcd.io/v1beta2', 'Receiver', 'notification.toolkit.fluxcd.io/v1', undefined, undefined],
  ['image.toolkit.fluxcd.io/v1beta1', 'ImageRepository ImagePolicy ImageUpdateAutomation', 'image.toolkit.fluxcd.io/v1', undefined, undefined],
  ['image.toolkit.fluxcd.io/v1beta2', 'ImageRepository ImagePolicy ImageUpdateAutomation', 'image.toolkit.fluxcd.io/v1', undefined, undefined],
];

const EXTERNAL_SECRETS: Row[] = [
  ['external-secrets.io/v1beta1', 'ExternalSecret SecretStore ClusterSecretStore ClusterExternalSecret', 'external-secrets.io/v1', undefined, undefined],
  ['external-secrets.io/v1alpha1', 'ExternalSecret SecretStore ClusterSecretStore', 'external-secrets.io/v1', undefined, undefined, 'v1alpha1 is no longer served by current External Secrets Operator releases.'],
];

function expand(rows: Row[], project: ApiDeprecation['project']): ApiDeprecation[] {
  return rows.flatMap(([apiVersion, kinds, replacement, deprecatedIn, removedIn, note]) =>
    kinds.split(' ').map((kind) => ({ apiVersion, kind, replacement, deprecatedIn, removedIn, project, note })),
  );
}

const ENDPOINTS: ApiDeprecation = {
  apiVersion: 'v1',
  kind: 'Endpoints',
  replacement: 'discovery.k8s.io/v1',
  replacementKind: 'EndpointSlice',
  deprecatedIn: '1.33',
  project: 'kubernetes',
  note: 'The Endpoints API still works but is deprecated in favour of EndpointSlice.',
};

const ALL: ApiDeprecation[] = [...expand(KUBERNETES, 'kubernetes'), ENDPOINTS, ...expand(FLUX, 'flux'), ...expand(EXTERNAL_SECRETS, 'external-secrets')];
const BY_KEY = new Map(ALL.map((d) => [`${d.apiVersion}/${d.kind}`, d]));

/** Compares Kubernetes minors (`1.9` < `1.30`). */
export function compareKubernetesVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const [bMajor = 0, bMinor = 0] = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  return aMajor - bMajor || aMinor - bMinor;
}

/** The table entry for an apiVersion and kind, if any (independent of the Kubernetes version). */
export function findApiDeprecation(apiVersion: string, kind: string): ApiDeprecation | undefined {
  return BY_KEY.get(`${apiVersion}/${kind}`);
}

/** Every entry of the table (for docs and tests). */
export function listApiDeprecations(): readonly ApiDeprecation[] {
  return ALL;
}


/** 'removed', 'deprecated' or undefined for this entry at this Kubernetes version. */
export function deprecationStatus(entry: ApiDeprecation, kubernetesVersion: string): 'removed' | 'deprecated' | undefined {
  if (entry.project !== 'kubernetes') return 'deprecated';
  if (entry.removedIn && compareKubernetesVersions(kubernetesVersion, entry.removedIn) >= 0) return 'removed';
  if (!entry.deprecatedIn || compareKubernetesVersions(kubernetesVersion, entry.deprecatedIn) >= 0) return 'deprecated';
  return undefined;
}

/** A one-line message naming the replacement. */
export function deprecationMessage(entry: ApiDeprecation, status: 'removed' | 'deprecated', kubernetesVersion: string): string {
  const what = `${entry.apiVersion} ${entry.kind}`;
  const owner = entry.project === 'kubernetes' ? 'Kubernetes' : entry.project === 'flux' ? 'Flux' : 'External Secrets';
  const head =
    status === 'removed'
      ? entry.project === 'kubernetes'
        ? `${what} is no longer served since Kubernetes ${entry.removedIn} (validating for ${kubernetesVersion}).`
        : `${what} is no longer served by ${owner}.`
      : entry.project === 'kubernetes'
        ? `${what} is deprecated${entry.deprecatedIn ? ` since Kubernetes ${entry.deprecatedIn}` : ''}${entry.removedIn ? ` and removed in ${entry.removedIn}` : ''}.`
        : `${what} is a deprecated ${owner} API version.`;
  const use = entry.replacement ? ` Use ${entry.replacement}${entry.replacementKind ? ` ${entry.replacementKind}` : ''} instead.` : '';
  return `${head}${use}${entry.note ? ` ${entry.note}` : ''}`;
}
