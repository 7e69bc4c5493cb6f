// /openapi/v3 (the index and one document per group version) generated from the served schemas, with the
// paths and query parameters kubectl checks before it asks the server to validate fields (fieldValidation).
// /openapi/v2 answers 404: kubectl then uses v3, which every kubectl ≥ 1.27 prefers.
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io.js';
import { addKindSchema, SchemaCollector } from './openapi-schemas.js';
import { groupVersion, type ResourceType } from './resource-registry.js';
import type { ServerContext } from './server-context.js';
import { ApiError } from './status-errors.js';
import type { JsonObject } from './types.js';

/** Documents per registry, dropped whenever a CRD changes what the registry serves. */
const cache = new WeakMap<object, Map<string, { doc: JsonObject; hash: string }>>();

function docsOf(ctx: ServerContext): Map<string, { doc: JsonObject; hash: string }> {
  let m = cache.get(ctx.registry);
  if (!m) {
    const docs = new Map<string, { doc: JsonObject; hash: string }>();
    cache.set(ctx.registry, docs);
    ctx.registry.onChange(() => docs.clear());
    m = docs;
  }
  return m;
}

function gvPath(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

const param = (name: string, description: string): JsonObject => ({ name, in: 'query', description, schema: { type: 'string', uniqueItems: true } });
const WRITE_PARAMS = [
  param('dryRun', 'When present, indicates that modifications should not be persisted.'),
  param('fieldManager', 'fieldManager is a name associated with the actor or entity that is making these changes.'),
  param('fieldValidation', 'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.'),
];

function operations(rt: ResourceType, schemaName: string): Record<string, JsonObject> {
  const gvk = { group: rt.group, version: rt.version, kind: rt.kind };
  const ref = { $ref: `#/components/schemas/${schemaName}` };
  const ok = { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } };
  const base = rt.group ? `/apis/${rt.group}/${rt.version}` : `/api/${rt.version}`;
  const collection = rt.namespaced ? `${base}/namespaces/{namespace}/${rt.plural}` : `${base}/${rt.plural}`;
  const op = (action: string, extra: JsonObject = {}): JsonObject => ({
    operationId: `${action}${rt.kind}`,
    responses: ok,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  const paths: Record<string, JsonObject> = {
    [collection]: { get: op('list'), post: op('post', { parameters: WRITE_PARAMS, requestBody: { content: { '*/*': { schema: ref } } } }) },
    [`${collection}/{name}`]: {
      get: op('get'),
      put: op('put', { parameters: WRITE_PARAMS, requestBody: { content: { '*/*': { schema: ref } } } }),
      patch: op('patch', { parameters: [...WRITE_PARAMS, param('force', 'Force is going to "force" Apply requests.')] }),
      delete: op('delete', { parameters: [WRITE_PARAMS[0] as JsonObject] }),
    },
  };
  if (rt.hasStatus) paths[`${collection}/{name}/status`] = { get: op('get'), patch: op('patch', { parameters: WRITE_PARAMS }) };
  return paths;
}

function buildDocument(ctx: ServerContext, group: string, version: string): JsonObject | undefined {
  const types = ctx.registry.inGroupVersion(group, version);
  if (types.length === 0) return undefined;
  const collector = new SchemaCollector();
  let paths: Record<string, JsonObject> = {};
  for (const rt of types) {
    const name = addKindSchema(collector, rt, ctx.schemaFor(rt));
    paths = { ...paths, ...operations(rt, name) };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.4' },
    paths,
    components: { schemas: collector.schemas, securitySchemes: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header' } } },
  };
}

function cached(ctx: ServerContext, group: string, version: string): { doc: JsonObject; hash: string } | undefined {
  const docs = docsOf(ctx);
  const key = `${group}/${version}`;
  let entry = docs.get(key);
  if (!entry) {
    const doc = buildDocument(ctx, group, version);
    if (!doc) return undefined;
    entry = { doc, hash: createHash('sha512').update(JSON.stringify(doc)).digest('hex').toUpperCase() };
    docs.set(key, entry);
  }
  return entry;
}

export function serveOpenApi(ctx: ServerContext, path: string, query: URLSearchParams, accept: string | undefined, res: ServerResponse): void {
  void query;
  void accept;
  if (path === '/openapi/v3' || path === '/openapi/v3/') {
    const paths: JsonObject = {};
    for (const [group, versions] of ctx.registry.groups()) {
      for (const version of versions) {
        const entry = cached(ctx, group, version);
        if (entry) paths[gvPath(group, version)] = { serverRelativeURL: `/openapi/v3/${gvPath(group, version)}?hash=${entry.hash}` };
      }
    }
    return sendJson(res, 200, { paths });
  }
  const m = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (m) {
    const group = m[1] ? '' : (m[2] as string);
    const version = (m[1] ?? m[3]) as string;
    const entry = cached(ctx, group, version);
    if (entry) return sendJson(res, 200, entry.doc, { Etag: `"${entry.hash}"` });
  }
  void groupVersion;
  throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}
