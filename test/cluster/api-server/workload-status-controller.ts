// Status of the workloads other controllers own in a real cluster, on a one-node cluster where every pod
// becomes ready at once: ReplicaSets, StatefulSets, DaemonSets and Jobs (which complete immediately).
// Written through the status subresource as kube-controller-manager, like the real controllers.
import { ensureControllerRevision, revisionName } from './controller-revisions.js';
import { timestamp } from './object-lifecycle.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { deepClone, deepEqual, isObject, type JsonObject, type KubeObject } from './types.js';
import { updateObject } from './write-pipeline.js';
import { createCoalescingQueue } from './coalescing-queue.js';

const AS_CONTROLLER: WriteOptions = { manager: 'kube-controller-manager', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] };

const STATUS_OF: Record<string, (o: KubeObject, old: JsonObject) => JsonObject> = {
  'apps/replicasets': (o) => {
    const replicas = specReplicas(o);
    const status: JsonObject = { replicas };
    if (replicas > 0) Object.assign(status, { fullyLabeledReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas });
    status.observedGeneration = generation(o);
    return status;
  },
  'apps/statefulsets': (o) => {
    const replicas = specReplicas(o);
    const revision = revisionName(o);
    const status: JsonObject = { availableReplicas: replicas, collisionCount: 0, currentRevision: revision, observedGeneration: generation(o), replicas, updateRevision: revision };
    if (replicas > 0) Object.assign(status, { currentReplicas: replicas, readyReplicas: replicas, updatedReplicas: replicas });
    return status;
  },
  'apps/daemonsets': (o) => ({
    currentNumberScheduled: 1,
    desiredNumberScheduled: 1,
    numberAvailable: 1,
    numberMisscheduled: 0,
    numberReady: 1,
    observedGeneration: generation(o),
    updatedNumberScheduled: 1,
  }),
  'batch/jobs': (o, old) => {
    if (isObject(o.spec) && o.spec.suspend === true) return old;
    const completions = isObject(o.spec) && typeof o.spec.completions === 'number' ? o.spec.completions : 1;
    const start = typeof old.startTime === 'string' ? old.startTime : timestamp();
    const done = typeof old.completionTime === 'string' ? old.completionTime : timestamp();
    const cond = (type: string, reason: string, message: string): JsonObject => {
      const prev = Array.isArray(old.conditions) ? old.conditions.find((c) => isObject(c) && c.type === type) : undefined;
      return isObject(prev) ? deepClone(prev) : { type, status: 'True', lastProbeTime: done, lastTransitionTime: done, reason, message };
    };
    return {
      completionTime: done,
      conditions: [cond('SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'), cond('Complete', 'CompletionsReached', 'Reached expected number of succeeded pods')],
      ready: 0,
      startTime: start,
      succeeded: completions,
      terminating: 0,
      uncountedTerminatedPods: {},
    };
  },
};

function specReplicas(o: KubeObject): number {
  return isObject(o.spec) && typeof o.spec.replicas === 'number' ? o.spec.replicas : 1;
}

function generation(o: KubeObject): number {
  return Number(o.metadata.generation ?? 1);
}

export function startWorkloadStatusController(ctx: ServerContext): () => void {
  const queue = createCoalescingQueue<{ resource: string; namespace: string; name: string }>((key) => writeStatus(ctx, key.resource, key.namespace, key.name));
  const unsubscribe = ctx.store.subscribe((e) => {
    if (!STATUS_OF[e.resource] || e.type === 'DELETED') return;
    const name = String(e.object.metadata.name);
    queue.add(`${e.resource}/${e.namespace}/${name}`, { resource: e.resource, namespace: e.namespace, name });
  });
  return () => {
    queue.stop();
    unsubscribe();
  };
}

function writeStatus(ctx: ServerContext, resource: string, namespace: string, name: string): void {
  const statusOf = STATUS_OF[resource];
  const [group, plural] = resource.split('/') as [string, string];
  const rt = ctx.registry.all().find((r) => r.group === group && r.plural === plural);
  const live = ctx.store.get(resource, namespace, name);
  if (!statusOf || !rt || !live || live.metadata.deletionTimestamp) return;
  if (rt.kind === 'StatefulSet' || rt.kind === 'DaemonSet') {
    try {
      ensureControllerRevision(ctx, live, 'apps/v1', AS_CONTROLLER);
    } catch {
      // Lost a race; the next event retries.
    }
  }
  const old = isObject(live.status) ? live.status : {};
  const status = statusOf(live, old);
  if (deepEqual(status, live.status)) return;
  updateObject(ctx, rt, live, { ...deepClone(live), status }, 'status', AS_CONTROLLER, false);
}
