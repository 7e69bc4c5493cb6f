// Defaults the API server fills into pod specs and containers (pkg/apis/core/v1/defaults.go).
import { canonicalQuantity } from './quantity.js';
import { isObject, type JsonObject, type JsonValue } from './types.js';

function setIfAbsent(obj: JsonObject, key: string, value: JsonValue): void {
  if (obj[key] === undefined || obj[key] === null) obj[key] = value;
}

function imagePullPolicyFor(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagAt = image.indexOf(':', lastSlash + 1);
  const tag = tagAt >= 0 ? image.slice(tagAt + 1) : '';
  return tag === '' || tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: JsonValue | undefined): void {
  if (!isObject(probe)) return;
  setIfAbsent(probe, 'timeoutSeconds', 1);
  setIfAbsent(probe, 'periodSeconds', 10);
  setIfAbsent(probe, 'successThreshold', 1);
  setIfAbsent(probe, 'failureThreshold', 3);
  if (isObject(probe.httpGet)) setIfAbsent(probe.httpGet, 'scheme', 'HTTP');
  if (isObject(probe.grpc)) setIfAbsent(probe.grpc, 'service', '');
}

export function canonicalizeResources(resources: JsonValue | undefined): void {
  if (!isObject(resources)) return;
  for (const part of ['limits', 'requests']) {
    const m = resources[part];
    if (!isObject(m)) continue;
    for (const [k, v] of Object.entries(m)) if (typeof v === 'string' || typeof v === 'number') m[k] = canonicalQuantity(v);
  }
}

/** Pods (not templates) get requests defaulted to their limits. */
function defaultRequestsToLimits(c: JsonValue): void {
  if (!isObject(c) || !isObject(c.resources) || !isObject(c.resources.limits)) return;
  const limits = c.resources.limits;
  if (Object.keys(limits).length === 0) return;
  const req = isObject(c.resources.requests) ? c.resources.requests : {};
  for (const [k, v] of Object.entries(limits)) if (req[k] === undefined) req[k] = v;
  c.resources.requests = req;
}

function defaultContainer(c: JsonValue): void {
  if (!isObject(c)) return;
  if (typeof c.image === 'string') setIfAbsent(c, 'imagePullPolicy', imagePullPolicyFor(c.image));
  setIfAbsent(c, 'terminationMessagePath', '/dev/termination-log');
  setIfAbsent(c, 'terminationMessagePolicy', 'File');
  setIfAbsent(c, 'resources', {});
  canonicalizeResources(c.resources);
  if (Array.isArray(c.ports)) for (const p of c.ports) if (isObject(p)) setIfAbsent(p, 'protocol', 'TCP');
  if (Array.isArray(c.env)) {
    for (const e of c.env) {
      if (isObject(e) && isObject(e.valueFrom) && isObject(e.valueFrom.fieldRef)) setIfAbsent(e.valueFrom.fieldRef, 'apiVersion', 'v1');
    }
  }
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
}

function defaultVolume(v: JsonValue): void {
  if (!isObject(v)) return;
  for (const source of ['configMap', 'secret', 'projected', 'downwardAPI']) {
    if (isObject(v[source])) setIfAbsent(v[source], 'defaultMode', 420);
  }
  if (isObject(v.hostPath)) setIfAbsent(v.hostPath, 'type', '');
  if (isObject(v.emptyDir) && v.emptyDir.sizeLimit !== undefined && v.emptyDir.sizeLimit !== null) {
    v.emptyDir.sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit as string);
  }
}

/** Defaults of a PodSpec, wherever it appears (pods and every pod template). */
export function defaultPodSpec(spec: JsonValue | undefined): void {
  if (!isObject(spec)) return;
  setIfAbsent(spec, 'restartPolicy', 'Always');
  setIfAbsent(spec, 'terminationGracePeriodSeconds', 30);
  setIfAbsent(spec, 'dnsPolicy', 'ClusterFirst');
  setIfAbsent(spec, 'securityContext', {});
  setIfAbsent(spec, 'schedulerName', 'default-scheduler');
  if (typeof spec.serviceAccount === 'string' && spec.serviceAccountName === undefined) spec.serviceAccountName = spec.serviceAccount;
  // The v1 conversion writes the deprecated alias from serviceAccountName, in pods and pod templates alike.
  if (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName !== '') spec.serviceAccount = spec.serviceAccountName;
  for (const list of ['containers', 'initContainers']) {
    const cs = spec[list];
    if (Array.isArray(cs)) cs.forEach(defaultContainer);
  }
  if (Array.isArray(spec.volumes)) spec.volumes.forEach(defaultVolume);
}

/** Defaults and admission-time fields of a bare Pod (templates do not get these). */
export function defaultPod(pod: JsonObject): void {
  if (!isObject(pod.spec)) return;
  defaultPodSpec(pod.spec);
  setIfAbsent(pod.spec, 'enableServiceLinks', true);
  for (const list of ['containers', 'initContainers']) {
    const cs = pod.spec[list];
    if (Array.isArray(cs)) cs.forEach(defaultRequestsToLimits);
  }
}

/** The token volume the ServiceAccount admission plugin mounts into every container. */
function addServiceAccountVolume(spec: JsonObject, suffix: string): void {
  if (spec.automountServiceAccountToken === false) return;
  const name = `kube-api-access-${suffix}`;
  const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  });
  spec.volumes = volumes;
  for (const list of ['containers', 'initContainers']) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    for (const c of cs) {
      if (!isObject(c)) continue;
      const mounts = Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      if (mounts.some((m) => isObject(m) && m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount')) continue;
      mounts.push({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name, readOnly: true });
      c.volumeMounts = mounts;
    }
  }
}

/** The QoS class the registry records: Guaranteed, Burstable or BestEffort. */
export function qosClassOf(spec: JsonObject): string {
  const containers = Array.isArray(spec.containers) ? spec.containers.filter(isObject) : [];
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const r = isObject(c.resources) ? c.resources : {};
    const limits = isObject(r.limits) ? r.limits : {};
    const requests = isObject(r.requests) ? r.requests : {};
    if (Object.keys(limits).length || Object.keys(requests).length) any = true;
    for (const k of ['cpu', 'memory']) if (limits[k] === undefined || limits[k] !== requests[k]) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** What the ServiceAccount, Priority and DefaultTolerationSeconds admission plugins add to a new Pod. */
export function admitPod(pod: JsonObject, suffix: string): void {
  if (!isObject(pod.spec)) return;
  addServiceAccountVolume(pod.spec, suffix);
  setIfAbsent(pod.spec, 'serviceAccountName', 'default');
  setIfAbsent(pod.spec, 'serviceAccount', pod.spec.serviceAccountName as string);
  setIfAbsent(pod.spec, 'priority', 0);
  setIfAbsent(pod.spec, 'preemptionPolicy', 'PreemptLowerPriority');
  if (!Array.isArray(pod.spec.tolerations)) pod.spec.tolerations = [];
  const tolerations = pod.spec.tolerations as JsonValue[];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerations.some((t) => isObject(t) && t.key === key)) {
      tolerations.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
}
