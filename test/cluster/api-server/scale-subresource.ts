// The scale subresource (autoscaling/v1 Scale) of Deployments, StatefulSets and ReplicaSets.
import { patchDocument, patchTypeOf } from './handle-patch.js';
import type { ResourceType } from './resource-registry.js';
import { labelSelectorString } from './selectors.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { badRequest, conflict, STALE_OBJECT_MESSAGE } from './status-errors.js';
import { deepClone, getPath, isObject, type JsonObject, type KubeObject } from './types.js';
import { getLive, updateObject } from './write-pipeline.js';

export function scaleOf(obj: KubeObject): JsonObject {
  const m = obj.metadata;
  const status: JsonObject = { replicas: Number(getPath(obj, ['status', 'replicas']) ?? 0) };
  const selector = labelSelectorString(getPath(obj, ['spec', 'selector']));
  if (selector) status.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name ?? '', namespace: m.namespace ?? '', uid: m.uid ?? '', resourceVersion: m.resourceVersion ?? '', creationTimestamp: m.creationTimestamp ?? null },
    spec: { replicas: Number(getPath(obj, ['spec', 'replicas']) ?? 0) },
    status,
  };
}

function writeScale(ctx: ServerContext, rt: ResourceType, live: KubeObject, scale: JsonObject, opts: WriteOptions): JsonObject {
  const meta = isObject(scale.metadata) ? scale.metadata : {};
  if (meta.resourceVersion && meta.resourceVersion !== live.metadata.resourceVersion) {
    throw conflict(rt.plural, rt.group, String(live.metadata.name), STALE_OBJECT_MESSAGE);
  }
  const replicas = getPath(scale, ['spec', 'replicas']);
  if (typeof replicas !== 'number') throw badRequest('spec.replicas: Required value');
  const next = deepClone(live);
  if (!isObject(next.spec)) next.spec = {};
  (next.spec as JsonObject).replicas = replicas;
  const updated = updateObject(ctx, rt, live, next, 'scale', opts, false);
  return scaleOf(updated);
}

export function updateScale(ctx: ServerContext, rt: ResourceType, namespace: string, name: string, body: JsonObject, opts: WriteOptions): JsonObject {
  return writeScale(ctx, rt, getLive(ctx, rt, namespace, name), body, opts);
}

export function patchScale(ctx: ServerContext, rt: ResourceType, namespace: string, name: string, contentType: string | undefined, body: string, opts: WriteOptions): JsonObject {
  const live = getLive(ctx, rt, namespace, name);
  const type = patchTypeOf(contentType);
  if (!type || type === 'apply') throw badRequest('unsupported patch type for the scale subresource');
  const scale = scaleOf(live);
  const patched = patchDocument(ctx, { ...rt, modelName: 'V1Scale' }, type, scale, JSON.parse(body));
  return writeScale(ctx, rt, live, patched, opts);
}
