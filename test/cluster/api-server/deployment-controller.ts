// A tiny stand-in for kube-controller-manager's deployment controller: each pod template gets a
// ReplicaSet "<name>-<hash>" owned by the Deployment, the revision lives on the ReplicaSets (so rollout
// history and undo work), every ReplicaSet is immediately "ready" (no pods are run), and the Deployment's
// status and revision annotation are written through the status subresource as kube-controller-manager.
import { safeHash, timestamp } from './object-lifecycle.js';
import type { ResourceType } from './resource-registry.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { deepClone, deepEqual, isObject, type JsonObject, type KubeObject } from './types.js';
import { recordEvent } from './events.js';
import { labelSelectorMatches } from './selectors.js';
import { createObject, updateObject } from './write-pipeline.js';
import { createCoalescingQueue } from './coalescing-queue.js';

const DEPLOYMENTS = 'apps/deployments';
const REPLICASETS = 'apps/replicasets';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const DESIRED_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
const MAX_ANNOTATION = 'deployment.kubernetes.io/max-replicas';

const AS_CONTROLLER: WriteOptions = { manager: 'kube-controller-manager', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] };

export function startDeploymentController(ctx: ServerContext): () => void {
  const queue = createCoalescingQueue<{ namespace: string; name: string }>(({ namespace, name }) => reconcile(ctx, namespace, name));
  const unsubscribe = ctx.store.subscribe((e) => {
    if (e.resource !== DEPLOYMENTS || e.type === 'DELETED') return;
    const name = String(e.object.metadata.name);
    queue.add(`${e.namespace}/${name}`, { namespace: e.namespace, name });
  });
  return () => {
    queue.stop();
    unsubscribe();
  };
}

function revisionOf(o: KubeObject): number {
  const a = o.metadata.annotations;
  return Number((isObject(a) ? a[REVISION_ANNOTATION] : undefined) ?? 0) || 0;
}

function maxSurge(d: JsonObject, replicas: number): number {
  const strategy = isObject(d.strategy) ? d.strategy : {};
  const ru = isObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const surge = ru.maxSurge ?? '25%';
  if (typeof surge === 'number') return surge;
  const pct = /^(\d+)%$/.exec(String(surge));
  return pct ? Math.ceil((replicas * Number(pct[1])) / 100) : Number(surge) || 0;
}

function reconcile(ctx: ServerContext, namespace: string, name: string): void {
  const deployRt = ctx.registry.find('apps', 'v1', 'deployments');
  const rsRt = ctx.registry.find('apps', 'v1', 'replicasets');
  const live = ctx.store.get(DEPLOYMENTS, namespace, name);
  if (!deployRt || !rsRt || !live || live.metadata.deletionTimestamp) return;
  const uid = String(live.metadata.uid);
  const spec = isObject(live.spec) ? live.spec : {};
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  adoptOrphans(ctx, rsRt, live);
  const owned = ctx.store
    .list(REPLICASETS, namespace)
    .filter((rs) => Array.isArray(rs.metadata.ownerReferences) && rs.metadata.ownerReferences.some((r) => isObject(r) && r.uid === uid && r.controller === true));
  const hash = safeHash(spec.template);
  const rsName = `${name}-${hash}`;
  const maxRevision = Math.max(0, ...owned.map(revisionOf));
  let current = owned.find((rs) => rs.metadata.name === rsName);
  if (spec.paused === true && owned.length > 0) {
    // A paused Deployment starts no rollout: the newest ReplicaSet stays the current one, and a template
    // changed while paused has no ReplicaSet, so no replica is "updated" (rollout status keeps waiting).
    const newest = owned.reduce((a, b) => (revisionOf(b) > revisionOf(a) ? b : a));
    writeDeploymentStatus(ctx, deployRt, live, revisionOf(newest), replicas, String(newest.metadata.name), { paused: true, updated: current ? replicas : 0 });
    return;
  }
  const revision = current && revisionOf(current) === maxRevision ? maxRevision : maxRevision + 1;
  const annotations = { [DESIRED_ANNOTATION]: String(replicas), [MAX_ANNOTATION]: String(replicas + maxSurge(spec, replicas)), [REVISION_ANNOTATION]: String(revision) };
  live.apiVersion = 'apps/v1';
  const scaled = (rs: string, from: number, to: number) =>
    recordEvent(ctx, live, 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs} from ${from} to ${to}`, 'deployment-controller');
  if (!current) {
    current = createObject(ctx, rsRt, namespace, newReplicaSet(live, rsName, hash, replicas, annotations), AS_CONTROLLER);
    if (replicas > 0) scaled(rsName, 0, replicas);
  } else {
    const next = deepClone(current);
    const before = isObject(current.spec) && typeof current.spec.replicas === 'number' ? current.spec.replicas : 0;
    next.metadata.annotations = { ...(isObject(next.metadata.annotations) ? next.metadata.annotations : {}), ...annotations };
    (next.spec as JsonObject).replicas = replicas;
    if (!deepEqual(next, current)) current = updateObject(ctx, rsRt, current, next, '', AS_CONTROLLER, false);
    if (before !== replicas) scaled(rsName, before, replicas);
  }
  for (const old of owned) {
    if (old.metadata.name === rsName || (isObject(old.spec) && old.spec.replicas === 0)) continue;
    const next = deepClone(old);
    const before = isObject(old.spec) && typeof old.spec.replicas === 'number' ? old.spec.replicas : 0;
    (next.spec as JsonObject).replicas = 0;
    updateObject(ctx, rsRt, old, next, '', AS_CONTROLLER, false);
    scaled(String(old.metadata.name), before, 0);
  }
  writeDeploymentStatus(ctx, deployRt, live, revision, replicas, rsName);
}

/** ReplicaSets without a controller whose labels the selector matches (left by `delete --cascade=orphan`) are adopted. */
function adoptOrphans(ctx: ServerContext, rsRt: ResourceType, d: KubeObject): void {
  const selector = isObject(d.spec) ? d.spec.selector : undefined;
  for (const rs of ctx.store.list(REPLICASETS, String(d.metadata.namespace ?? ''))) {
    const refs = Array.isArray(rs.metadata.ownerReferences) ? rs.metadata.ownerReferences : [];
    const labels = isObject(rs.metadata.labels) ? rs.metadata.labels : {};
    if (rs.metadata.deletionTimestamp || refs.some((r) => isObject(r) && r.controller === true) || !labelSelectorMatches(selector, labels)) continue;
    const next = deepClone(rs);
    next.metadata.ownerReferences = [...refs, controllerRef(d)];
    updateObject(ctx, rsRt, rs, next, '', AS_CONTROLLER, false);
  }
}

function controllerRef(d: KubeObject): JsonObject {
  return { apiVersion: 'apps/v1', kind: 'Deployment', name: String(d.metadata.name), uid: String(d.metadata.uid), controller: true, blockOwnerDeletion: true };
}

function newReplicaSet(d: KubeObject, name: string, hash: string, replicas: number, annotations: Record<string, string>): JsonObject {
  const spec = isObject(d.spec) ? d.spec : {};
  const template = deepClone(isObject(spec.template) ? spec.template : {});
  const tm = isObject(template.metadata) ? template.metadata : {};
  tm.labels = { ...(isObject(tm.labels) ? tm.labels : {}), 'pod-template-hash': hash };
  template.metadata = tm;
  const selector = deepClone(isObject(spec.selector) ? spec.selector : {});
  selector.matchLabels = { ...(isObject(selector.matchLabels) ? selector.matchLabels : {}), 'pod-template-hash': hash };
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      annotations,
      labels: deepClone(tm.labels),
      ownerReferences: [controllerRef(d)],
    },
    spec: { replicas, selector, template, ...(spec.minReadySeconds !== undefined ? { minReadySeconds: spec.minReadySeconds } : {}) },
  };
}

function writeDeploymentStatus(ctx: ServerContext, rt: ResourceType, live: KubeObject, revision: number, replicas: number, rsName: string, pause = { paused: false, updated: replicas }): void {
  const paused = pause.paused;
  const next = deepClone(live);
  const annotations = isObject(next.metadata.annotations) ? next.metadata.annotations : {};
  annotations[REVISION_ANNOTATION] = String(revision);
  next.metadata.annotations = annotations;
  const old = isObject(live.status) ? live.status : {};
  const status: JsonObject = { observedGeneration: Number(live.metadata.generation ?? 1) };
  if (replicas > 0) Object.assign(status, { replicas, ...(pause.updated > 0 ? { updatedReplicas: pause.updated } : {}), readyReplicas: replicas, availableReplicas: replicas });
  status.conditions = [
    condition(old, 'Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
    paused
      ? condition(old, 'Progressing', 'DeploymentPaused', 'Deployment is paused', 'Unknown')
      : condition(old, 'Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`),
  ];
  next.status = status;
  if (deepEqual(next.status, live.status) && deepEqual(next.metadata.annotations, live.metadata.annotations)) return;
  updateObject(ctx, rt, live, next, 'status', AS_CONTROLLER, false);
}

function condition(old: JsonObject, type: string, reason: string, message: string, status = 'True'): JsonObject {
  const previous = Array.isArray(old.conditions) ? old.conditions.find((c) => isObject(c) && c.type === type) : undefined;
  const now = timestamp();
  if (isObject(previous) && previous.status === status && previous.reason === reason && previous.message === message) return deepClone(previous);
  return {
    type,
    status,
    lastUpdateTime: now,
    lastTransitionTime: isObject(previous) && previous.status === status ? (previous.lastTransitionTime ?? now) : now,
    reason,
    message,
  };
}
