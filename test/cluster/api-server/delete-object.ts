// DELETE: preconditions, finalizers, namespace termination and propagation to owned objects
// (Background and Foreground delete dependents, Orphan strips their ownerReferences).
import { timestamp } from './object-lifecycle.js';
import { groupVersion, storageKey, type ResourceRegistry, type ResourceType } from './resource-registry.js';
import type { ServerContext } from './server-context.js';
import { conflict, notFound } from './status-errors.js';
import { isObject, type JsonObject, type KubeObject } from './types.js';

export interface DeleteOptions {
  dryRun: boolean;
  propagationPolicy?: string;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export interface DeleteResult {
  /** The object as it was deleted, or as it is now while finalizers hold it. */
  object: KubeObject;
  finished: boolean;
}

/** Kinds whose DELETE answers with the object itself rather than a Success Status. */
const RETURNS_OBJECT = new Set(['Pod', 'Namespace', 'Service', 'PersistentVolumeClaim', 'Secret', 'ConfigMap', 'ServiceAccount']);

export function deleteResponse(rt: ResourceType, result: DeleteResult): JsonObject {
  if (!result.finished || RETURNS_OBJECT.has(rt.kind) || !rt.modelName) return result.object;
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: String(result.object.metadata.name ?? ''), group: rt.group || undefined, kind: rt.plural, uid: String(result.object.metadata.uid ?? '') } as never,
  };
}

export function deleteObject(ctx: ServerContext, rt: ResourceType, namespace: string, name: string, opts: DeleteOptions): DeleteResult {
  const key = storageKey(rt);
  const ns = rt.namespaced ? namespace : '';
  const live = ctx.store.get(key, ns, name);
  if (!live) throw notFound(rt.plural, rt.group, name);
  live.apiVersion = groupVersion(rt);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== live.metadata.uid) {
    throw conflict(rt.plural, rt.group, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(live.metadata.uid)}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== live.metadata.resourceVersion) {
    throw conflict(rt.plural, rt.group, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${String(live.metadata.resourceVersion)}`);
  }
  if (opts.dryRun) return { object: live, finished: true };
  if (rt.kind === 'Namespace') return { object: terminateNamespace(ctx, live), finished: false };
  const finalizers = live.metadata.finalizers;
  if (Array.isArray(finalizers) && finalizers.length > 0) {
    if (!live.metadata.deletionTimestamp) {
      live.metadata.deletionTimestamp = timestamp();
      live.metadata.deletionGracePeriodSeconds = 0;
      // Marking an object for deletion bumps its generation, as rest.BeforeDelete does.
      if (typeof live.metadata.generation === 'number' && live.metadata.generation > 0) live.metadata.generation += 1;
      return { object: ctx.store.put(key, live, 'MODIFIED'), finished: false };
    }
    return { object: live, finished: false };
  }
  const policy = opts.propagationPolicy ?? 'Background';
  const uid = String(live.metadata.uid);
  if (policy === 'Orphan') orphanDependents(ctx, uid);
  if (policy === 'Foreground') deleteDependents(ctx, uid);
  const gone = ctx.store.remove(key, ns, name) ?? live;
  gone.apiVersion = groupVersion(rt);
  return { object: gone, finished: true };
}

function dependentsOf(ctx: ServerContext, uid: string): { resource: string; object: KubeObject }[] {
  return ctx.store.listAll().filter(({ object }) => {
    const refs = object.metadata.ownerReferences;
    return Array.isArray(refs) && refs.some((r) => isObject(r) && r.uid === uid);
  });
}

/** Deletes every object owned by uid, recursively (the garbage collector's work). */
export function deleteDependents(ctx: ServerContext, uid: string): void {
  for (const { resource, object } of dependentsOf(ctx, uid)) {
    const ns = String(object.metadata.namespace ?? '');
    const name = String(object.metadata.name);
    deleteDependents(ctx, String(object.metadata.uid));
    ctx.store.remove(resource, ns, name);
  }
}

function orphanDependents(ctx: ServerContext, uid: string): void {
  for (const { resource, object } of dependentsOf(ctx, uid)) {
    const refs = (object.metadata.ownerReferences as JsonObject[]).filter((r) => r.uid !== uid);
    if (refs.length) object.metadata.ownerReferences = refs;
    else delete object.metadata.ownerReferences;
    ctx.store.put(resource, object, 'MODIFIED');
  }
}

/** A namespace goes Terminating, its contents are deleted, then it disappears. */
function terminateNamespace(ctx: ServerContext, ns: KubeObject): KubeObject {
  const name = String(ns.metadata.name);
  ns.metadata.deletionTimestamp = timestamp();
  ns.status = { phase: 'Terminating' };
  const terminating = ctx.store.put('/namespaces', ns, 'MODIFIED');
  terminating.apiVersion = 'v1';
  for (const { resource, object } of ctx.store.listAll()) {
    if (object.metadata.namespace === name) ctx.store.remove(resource, name, String(object.metadata.name));
  }
  ctx.store.remove('/namespaces', '', name);
  return terminating;
}

/** The garbage collector: when an owner disappears, its dependents follow (Background propagation). */
export function startGarbageCollector(ctx: ServerContext, registry: ResourceRegistry): () => void {
  void registry;
  return ctx.store.subscribe((e) => {
    if (e.type !== 'DELETED') return;
    const uid = String(e.object.metadata.uid ?? '');
    if (!uid) return;
    setImmediate(() => deleteDependents(ctx, uid));
  });
}
