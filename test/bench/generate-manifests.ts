// Realistic generated manifests for benchmarks: a mix of the kinds GitOps repositories hold.

export function generatedDocument(i: number): string {
  const app = `app-${i}`;
  switch (i % 5) {
    case 0:
      return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: team-${i % 7}
  labels:
    app.kubernetes.io/name: ${app}
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}
    spec:
      containers:
        - name: main
          image: registry.example.com/${app}:1.2.${i}
          ports:
            - containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {cpu: "1", memory: 256Mi}
`;
    case 1:
      return `apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: team-${i % 7}
spec:
  selector:
    app.kubernetes.io/name: app-${i - 1}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`;
    case 2:
      return `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: team-${i % 7}
data:
  settings.yaml: |
    feature: true
    level: ${i}
`;
    case 3:
      return `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${app}
  namespace: team-${i % 7}
spec:
  ingressClassName: nginx
  rules:
    - host: ${app}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app-${i - 2}
                port:
                  number: 80
`;
    default:
      return `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${app}
  namespace: team-${i % 7}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app-${i - 4}
  minReplicas: 2
  maxReplicas: 10
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
`;
  }
}

/** `count` documents joined into one multi-document stream. */
export function generatedStream(count: number, offset = 0): string {
  return Array.from({ length: count }, (_, i) => generatedDocument(offset + i)).join('---\n');
}

/** A stream of about `lines` lines in `docs` documents (padding ConfigMaps grow to fit). */
export function generatedFileOfLines(lines: number, docs: number): string {
  let text = generatedStream(docs);
  const have = text.split('\n').length;
  if (have < lines) {
    const padding = Array.from({ length: lines - have - 5 }, (_, i) => `  key-${i}: value-${i}`).join('\n');
    text += `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: padding\ndata:\n${padding}\n`;
  }
  return text;
}
