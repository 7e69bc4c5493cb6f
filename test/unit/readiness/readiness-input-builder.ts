import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { isDeployTextPath } from '../../../src/core/readiness/deploy-steps.js';
import type { GitFacts, ReadinessInput } from '../../../src/core/readiness/readiness-types.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';

/** A readiness input from in-memory files: YAML files become manifests, scripts and CI files text. */
export function anInput(files: Record<string, string>, git?: Partial<GitFacts> | 'none'): ReadinessInput {
  const entries = new Map<string, 'file' | 'directory'>([['', 'directory']]);
  for (const path of Object.keys(files)) {
    entries.set(path, 'file');
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) entries.set(parts.slice(0, i).join('/'), 'directory');
  }
  const manifests = Object.entries(files).filter(([p]) => /\.ya?ml$/.test(p) && !isDeployTextPath(p)).map(([p, t]) => parseManifest(p, t));
  const index = buildWorkspaceIndex(manifests, { entryType: (p) => entries.get(p) });
  const facts: GitFacts | undefined = git === 'none' ? undefined : {
    trackedPaths: Object.keys(files), ignoredPaths: [], modifiedPaths: [], commitCount: 3, isShallow: false,
    currentBranch: 'main', branches: [{ name: 'main' }], remoteUrls: [], ...git,
  };
  return {
    index,
    textFiles: Object.entries(files).filter(([p]) => isDeployTextPath(p)).map(([path, text]) => ({ path, text })),
    ...(facts ? { git: facts } : {}),
  };
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.2.3
          envFrom:
            - configMapRef:
                name: api-config
            - secretRef:
                name: api-secret
`;
export const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-config\n  namespace: shop\ndata:\n  LOG: info\n';
export const SEALED_SECRET = 'apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: api-secret\n  namespace: shop\nspec:\n  encryptedData:\n    password: AgBy3i4OJSWK+PiTySYZZA==\n';
export const SEALED_SECRETS_RELEASE = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: sealed-secrets
  namespace: flux-system
spec:
  interval: 1h
  driftDetection:
    mode: enabled
  chart:
    spec:
      chart: sealed-secrets
      sourceRef:
        kind: HelmRepository
        name: sealed-secrets
`;
export const PLAIN_SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-secret\n  namespace: shop\nstringData:\n  password: hunter2\n';

export function fluxKustomization(name: string, path: string, extra = '  prune: true\n'): string {
  return `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: ${name}
  namespace: flux-system
spec:
  interval: 10m
  path: ${path}
${extra}  sourceRef:
    kind: GitRepository
    name: flux-system
`;
}
export const GIT_REPOSITORY = `apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  ref:
    branch: main
  url: ssh://git@github.com/acme/fleet
`;
export const ALERT = `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata:
  name: slack
  namespace: flux-system
spec:
  type: slack
  channel: ops
  secretRef:
    name: slack-url
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata:
  name: drift
  namespace: flux-system
spec:
  providerRef:
    name: slack
  eventSeverity: info
  eventSources:
    - kind: Kustomization
      name: '*'
`;
