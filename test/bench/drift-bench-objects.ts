// The bench's desired state: N objects across namespaces, as YAML text (parsed like a repository would be).
export const BENCH_NAMESPACES = 10;

export function benchManifestText(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    const ns = `bench-${i % BENCH_NAMESPACES}`;
    const kind = i % 4;
    if (kind === 0) {
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${ns}
  labels: {app: app-${i}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels: {app: app-${i}}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app:1.${i % 7}.0
          ports: [{containerPort: 8080, name: http}]
          env: [{name: INDEX, value: "${i}"}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {cpu: 0.5, memory: 0.25Gi}}`);
    } else if (kind === 1) {
      docs.push(`apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: ${ns}
spec:
  selector: {app: app-${i - 1}}
  ports: [{name: http, port: 80, targetPort: http}]`);
    } else {
      docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: cm-${i}
  namespace: ${ns}
data:
  index: "${i}"
  mode: production
  payload: "${'x'.repeat(200)}"`);
    }
  }
  return docs.join('\n---\n') + '\n';
}
