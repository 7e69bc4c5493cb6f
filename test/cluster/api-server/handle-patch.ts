// PATCH: JSON patch, merge patch, strategic merge patch (built-ins only) and server-side apply.
import { parse as parseYaml } from 'yaml';
import { applyJsonPatch } from './json-patch.js';
import { applyMergePatch } from './merge-patch.js';
import type { ResourceType } from './resource-registry.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { ApiError, badRequest, unsupportedMediaType } from './status-errors.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';
import { decodeErrorText, findTypeMismatch } from './type-check.js';
import { isObject, type JsonObject, type JsonValue, type KubeObject } from './types.js';
import { applyObject, getLive, updateObject } from './write-pipeline.js';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export function patchTypeOf(contentType: string | undefined): PatchType | undefined {
  const ct = (contentType ?? '').split(';')[0]?.trim();
  switch (ct) {
    case 'application/json-patch+json':
      return 'json';
    case 'application/merge-patch+json':
      return 'merge';
    case 'application/strategic-merge-patch+json':
      return 'strategic';
    case 'application/apply-patch+yaml':
    case 'application/apply-patch+cbor':
      return 'apply';
    default:
      return undefined;
  }
}

function parsePatch(text: string, type: PatchType): JsonValue {
  try {
    if (type === 'apply') return (parseYaml(text) ?? {}) as JsonValue;
    return JSON.parse(text) as JsonValue;
  } catch (e) {
    throw badRequest(`error decoding patch: ${(e as Error).message}`);
  }
}

/** Applies a patch document of the given type to an object. */
export function patchDocument(ctx: ServerContext, rt: ResourceType, type: PatchType, live: JsonObject, patch: JsonValue): JsonObject {
  let out: JsonValue;
  if (type === 'json') out = applyJsonPatch(live, patch);
  else if (type === 'merge') out = applyMergePatch(live, patch);
  else if (type === 'strategic') {
    if (!rt.modelName) throw unsupportedMediaType('application/strategic-merge-patch+json');
    out = applyStrategicMergePatch(ctx.schemaFor(rt), live, patch);
  } else throw badRequest('unexpected patch type');
  if (!isObject(out)) throw badRequest('the patched object is not a JSON object');
  return out;
}

/** A patch whose result Go cannot decode is 422 Invalid on the field "patch" (no kind, no name). */
function rejectUndecodable(ctx: ServerContext, rt: ResourceType, patched: JsonObject): void {
  const mismatch = rt.modelName ? findTypeMismatch(ctx.schemaFor(rt), patched, rt.kind) : undefined;
  if (!mismatch) return;
  const message = `Invalid value: ${JSON.stringify(JSON.stringify(patched))}: ${decodeErrorText(mismatch)}`;
  throw new ApiError(422, 'Invalid', ` "" is invalid: patch: ${message}`, { causes: [{ reason: 'FieldValueInvalid', message, field: 'patch' }] });
}

export function patchObject(ctx: ServerContext, rt: ResourceType, namespace: string, name: string, subresource: string, contentType: string | undefined, body: string, opts: WriteOptions): KubeObject {
  const type = patchTypeOf(contentType);
  if (!type) {
    throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml${rt.modelName ? ', application/strategic-merge-patch+json' : ''}`);
  }
  const patch = parsePatch(body, type);
  // A version served by conversion is patched in its own shape, then stored through its hub version.
  const hub = rt.conversion ? ctx.registry.find(rt.group, rt.conversion.hubVersion, rt.plural) : undefined;
  const target = hub ?? rt;
  const toHub = (o: JsonObject) => (rt.conversion ? rt.conversion.toHub(o) : o);
  const fromHub = (o: KubeObject) => (rt.conversion ? (rt.conversion.fromHub(o) as KubeObject) : o);
  if (type === 'apply') return fromHub(applyObject(ctx, target, namespace, name, toHub(patch as JsonObject), subresource, opts));
  const live = getLive(ctx, target, namespace, name);
  const patchedShape = patchDocument(ctx, rt, type, fromHub(live), patch);
  rejectUndecodable(ctx, rt, patchedShape);
  const patched = toHub(patchedShape) as KubeObject;
  // A patch that does not set resourceVersion is unconditional.
  if (!isObject(patched.metadata)) patched.metadata = {};
  if (patched.metadata.resourceVersion === undefined) patched.metadata.resourceVersion = live.metadata.resourceVersion ?? '';
  return fromHub(updateObject(ctx, target, live, patched, subresource, opts));
}
