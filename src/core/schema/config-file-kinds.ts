// Files that look like Kubernetes objects (`apiVersion` + `kind`) but are read by a program, never applied to
// the API: a kubeconfig, component configuration (kubelet, kube-scheduler, kube-apiserver's audit policy and
// encryption config), cluster-creation tools (kind, k3d, kubeadm) and Skaffold. They hold no CustomResource, so
// "add its CustomResourceDefinition" would be wrong advice, and "not served" would be a false error.

interface ConfigFileKind {
  /** Matches the apiVersion (and the kind where the group alone does not tell). */
  readonly matches: (group: string, apiVersion: string, kind: string) => boolean;
  readonly what: string;
}

const CONFIG_FILE_KINDS: readonly ConfigFileKind[] = [
  { matches: (_g, v, k) => v === 'v1' && k === 'Config', what: 'a kubeconfig file' },
  { matches: (_g, v, k) => v === 'v1' && k === 'Policy', what: 'a kube-scheduler policy file (removed in Kubernetes 1.23)' },
  { matches: (g) => g === 'audit.k8s.io', what: 'a kube-apiserver audit policy file' },
  // kubelet, kube-scheduler, kube-proxy, kube-apiserver (encryption, admission), Pod Security admission, …;
  // kustomize.config.k8s.io is excluded: kustomizations are read as build inputs elsewhere.
  { matches: (g) => g.endsWith('.config.k8s.io') && g !== 'kustomize.config.k8s.io', what: 'a Kubernetes component configuration file' },
  { matches: (g) => g === 'kubeadm.k8s.io', what: 'a kubeadm configuration file' },
  { matches: (g) => g === 'kind.x-k8s.io', what: 'a kind cluster configuration file' },
  { matches: (g) => g === 'k3d.io', what: 'a k3d configuration file' },
  { matches: (g) => g === 'skaffold', what: 'a Skaffold configuration file' },
];

/** What a configuration file is ("a kind cluster configuration file"), or undefined for anything else. */
export function describeConfigFileKind(apiVersion: string, kind: string): string | undefined {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return CONFIG_FILE_KINDS.find((c) => c.matches(group, apiVersion, kind))?.what;
}
