// The write path shared by create, update, every patch type and server-side apply: decode (defaults,
// unknown fields), field manager, registry preparation, validation, optimistic concurrency, storage.
import { mergeApplied, removeFieldPath } from './apply-merge.js';
import { applyDefaults } from './defaults-kinds.js';
import { admitPod } from './defaults-pod.js';
import { FieldSet, fieldSetOf } from './field-set.js';
import { recordApply, recordUpdate, type ManagerIdentity } from './managed-fields.js';
import { mergeStatusWrite, prepareForCreate, prepareForUpdate, randomSuffix } from './object-lifecycle.js';
import { groupVersion, storageKey, type ResourceType } from './resource-registry.js';
import { roundTripBuiltin } from './round-trip.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { applyCrdDefaults, validateCustomResource } from './crd-structural.js';
import { alreadyExists, ApiError, badRequest, conflict, invalid, notFound, STALE_OBJECT_MESSAGE } from './status-errors.js';
import { deepClone, deepEqual, isObject, type JsonObject, type KubeObject } from './types.js';
import { validateObject } from './validation.js';
import { decodeErrorText, findTypeMismatch } from './type-check.js';
import { zeroObject } from './zero-objects.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Fields whose changes a write through this endpoint does not record (the registry's reset fields). */
export function ignoredFields(rt: ResourceType, subresource: string): FieldSet {
  if (!rt.hasStatus) return new FieldSet();
  if (subresource === 'status') return fieldSetOf([['f:spec'], ['f:metadata', 'f:labels']]);
  return fieldSetOf([['f:status']]);
}

function identity(rt: ResourceType, opts: WriteOptions, subresource: string): ManagerIdentity {
  return { manager: opts.manager, subresource, apiVersion: groupVersion(rt) };
}

/** Decoding a request body: defaults for built-ins, and unknown fields dropped or reported. */
export function decodeBody(ctx: ServerContext, rt: ResourceType, obj: KubeObject, opts: WriteOptions, defaults = true): void {
  const mismatch = rt.modelName ? findTypeMismatch(ctx.schemaFor(rt), obj, rt.kind) : undefined;
  if (mismatch) throw badRequest(`${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: ${decodeErrorText(mismatch)}`);
  if (rt.modelName && defaults) applyDefaults(rt.kind, obj);
  if (!rt.modelName && defaults) applyCrdDefaults(rt.crdSchema, obj);
  const unknown = roundTripBuiltin(ctx.schemaFor(rt), obj, Boolean(rt.modelName));
  if (unknown.length === 0) return;
  if (opts.fieldValidation === 'Strict') {
    const list = unknown.map((f) => `unknown field "${f}"`);
    throw badRequest(`${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: strict decoding error: ${list.join(', ')}`);
  }
  if (opts.fieldValidation === 'Warn') for (const f of unknown) opts.warnings.push(`unknown field "${f}"`);
}

export function checkTypeMeta(rt: ResourceType, obj: JsonObject): asserts obj is KubeObject {
  if (!isObject(obj)) throw badRequest('the object provided is not a JSON object');
  const gv = groupVersion(rt);
  if (obj.apiVersion === undefined && obj.kind === undefined) {
    obj.apiVersion = gv;
    obj.kind = rt.kind;
  }
  if (obj.kind !== rt.kind || obj.apiVersion !== gv) {
    throw badRequest(`the API version in the data (${String(obj.apiVersion)}) does not match the expected API version (${gv})`);
  }
  if (!isObject(obj.metadata)) obj.metadata = {};
}

function ensureNamespace(ctx: ServerContext, rt: ResourceType, namespace: string): void {
  if (!rt.namespaced) return;
  if (!ctx.store.get('/namespaces', '', namespace)) throw notFound('namespaces', '', namespace);
}

export function createObject(ctx: ServerContext, rt: ResourceType, namespace: string, body: JsonObject, opts: WriteOptions): KubeObject {
  checkTypeMeta(rt, body);
  const obj = body as KubeObject;
  const m = obj.metadata;
  if (rt.namespaced) {
    if (m.namespace !== undefined && m.namespace !== '' && m.namespace !== namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    m.namespace = namespace;
  } else delete m.namespace;
  if ((m.name === undefined || m.name === '') && typeof m.generateName === 'string' && m.generateName) m.name = `${m.generateName}${randomSuffix()}`;
  const name = String(m.name ?? '');
  decodeBody(ctx, rt, obj, opts);
  delete m.resourceVersion;
  const zero = { apiVersion: obj.apiVersion, kind: obj.kind, ...zeroObject(rt.kind, Boolean(rt.modelName)) } as KubeObject;
  recordUpdate(ctx.schemaFor(rt), zero, obj, identity(rt, opts, ''), ignoredFields(rt, ''));
  // Mutating admission runs after the field manager: what it adds belongs to no manager.
  if (rt.kind === 'Pod' && !rt.group) admitPod(obj, randomSuffix());
  return commitCreate(ctx, rt, obj, name, opts);
}

function validate(rt: ResourceType, obj: KubeObject, old?: KubeObject): void {
  if (rt.modelName) return validateObject(obj, rt.group, old);
  const causes = validateCustomResource(rt.crdSchema, obj);
  if (typeof obj.metadata.name !== 'string' || obj.metadata.name === '') {
    causes.unshift({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  }
  if (causes.length > 0) throw invalid(rt.kind, rt.group, String(obj.metadata.name ?? ''), causes);
}

function commitCreate(ctx: ServerContext, rt: ResourceType, obj: KubeObject, name: string, opts: WriteOptions): KubeObject {
  const namespace = String(obj.metadata.namespace ?? '');
  validate(rt, obj);
  ensureNamespace(ctx, rt, namespace);
  if (ctx.store.get(storageKey(rt), namespace, name)) throw alreadyExists(rt.plural, rt.group, name);
  prepareForCreate(rt, obj, ctx.ips);
  if (opts.dryRun) return obj;
  return ctx.store.put(storageKey(rt), obj, 'ADDED');
}

export function getLive(ctx: ServerContext, rt: ResourceType, namespace: string, name: string): KubeObject {
  const live = ctx.store.get(storageKey(rt), rt.namespaced ? namespace : '', name);
  if (!live) throw notFound(rt.plural, rt.group, name);
  live.apiVersion = groupVersion(rt);
  return live;
}

/**
 * Replaces the live object with `next` (a PUT, or the result of a patch): optimistic concurrency on
 * metadata.resourceVersion, field manager, preparation, validation, then storage unless nothing changed.
 */
export function updateObject(ctx: ServerContext, rt: ResourceType, live: KubeObject, body: JsonObject, subresource: string, opts: WriteOptions, defaults = true): KubeObject {
  checkTypeMeta(rt, body);
  let next = body as KubeObject;
  const name = String(live.metadata.name);
  if (next.metadata.name !== undefined && next.metadata.name !== name) {
    throw badRequest(`the name of the object (${String(next.metadata.name)}) does not match the name on the URL (${name})`);
  }
  next.metadata.name = name;
  if (rt.namespaced) next.metadata.namespace = live.metadata.namespace ?? '';
  const rv = next.metadata.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== live.metadata.resourceVersion) throw conflict(rt.plural, rt.group, name, STALE_OBJECT_MESSAGE);
  decodeBody(ctx, rt, next, opts, defaults);
  if (subresource === 'status') next = mergeStatusWrite(rt, live, next);
  recordUpdate(ctx.schemaFor(rt), live, next, identity(rt, opts, subresource), ignoredFields(rt, subresource));
  return commitUpdate(ctx, rt, live, next, subresource, opts);
}

function commitUpdate(ctx: ServerContext, rt: ResourceType, live: KubeObject, next: KubeObject, subresource: string, opts: WriteOptions): KubeObject {
  prepareForUpdate(rt, live, next, subresource, ctx.ips);
  next.metadata.resourceVersion = live.metadata.resourceVersion ?? '';
  if (deepEqual(next, live)) return live;
  validate(rt, next, live);
  const finalizers = next.metadata.finalizers;
  if (opts.dryRun) return next;
  if (next.metadata.deletionTimestamp && (!Array.isArray(finalizers) || finalizers.length === 0)) {
    return ctx.store.remove(storageKey(rt), String(next.metadata.namespace ?? ''), String(next.metadata.name)) ?? next;
  }
  return ctx.store.put(storageKey(rt), next, 'MODIFIED');
}

/** Server-side apply (application/apply-patch+yaml), creating the object when it does not exist. */
export function applyObject(ctx: ServerContext, rt: ResourceType, namespace: string, name: string, config: JsonObject, subresource: string, opts: WriteOptions): KubeObject {
  if (!isObject(config)) throw badRequest('error decoding YAML: the applied configuration is not an object');
  checkTypeMeta(rt, config);
  const cm = config.metadata as JsonObject;
  if (cm.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil');
  if (cm.name !== undefined && cm.name !== name) throw badRequest(`the name of the object (${String(cm.name)}) does not match the name on the URL (${name})`);
  if (rt.namespaced && cm.namespace !== undefined && cm.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (!opts.manager || opts.manager === 'unknown') throw badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  const mismatch = rt.modelName ? findTypeMismatch(ctx.schemaFor(rt), config, rt.kind) : undefined;
  // structured-merge-diff's error is not a Status: the real server answers 500 with no reason.
  if (mismatch) throw new ApiError(500, '', `failed to create typed patch object (${groupVersion(rt)}, Kind=${rt.kind}): ${mismatch.applyMessage}`);
  const unknown = roundTripBuiltin(ctx.schemaFor(rt), deepClone(config), Boolean(rt.modelName));
  if (unknown.length > 0 && opts.fieldValidation === 'Strict') {
    throw badRequest(unknown.map((f) => `.${f}: field not declared in schema`).join(', '));
  }
  const schema = ctx.schemaFor(rt);
  const existing = ctx.store.get(storageKey(rt), rt.namespaced ? namespace : '', name);
  const live: KubeObject = existing ?? ({
    apiVersion: groupVersion(rt),
    kind: rt.kind,
    ...zeroObject(rt.kind, Boolean(rt.modelName)),
    metadata: { ...(rt.modelName ? { creationTimestamp: null } : {}), name, ...(rt.namespaced ? { namespace } : {}) },
  } as KubeObject);
  live.apiVersion = groupVersion(rt);
  const merged = mergeApplied(schema, live, config) as KubeObject;
  merged.metadata.name = name;
  if (rt.namespaced) merged.metadata.namespace = namespace;
  const next = recordApply({
    schema,
    live,
    merged,
    config,
    who: identity(rt, opts, subresource),
    force: opts.force,
    ignored: ignoredFields(rt, subresource),
    removePath: (obj, path) => removeFieldPath(schema, obj, path),
  });
  decodeBody(ctx, rt, next, { ...opts, fieldValidation: 'Ignore' });
  if (opts.manager === 'kubectl' && existing && isObject(existing.metadata.annotations) && typeof existing.metadata.annotations[LAST_APPLIED] === 'string') {
    syncLastApplied(next, config);
  }
  if (!existing) {
    if (subresource) throw notFound(rt.plural, rt.group, name);
    return commitCreate(ctx, rt, next, name, opts);
  }
  const written = subresource === 'status' ? mergeStatusWrite(rt, existing, next) : next;
  return commitUpdate(ctx, rt, existing, written, subresource, opts);
}

/** kubectl's server-side apply keeps a client-side apply annotation in step with what it applied. */
function syncLastApplied(obj: KubeObject, config: JsonObject): void {
  const copy = deepClone(config);
  const cm = isObject(copy.metadata) ? copy.metadata : {};
  if (isObject(cm.annotations)) {
    delete cm.annotations[LAST_APPLIED];
    if (Object.keys(cm.annotations).length === 0) delete cm.annotations;
  }
  const annotations = isObject(obj.metadata.annotations) ? obj.metadata.annotations : {};
  annotations[LAST_APPLIED] = stableJson(copy);
  obj.metadata.annotations = annotations;
}

/** JSON with object keys sorted, as Go marshals maps. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

export function assertExists(obj: KubeObject | undefined, rt: ResourceType, name: string): KubeObject {
  if (!obj) throw notFound(rt.plural, rt.group, name);
  return obj;
}

export { ApiError };
