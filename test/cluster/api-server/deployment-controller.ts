// A tiny stand-in for kube-controller-manager's deployment controller: every Deployment becomes
// available at once; status and the revision annotation follow spec changes, written through the
// status subresource under the manager "kube-controller-manager", as the real controller does.
import { safeHash, timestamp } from './object-lifecycle.js';
import type { ResourceType } from './resource-registry.js';
import type { ServerContext } from './server-context.js';
import { deepClone, deepEqual, isObject, type JsonObject, type KubeObject } from './types.js';
import { updateObject } from './write-pipeline.js';

const KEY = 'apps/deployments';
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

export function startDeploymentController(ctx: ServerContext): () => void {
  const revisions = new Map<string, Map<string, number>>();
  const pending = new Set<string>();
  let stopped = false;

  const reconcile = (namespace: string, name: string) => {
    const rt = ctx.registry.find('apps', 'v1', 'deployments');
    const live = ctx.store.get(KEY, namespace, name);
    if (!rt || !live || live.metadata.deletionTimestamp) return;
    const next = desiredState(rt, live, revisions);
    if (!next) return;
    try {
      updateObject(ctx, rt, live, next, 'status', { manager: 'kube-controller-manager', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] }, false);
    } catch {
      // A concurrent write won the race; the event it produced schedules another pass.
    }
  };

  const unsubscribe = ctx.store.subscribe((e) => {
    if (e.resource !== KEY || stopped) return;
    if (e.type === 'DELETED') {
      revisions.delete(String(e.object.metadata.uid));
      return;
    }
    const id = `${e.namespace}/${String(e.object.metadata.name)}`;
    if (pending.has(id)) return;
    pending.add(id);
    setImmediate(() => {
      pending.delete(id);
      if (!stopped) reconcile(e.namespace, String(e.object.metadata.name));
    });
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}

function desiredState(rt: ResourceType, live: KubeObject, revisions: Map<string, Map<string, number>>): KubeObject | undefined {
  void rt;
  const uid = String(live.metadata.uid);
  const spec = isObject(live.spec) ? live.spec : {};
  const hash = safeHash(spec.template);
  let known = revisions.get(uid);
  if (!known) {
    known = new Map();
    const current = Number((isObject(live.metadata.annotations) ? live.metadata.annotations[REVISION_ANNOTATION] : undefined) ?? 0);
    if (current > 0) known.set(hash, current);
    revisions.set(uid, known);
  }
  let revision = known.get(hash);
  if (revision === undefined) {
    revision = Math.max(0, ...known.values()) + 1;
    known.set(hash, revision);
  }
  const next = deepClone(live);
  const annotations = isObject(next.metadata.annotations) ? next.metadata.annotations : {};
  annotations[REVISION_ANNOTATION] = String(revision);
  next.metadata.annotations = annotations;
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const old = isObject(live.status) ? live.status : {};
  const status: JsonObject = { observedGeneration: Number(live.metadata.generation ?? 1) };
  if (replicas > 0) Object.assign(status, { replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas });
  const rsName = `${String(live.metadata.name)}-${hash}`;
  status.conditions = [
    condition(old, 'Available', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
    condition(old, 'Progressing', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`),
  ];
  next.status = status;
  if (deepEqual(next.status, live.status) && deepEqual(next.metadata.annotations, live.metadata.annotations)) return undefined;
  return next;
}

function condition(old: JsonObject, type: string, reason: string, message: string): JsonObject {
  const previous = Array.isArray(old.conditions) ? old.conditions.find((c) => isObject(c) && c.type === type) : undefined;
  const now = timestamp();
  if (isObject(previous) && previous.status === 'True' && previous.reason === reason && previous.message === message) return deepClone(previous);
  return {
    type,
    status: 'True',
    lastUpdateTime: now,
    lastTransitionTime: isObject(previous) && previous.status === 'True' ? (previous.lastTransitionTime ?? now) : now,
    reason,
    message,
  };
}
