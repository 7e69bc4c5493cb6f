// What the registry of each kind does around a write (PrepareForCreate/PrepareForUpdate): system metadata,
// status reset, generation, cluster IPs, namespace finalizers, job selectors.
import { createHash, randomUUID } from 'node:crypto';
import type { ResourceType } from './resource-registry.js';
import { qosClassOf } from './defaults-pod.js';
import { deepClone, deepEqual, isObject, type JsonObject, type KubeObject } from './types.js';
import { zeroObject } from './zero-objects.js';

const NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_CHARS[Math.floor(Math.random() * NAME_CHARS.length)];
  return s;
}

/** A stable short hash in the alphabet Kubernetes uses for generated names (pod-template-hash). */
export function safeHash(value: unknown, length = 10): string {
  const digest = createHash('sha256').update(canonicalJson(value)).digest();
  let s = '';
  for (let i = 0; i < length; i++) s += NAME_CHARS[(digest[i] ?? 0) % NAME_CHARS.length];
  return s;
}

/** JSON with sorted keys, so equal objects hash equally whatever their key order. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z');
}

export class IpAllocator {
  private next = 10;
  private nodePort = 30000;
  clusterIP(): string {
    const n = this.next++;
    return `10.96.${Math.floor(n / 250)}.${(n % 250) + 1}`;
  }
  port(): number {
    return this.nodePort++;
  }
}

function zeroStatus(rt: ResourceType): JsonObject | undefined {
  const zero = zeroObject(rt.kind, Boolean(rt.modelName));
  return isObject(zero.status) ? zero.status : undefined;
}

export function prepareForCreate(rt: ResourceType, obj: KubeObject, ips: IpAllocator): void {
  const m = obj.metadata;
  m.uid = randomUUID();
  m.creationTimestamp = timestamp();
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  if (rt.hasGeneration || !rt.modelName) m.generation = 1;
  else delete m.generation;
  if (rt.hasStatus) {
    const status = zeroStatus(rt);
    if (status && Object.keys(status).length > 0) obj.status = status;
    else if (rt.modelName) obj.status = {};
    else delete obj.status;
  }
  const spec = isObject(obj.spec) ? obj.spec : undefined;
  switch (rt.kind) {
    case 'Namespace':
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      break;
    case 'PersistentVolumeClaim':
      obj.status = { phase: 'Pending' };
      break;
    case 'Pod':
      obj.status = { phase: 'Pending', qosClass: spec ? qosClassOf(spec) : 'BestEffort' };
      break;
    case 'Service':
      if (spec) allocateService(spec, ips);
      break;
    case 'Job':
      if (spec) selectJobPods(obj, spec);
      break;
    case 'CustomResourceDefinition':
      if (spec) obj.status = crdStatus(spec);
      break;
  }
}

function allocateService(spec: JsonObject, ips: IpAllocator): void {
  if (spec.type === 'ExternalName') return;
  if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = ips.clusterIP();
  spec.clusterIPs = [spec.clusterIP as string];
  if (spec.clusterIP !== 'None' || spec.ipFamilies === undefined) spec.ipFamilies = ['IPv4'];
  if (spec.ipFamilyPolicy === undefined) spec.ipFamilyPolicy = 'SingleStack';
  if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && Array.isArray(spec.ports)) {
    for (const p of spec.ports) if (isObject(p) && p.nodePort === undefined) p.nodePort = ips.port();
  }
}

function selectJobPods(job: KubeObject, spec: JsonObject): void {
  const uid = String(job.metadata.uid);
  const name = String(job.metadata.name);
  if (spec.manualSelector === true) return;
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  if (!isObject(spec.template)) return;
  if (!isObject(spec.template.metadata)) spec.template.metadata = {};
  const tm = spec.template.metadata as JsonObject;
  const labels = isObject(tm.labels) ? tm.labels : {};
  Object.assign(labels, {
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
    'controller-uid': uid,
    'job-name': name,
  });
  tm.labels = labels;
}

/** The registry records the storage version; the naming and establishing controllers fill in the rest. */
function crdStatus(spec: JsonObject): JsonObject {
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  const storage = versions.find((v) => v.storage === true)?.name;
  return { acceptedNames: { plural: '', kind: '' }, storedVersions: storage ? [storage] : [] };
}

/** Keeps what an update may not change, and bumps generation when the desired state changed. */
/** Allocated values survive updates; node ports follow the service type, as the service registry does. */
function updateServiceAllocations(old: JsonObject, spec: JsonObject, ips: IpAllocator): void {
  if (spec.type !== 'ExternalName') {
    for (const k of ['clusterIP', 'clusterIPs', 'ipFamilies', 'ipFamilyPolicy']) {
      if (spec[k] === undefined && old[k] !== undefined) spec[k] = deepClone(old[k]) as never;
    }
  }
  const ports = Array.isArray(spec.ports) ? spec.ports.filter(isObject) : [];
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const previous = Array.isArray(old.ports) ? old.ports.filter(isObject) : [];
    for (const p of ports) {
      if (p.nodePort !== undefined) continue;
      const same = previous.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      p.nodePort = typeof same?.nodePort === 'number' ? same.nodePort : ips.port();
    }
  } else {
    for (const p of ports) delete p.nodePort;
    delete spec.externalTrafficPolicy;
    delete spec.allocateLoadBalancerNodePorts;
  }
}

export function prepareForUpdate(rt: ResourceType, old: KubeObject, obj: KubeObject, subresource: string, ips: IpAllocator): void {
  const m = obj.metadata;
  for (const k of ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
    if (old.metadata[k] !== undefined) m[k] = old.metadata[k] as never;
    else delete m[k];
  }
  if (subresource === '' && rt.hasStatus) {
    if (old.status !== undefined) obj.status = deepClone(old.status);
    else delete obj.status;
  }
  if (rt.kind === 'Service' && isObject(obj.spec) && isObject(old.spec)) updateServiceAllocations(old.spec, obj.spec, ips);
  if (rt.kind === 'Namespace') obj.spec = deepClone(old.spec ?? { finalizers: ['kubernetes'] });
  if (m.generation !== undefined && generationChanged(rt, old, obj)) m.generation = Number(old.metadata.generation ?? 0) + 1;
}

function generationChanged(rt: ResourceType, old: KubeObject, obj: KubeObject): boolean {
  if (rt.modelName) return !deepEqual(old.spec, obj.spec);
  // Custom resources: anything but metadata and status is the desired state.
  const strip = (o: KubeObject) => {
    const c = deepClone(o) as JsonObject;
    delete c.metadata;
    if (rt.hasStatus) delete c.status;
    return c;
  };
  return !deepEqual(strip(old), strip(obj));
}

/** What a status subresource write may change: status, and for apps kinds the annotations. */
export function mergeStatusWrite(rt: ResourceType, old: KubeObject, written: KubeObject): KubeObject {
  const out = deepClone(old);
  if (written.status !== undefined) out.status = deepClone(written.status);
  else delete out.status;
  if (rt.group === 'apps' || !rt.modelName) {
    if (written.metadata.annotations !== undefined) out.metadata.annotations = deepClone(written.metadata.annotations);
    else delete out.metadata.annotations;
  }
  if (written.metadata.managedFields !== undefined) out.metadata.managedFields = deepClone(written.metadata.managedFields);
  out.metadata.resourceVersion = written.metadata.resourceVersion ?? old.metadata.resourceVersion ?? '';
  return out;
}
