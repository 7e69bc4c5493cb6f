// Defaults the API server applies when it decodes each built-in kind (pkg/apis/*/v1/defaults.go).
import { canonicalizeResources, defaultPod, defaultPodSpec } from './defaults-pod.js';
import { isObject, type JsonObject, type JsonValue } from './types.js';

function setIfAbsent(obj: JsonObject, key: string, value: JsonValue): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

function spec(obj: JsonObject): JsonObject | undefined {
  return isObject(obj.spec) ? obj.spec : undefined;
}

function defaultTemplate(template: JsonValue | undefined): void {
  if (!isObject(template)) return;
  if (!isObject(template.metadata)) template.metadata = {};
  // The Go zero time serializes as null in embedded object metadata (Kubernetes ≤ 1.32).
  setIfAbsent(template.metadata as JsonObject, 'creationTimestamp', null);
  defaultPodSpec(template.spec);
}

const RULES: Record<string, (obj: JsonObject) => void> = {
  Pod: (o) => defaultPod(o),
  Deployment: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'replicas', 1);
    if (!isObject(s.strategy)) s.strategy = {};
    const strategy = s.strategy as JsonObject;
    setIfAbsent(strategy, 'type', 'RollingUpdate');
    if (strategy.type === 'RollingUpdate') {
      if (!isObject(strategy.rollingUpdate)) strategy.rollingUpdate = {};
      setIfAbsent(strategy.rollingUpdate as JsonObject, 'maxUnavailable', '25%');
      setIfAbsent(strategy.rollingUpdate as JsonObject, 'maxSurge', '25%');
    }
    setIfAbsent(s, 'revisionHistoryLimit', 10);
    setIfAbsent(s, 'progressDeadlineSeconds', 600);
    defaultTemplate(s.template);
  },
  ReplicaSet: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'replicas', 1);
    defaultTemplate(s.template);
  },
  StatefulSet: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'replicas', 1);
    setIfAbsent(s, 'podManagementPolicy', 'OrderedReady');
    if (!isObject(s.updateStrategy)) s.updateStrategy = {};
    const us = s.updateStrategy as JsonObject;
    setIfAbsent(us, 'type', 'RollingUpdate');
    if (us.type === 'RollingUpdate') {
      if (!isObject(us.rollingUpdate)) us.rollingUpdate = {};
      setIfAbsent(us.rollingUpdate as JsonObject, 'partition', 0);
    }
    setIfAbsent(s, 'revisionHistoryLimit', 10);
    if (!isObject(s.persistentVolumeClaimRetentionPolicy)) s.persistentVolumeClaimRetentionPolicy = {};
    setIfAbsent(s.persistentVolumeClaimRetentionPolicy as JsonObject, 'whenDeleted', 'Retain');
    setIfAbsent(s.persistentVolumeClaimRetentionPolicy as JsonObject, 'whenScaled', 'Retain');
    if (Array.isArray(s.volumeClaimTemplates)) {
      for (const t of s.volumeClaimTemplates) {
        if (!isObject(t)) continue;
        setIfAbsent(t, 'apiVersion', 'v1');
        setIfAbsent(t, 'kind', 'PersistentVolumeClaim');
        if (isObject(t.metadata)) setIfAbsent(t.metadata, 'creationTimestamp', null);
        if (isObject(t.spec)) {
          setIfAbsent(t.spec, 'volumeMode', 'Filesystem');
          canonicalizeResources(t.spec.resources);
        }
        setIfAbsent(t, 'status', { phase: 'Pending' });
      }
    }
    defaultTemplate(s.template);
  },
  DaemonSet: (o) => {
    const s = spec(o);
    if (!s) return;
    if (!isObject(s.updateStrategy)) s.updateStrategy = {};
    const us = s.updateStrategy as JsonObject;
    setIfAbsent(us, 'type', 'RollingUpdate');
    if (us.type === 'RollingUpdate') {
      if (!isObject(us.rollingUpdate)) us.rollingUpdate = {};
      setIfAbsent(us.rollingUpdate as JsonObject, 'maxUnavailable', 1);
      setIfAbsent(us.rollingUpdate as JsonObject, 'maxSurge', 0);
    }
    setIfAbsent(s, 'revisionHistoryLimit', 10);
    defaultTemplate(s.template);
  },
  Job: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'completions', 1);
    setIfAbsent(s, 'parallelism', 1);
    setIfAbsent(s, 'backoffLimit', 6);
    setIfAbsent(s, 'completionMode', 'NonIndexed');
    setIfAbsent(s, 'suspend', false);
    setIfAbsent(s, 'podReplacementPolicy', 'TerminatingOrFailed');
    defaultTemplate(s.template);
  },
  CronJob: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'concurrencyPolicy', 'Allow');
    setIfAbsent(s, 'suspend', false);
    setIfAbsent(s, 'successfulJobsHistoryLimit', 3);
    setIfAbsent(s, 'failedJobsHistoryLimit', 1);
    if (isObject(s.jobTemplate)) {
      if (!isObject(s.jobTemplate.metadata)) s.jobTemplate.metadata = {};
      setIfAbsent(s.jobTemplate.metadata as JsonObject, 'creationTimestamp', null);
      if (isObject(s.jobTemplate.spec)) defaultTemplate(s.jobTemplate.spec.template);
    }
  },
  Service: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'type', 'ClusterIP');
    setIfAbsent(s, 'sessionAffinity', 'None');
    if (Array.isArray(s.ports)) {
      for (const p of s.ports) {
        if (!isObject(p)) continue;
        setIfAbsent(p, 'protocol', 'TCP');
        // A zero targetPort (0 or "") means "the same as port", as for an absent one.
        if (s.type !== 'ExternalName' && (p.targetPort === undefined || p.targetPort === null || p.targetPort === 0 || p.targetPort === '')) p.targetPort = p.port ?? null;
      }
    }
    if (s.type !== 'ExternalName') setIfAbsent(s, 'internalTrafficPolicy', 'Cluster');
    if (s.type === 'NodePort' || s.type === 'LoadBalancer') setIfAbsent(s, 'externalTrafficPolicy', 'Cluster');
    if (s.type === 'LoadBalancer') setIfAbsent(s, 'allocateLoadBalancerNodePorts', true);
    if (s.sessionAffinity === 'ClientIP') {
      setIfAbsent(s, 'sessionAffinityConfig', { clientIP: { timeoutSeconds: 10800 } });
    }
  },
  Namespace: (o) => {
    if (!isObject(o.metadata)) return;
    const labels = isObject(o.metadata.labels) ? o.metadata.labels : {};
    if (typeof o.metadata.name === 'string') labels['kubernetes.io/metadata.name'] = o.metadata.name;
    o.metadata.labels = labels;
  },
  Secret: (o) => {
    setIfAbsent(o, 'type', 'Opaque');
    if (isObject(o.stringData)) {
      const data = isObject(o.data) ? o.data : {};
      for (const [k, v] of Object.entries(o.stringData)) data[k] = Buffer.from(String(v ?? ''), 'utf8').toString('base64');
      o.data = data;
    }
    delete o.stringData;
  },
  PersistentVolumeClaim: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'volumeMode', 'Filesystem');
    canonicalizeResources(s.resources);
  },
  HorizontalPodAutoscaler: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'minReplicas', 1);
    if (!Array.isArray(s.metrics) || s.metrics.length === 0) {
      s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    }
    if (!isObject(s.behavior)) s.behavior = {};
    const b = s.behavior as JsonObject;
    if (!isObject(b.scaleUp)) b.scaleUp = {};
    if (!isObject(b.scaleDown)) b.scaleDown = {};
    const up = b.scaleUp as JsonObject;
    const down = b.scaleDown as JsonObject;
    setIfAbsent(up, 'stabilizationWindowSeconds', 0);
    setIfAbsent(up, 'selectPolicy', 'Max');
    setIfAbsent(up, 'policies', [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ]);
    setIfAbsent(down, 'selectPolicy', 'Max');
    setIfAbsent(down, 'policies', [{ type: 'Percent', value: 100, periodSeconds: 15 }]);
  },
  RoleBinding: (o) => defaultSubjects(o),
  ClusterRoleBinding: (o) => defaultSubjects(o),
  CustomResourceDefinition: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'conversion', { strategy: 'None' });
    if (isObject(s.names)) {
      setIfAbsent(s.names, 'singular', typeof s.names.kind === 'string' ? s.names.kind.toLowerCase() : '');
      setIfAbsent(s.names, 'listKind', `${String(s.names.kind)}List`);
    }
  },
  NetworkPolicy: (o) => {
    const s = spec(o);
    if (!s) return;
    for (const dir of ['ingress', 'egress']) {
      const rules = s[dir];
      if (!Array.isArray(rules)) continue;
      for (const r of rules) {
        if (!isObject(r) || !Array.isArray(r.ports)) continue;
        for (const p of r.ports) if (isObject(p)) setIfAbsent(p, 'protocol', 'TCP');
      }
    }
    if (!Array.isArray(s.policyTypes) || s.policyTypes.length === 0) {
      s.policyTypes = Array.isArray(s.egress) && s.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
    }
  },
  Ingress: () => undefined,
  PriorityClass: (o) => setIfAbsent(o, 'preemptionPolicy', 'PreemptLowerPriority'),
  StorageClass: (o) => {
    setIfAbsent(o, 'reclaimPolicy', 'Delete');
    setIfAbsent(o, 'volumeBindingMode', 'Immediate');
  },
  PersistentVolume: (o) => {
    const s = spec(o);
    if (!s) return;
    setIfAbsent(s, 'persistentVolumeReclaimPolicy', 'Retain');
    setIfAbsent(s, 'volumeMode', 'Filesystem');
    canonicalizeResources({ limits: s.capacity ?? {} });
  },
  MutatingWebhookConfiguration: (o) => defaultWebhooks(o, true),
  ValidatingWebhookConfiguration: (o) => defaultWebhooks(o, false),
};

function defaultWebhooks(o: JsonObject, mutating: boolean): void {
  if (!Array.isArray(o.webhooks)) return;
  for (const w of o.webhooks) {
    if (!isObject(w)) continue;
    setIfAbsent(w, 'failurePolicy', 'Fail');
    setIfAbsent(w, 'matchPolicy', 'Equivalent');
    setIfAbsent(w, 'namespaceSelector', {});
    setIfAbsent(w, 'objectSelector', {});
    setIfAbsent(w, 'timeoutSeconds', 10);
    if (mutating) setIfAbsent(w, 'reinvocationPolicy', 'Never');
    if (isObject(w.clientConfig) && isObject(w.clientConfig.service)) setIfAbsent(w.clientConfig.service, 'port', 443);
    if (Array.isArray(w.rules)) for (const r of w.rules) if (isObject(r)) setIfAbsent(r, 'scope', '*');
  }
}

function defaultSubjects(o: JsonObject): void {
  if (!Array.isArray(o.subjects)) return;
  for (const s of o.subjects) {
    if (!isObject(s)) continue;
    // A ServiceAccount's apiGroup defaults to "", which the omitempty tag then leaves out.
    if (s.apiGroup === '') delete s.apiGroup;
    if (s.kind === 'User' || s.kind === 'Group') setIfAbsent(s, 'apiGroup', 'rbac.authorization.k8s.io');
  }
}

/** Applies the decode-time defaults of a built-in kind, in place. */
export function applyDefaults(kind: string, obj: JsonObject): void {
  RULES[kind]?.(obj);
}
