// autoscaling/v1 HorizontalPodAutoscalers served by conversion from the stored autoscaling/v2 objects
// (targetCPUUtilizationPercentage ↔ a cpu Utilization metric), as the real server converts between versions.
import { deepClone, isObject, type JsonObject, type JsonValue } from './types.js';

function cpuTarget(metrics: JsonValue | undefined): number | undefined {
  if (!Array.isArray(metrics)) return undefined;
  for (const m of metrics) {
    if (!isObject(m) || m.type !== 'Resource' || !isObject(m.resource) || m.resource.name !== 'cpu') continue;
    const t = m.resource.target;
    if (isObject(t) && t.type === 'Utilization' && typeof t.averageUtilization === 'number') return t.averageUtilization;
  }
  return undefined;
}

export function hpaV1ToV2(v1: JsonObject): JsonObject {
  const out = deepClone(v1);
  out.apiVersion = 'autoscaling/v2';
  const spec = isObject(out.spec) ? out.spec : undefined;
  if (spec) {
    const target = spec.targetCPUUtilizationPercentage;
    delete spec.targetCPUUtilizationPercentage;
    if (typeof target === 'number') spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: target } } }];
  }
  const status = isObject(out.status) ? out.status : undefined;
  if (status) delete status.currentCPUUtilizationPercentage;
  return out;
}

export function hpaV2ToV1(v2: JsonObject): JsonObject {
  const out = deepClone(v2);
  out.apiVersion = 'autoscaling/v1';
  const spec = isObject(out.spec) ? out.spec : undefined;
  if (spec) {
    const target = cpuTarget(spec.metrics);
    delete spec.metrics;
    delete spec.behavior;
    if (target !== undefined) spec.targetCPUUtilizationPercentage = target;
  }
  const status = isObject(out.status) ? out.status : undefined;
  if (status) {
    delete status.currentMetrics;
    delete status.conditions;
    if (status.currentReplicas === undefined) status.currentReplicas = 0;
  }
  return out;
}
