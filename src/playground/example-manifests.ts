// The examples the page offers: the classic mistakes, one each, and a clean Flux + Argo CD repository file.
// test/unit/playground/example-manifests.test.ts holds each example to exactly the findings it is about.

export interface ExampleManifest {
  readonly id: string;
  readonly title: string;
  /** The rule the example shows; undefined for the clean example. */
  readonly ruleId?: string;
  readonly text: string;
}

const SECURE_CONTAINER = `          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }`;

export const EXAMPLE_MANIFESTS: readonly ExampleManifest[] = [
  {
    id: 'plaintext-secret',
    title: 'Plaintext Secret',
    ruleId: 'secret-in-git',
    text: `# A Secret committed in plain text: anyone who can read the repository reads the password.
apiVersion: v1
kind: Secret
metadata:
  name: database
  namespace: shop
type: Opaque
stringData:
  username: shop
  password: not-a-real-password
`,
  },
  {
    id: 'latest-tag',
    title: 'Image with :latest',
    ruleId: 'image-tag',
    text: `# :latest changes under you: two syncs of the same commit can run different code.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:latest
${SECURE_CONTAINER}
`,
  },
  {
    id: 'selector-mismatch',
    title: 'Selector mismatch',
    ruleId: 'selector-mismatch',
    text: `# The selector does not match the pod template's labels: the API server rejects the Deployment.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api-server
    spec:
      containers:
        - name: api
          image: ghcr.io/example/api:1.4.2
${SECURE_CONTAINER}
`,
  },
  {
    id: 'hpa-fixed-replicas',
    title: 'HPA + fixed replicas',
    ruleId: 'hpa-fixed-replicas',
    text: `# An HPA scales this Deployment, but Git pins replicas: every sync resets the HPA's choice.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: worker
  template:
    metadata:
      labels:
        app: worker
    spec:
      containers:
        - name: worker
          image: ghcr.io/example/worker:2.0.1
${SECURE_CONTAINER}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: worker
  namespace: shop
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: worker
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`,
  },
  {
    id: 'flux-and-argo',
    title: 'Clean Flux + Argo CD',
    text: `# A Flux source and Kustomization, and an Argo CD Application: no findings.
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: platform
  namespace: flux-system
spec:
  interval: 5m
  url: https://github.com/example/platform
  ref:
    branch: main
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: infrastructure
  namespace: flux-system
spec:
  interval: 10m
  path: ./infrastructure
  prune: true
  sourceRef:
    kind: GitRepository
    name: platform
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: shop
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/shop
    targetRevision: v1.4.2
    path: deploy/production
  destination:
    server: https://kubernetes.default.svc
    namespace: shop
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
`,
  },
];
