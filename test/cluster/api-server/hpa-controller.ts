// kube-controller-manager's horizontal pod autoscaler on a cluster without metrics-server: a target whose
// replicas are outside [minReplicas, maxReplicas] is scaled into the range through its scale subresource
// (as kube-controller-manager, so the HPA owns replicas from then on); inside the range the metrics are
// missing, so nothing is scaled and the status says why, as a real cluster without metrics says.
import { recordEvent } from './events.js';
import { timestamp } from './object-lifecycle.js';
import type { ResourceType } from './resource-registry.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { deepClone, deepEqual, isObject, type JsonObject, type KubeObject } from './types.js';
import { createCoalescingQueue } from './coalescing-queue.js';
import { updateObject } from './write-pipeline.js';

const HPAS = 'autoscaling/horizontalpodautoscalers';
const AS_CONTROLLER: WriteOptions = { manager: 'kube-controller-manager', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] };
const SCALABLE: Record<string, string> = { Deployment: 'apps/deployments', StatefulSet: 'apps/statefulsets', ReplicaSet: 'apps/replicasets' };

export function startHpaController(ctx: ServerContext): () => void {
  const queue = createCoalescingQueue<{ namespace: string; name: string }>(({ namespace, name }) => reconcile(ctx, namespace, name));
  const schedule = (namespace: string, name: string) => queue.add(`${namespace}/${name}`, { namespace, name });
  const unsubscribe = ctx.store.subscribe((e) => {
    if (queue.isStopped || (e.type === 'DELETED' && e.resource === HPAS)) return;
    if (e.resource === HPAS) schedule(e.namespace, String(e.object.metadata.name));
    else if (Object.values(SCALABLE).includes(e.resource)) {
      for (const hpa of ctx.store.list(HPAS, e.namespace)) {
        const ref = targetOf(hpa);
        if (SCALABLE[ref.kind] === e.resource && ref.name === e.object.metadata.name) schedule(e.namespace, String(hpa.metadata.name));
      }
    }
  });
  return () => {
    queue.stop();
    unsubscribe();
  };
}

function targetOf(hpa: KubeObject): { kind: string; name: string } {
  const ref = isObject(hpa.spec) && isObject(hpa.spec.scaleTargetRef) ? hpa.spec.scaleTargetRef : {};
  return { kind: String(ref.kind ?? ''), name: String(ref.name ?? '') };
}

function reconcile(ctx: ServerContext, namespace: string, name: string): void {
  const hpaRt = ctx.registry.find('autoscaling', 'v2', 'horizontalpodautoscalers');
  const hpa = ctx.store.get(HPAS, namespace, name);
  if (!hpaRt || !hpa || hpa.metadata.deletionTimestamp) return;
  const spec = isObject(hpa.spec) ? hpa.spec : {};
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : min;
  const ref = targetOf(hpa);
  const key = SCALABLE[ref.kind];
  const [group, plural] = (key ?? '/').split('/') as [string, string];
  const targetRt = ctx.registry.find(group, 'v1', plural);
  const target = key ? ctx.store.get(key, namespace, ref.name) : undefined;
  const old = isObject(hpa.status) ? hpa.status : {};
  if (!targetRt || !target) {
    const why = `the HPA controller was unable to get the target's current scale: ${plural || ref.kind.toLowerCase()}${group ? `.${group}` : ''} "${ref.name}" not found`;
    writeStatus(ctx, hpaRt, hpa, { currentReplicas: 0, desiredReplicas: 0, conditions: [condition(old, 'AbleToScale', 'False', 'FailedGetScale', why)] });
    return;
  }
  const current = isObject(target.spec) && typeof target.spec.replicas === 'number' ? target.spec.replicas : 1;
  let desired = current;
  const conditions: JsonObject[] = [];
  let reason = '';
  if (current === 0 && min !== 0) {
    desired = 0;
    conditions.push(condition(old, 'AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale'));
    conditions.push(condition(old, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero'));
  } else if (current > max || current < min) {
    desired = current > max ? max : min;
    reason = current > max ? 'Current number of replicas above Spec.MaxReplicas' : 'Current number of replicas below Spec.MinReplicas';
    conditions.push(condition(old, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`));
    conditions.push(condition(old, 'ScalingLimited', 'True', current > max ? 'TooManyReplicas' : 'TooFewReplicas', `the desired replica count is ${current > max ? 'more than the maximum' : 'less than the minimum'} replica count`));
  } else {
    conditions.push(condition(old, 'AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale'));
    conditions.push(condition(old, 'ScalingActive', 'False', 'FailedGetResourceMetric', 'the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API'));
  }
  const status: JsonObject = { currentReplicas: current, desiredReplicas: desired, conditions };
  if (typeof old.lastScaleTime === 'string') status.lastScaleTime = old.lastScaleTime;
  if (desired !== current) {
    const next = deepClone(target);
    (next.spec as JsonObject).replicas = desired;
    updateObject(ctx, targetRt, target, next, 'scale', AS_CONTROLLER, false);
    status.lastScaleTime = timestamp();
    recordEvent(ctx, { ...hpa, apiVersion: 'autoscaling/v2' }, 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, 'horizontal-pod-autoscaler');
  }
  writeStatus(ctx, hpaRt, hpa, status);
}

function writeStatus(ctx: ServerContext, rt: ResourceType, hpa: KubeObject, status: JsonObject): void {
  if (deepEqual(status, hpa.status)) return;
  updateObject(ctx, rt, hpa, { ...deepClone(hpa), status }, 'status', AS_CONTROLLER, false);
}

function condition(old: JsonObject, type: string, status: string, reason: string, message: string): JsonObject {
  const previous = Array.isArray(old.conditions) ? old.conditions.find((c) => isObject(c) && c.type === type) : undefined;
  const since = isObject(previous) && previous.status === status ? previous.lastTransitionTime : undefined;
  return { type, status, lastTransitionTime: typeof since === 'string' ? since : timestamp(), reason, message };
}
