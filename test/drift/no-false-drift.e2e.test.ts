// The top requirement: no false drift on objects as a real API server stores them. Many kinds, written the
// way people write them (defaults left out, quantities in other spellings, empty maps), applied with the
// real kubectl client-side and server-side, then compared: everything must be Synced.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { runDriftCli, writeRepo } from './drift-e2e-support.js';

const MANY_KINDS = `apiVersion: v1
kind: ServiceAccount
metadata: {name: worker, namespace: jobs}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: jobs}
data: {a: "1", b: two}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: jobs}
type: Opaque
stringData: {token: abc, url: "https://example.com/ä"}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: jobs}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - name: postgres
          image: postgres:16.4
          ports: [{containerPort: 5432, name: pg}]
          resources: {requests: {cpu: 0.5, memory: 1024Mi}}
          volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 10240Mi}}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: jobs}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      tolerations: [{operator: Exists}]
      containers:
        - name: agent
          image: busybox:1.36
          args: [sleep, "3600"]
          env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: jobs}
spec:
  template:
    spec:
      restartPolicy: Never
      serviceAccountName: worker
      containers: [{name: migrate, image: "ghcr.io/acme/migrate:1"}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly, namespace: jobs}
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: report, image: "ghcr.io/acme/report:1", resources: {limits: {memory: 0.25Gi}}}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: jobs}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432, targetPort: pg}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: jobs}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: jobs}
spec:
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: jobs}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: db}
  minReplicas: 1
  maxReplicas: 3
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: db, namespace: jobs}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: db}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: jobs}
rules: [{apiGroups: [""], resources: [configmaps], verbs: [get, list, watch]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: worker-reader, namespace: jobs}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: worker, namespace: jobs}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: jobs-viewer}
rules: [{apiGroups: [batch], resources: [jobs], verbs: [get]}]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: scratch, namespace: jobs}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`;

let cluster: TestCluster;

before(async () => {
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'jobs' } }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
});

after(async () => {
  await cluster?.stop();
});

async function expectAllSynced(dir: string, count: number, extra: string[] = []): Promise<void> {
  const r = await runDriftCli([dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json', ...extra]);
  const json = JSON.parse(r.stdout) as { resources: { id: string; status: string; reason?: string; fields: { path: string; gitValue?: unknown; liveValue?: unknown }[] }[] };
  const notSynced = json.resources.filter((x) => x.status !== 'Synced').map((x) => ({ id: x.id, status: x.status, reason: x.reason, fields: x.fields.map((f) => [f.path, f.gitValue, f.liveValue]) }));
  assert.deepEqual(notSynced, [], r.stderr + JSON.stringify(notSynced, null, 1));
  assert.equal(json.resources.length, count, JSON.stringify(json.resources.map((x) => x.id)));
  assert.equal(r.code, 0);
}

test('client-side applied objects of many kinds are all Synced', async () => {
  const repo = writeRepo({ 'jobs/all.yaml': MANY_KINDS });
  try {
    await cluster.run('apply', '-f', join(repo.dir, 'jobs/all.yaml'));
    await expectAllSynced(repo.dir, 16);
  } finally {
    repo.cleanup();
  }
});

test('server-side applied by the GitOps agent manager: Synced, and the three-way base is used without false removals', async () => {
  const repo = writeRepo({ 'jobs/all.yaml': MANY_KINDS });
  try {
    await cluster.run('apply', '--server-side', '--force-conflicts', '--field-manager=kustomize-controller', '-f', join(repo.dir, 'jobs/all.yaml'));
    await expectAllSynced(repo.dir, 16);
  } finally {
    repo.cleanup();
  }
});

test('the demo repository (Flux Kustomization, kustomize overlay with a patch) applied with kubectl -k is Synced', async () => {
  const repo = writeRepo({});
  try {
    cpSync('test/fixtures/demo-repo', repo.dir, { recursive: true });
    // As Flux does: render, substitute postBuild variables (CLUSTER_NAME=production), apply.
    const rendered = (await cluster.run('kustomize', join(repo.dir, 'apps/production'))).replaceAll('${CLUSTER_NAME}', 'production');
    assert.ok(rendered.includes('value: production'));
    await cluster.run('apply', '-f', cluster.write('demo-rendered.yaml', rendered));
    await expectAllSynced(repo.dir, 4, ['--env', 'apps']);
  } finally {
    repo.cleanup();
  }
});

test('what kubectl adds that Git never declared (rollout restart, extra labels and annotations) is not drift; changing a declared label is', async () => {
  const repo = writeRepo({ 'jobs/all.yaml': MANY_KINDS });
  try {
    await cluster.run('apply', '-f', join(repo.dir, 'jobs/all.yaml'));
    await cluster.run('rollout', 'restart', 'statefulset/db', '-n', 'jobs');
    await cluster.run('label', 'configmap', 'settings', '-n', 'jobs', 'team=payments');
    await cluster.run('annotate', 'service', 'web', '-n', 'jobs', 'owner=alice');
    await expectAllSynced(repo.dir, 16);
    await cluster.run('label', 'statefulset', 'db', '-n', 'jobs', 'app=db');
    await cluster.run('label', 'daemonset', 'agent', '-n', 'jobs', '--overwrite', 'tier=x');
    const withLabel = writeRepo({ 'jobs/all.yaml': MANY_KINDS.replace('metadata: {name: agent, namespace: jobs}', 'metadata: {name: agent, namespace: jobs, labels: {tier: node}}') });
    try {
      const r = await runDriftCli([withLabel.dir, '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json']);
      const json = JSON.parse(r.stdout) as { resources: { id: string; status: string; fields: { path: string; gitValue?: unknown; liveValue?: unknown; attribution?: { manager: string } }[] }[] };
      const drifted = json.resources.filter((x) => x.status !== 'Synced');
      assert.deepEqual(drifted.map((x) => [x.id, x.fields.map((f) => [f.path, f.gitValue, f.liveValue, f.attribution?.manager])]), [
        ['DaemonSet.apps jobs/agent', [['.metadata.labels.tier', 'node', 'x', 'kubectl-label']]],
      ]);
      assert.equal(r.code, 1);
    } finally {
      withLabel.cleanup();
    }
  } finally {
    repo.cleanup();
  }
});
