// get and list: selectors, limit/continue pagination, Table output, items as the real server shapes them.
import { groupVersion, storageKey, type ResourceType } from './resource-registry.js';
import { fieldsMatch, labelsMatch } from './selectors.js';
import type { ServerContext } from './server-context.js';
import { badRequest, gone, notFound } from './status-errors.js';
import { toTable, wantsTable } from './table.js';
import type { JsonObject, KubeObject } from './types.js';

export interface ReadQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
  accept?: string;
  includeObject?: string;
}

/** Served objects carry the apiVersion that was asked for (custom resources may serve several). */
export function asServed(rt: ResourceType, obj: KubeObject): KubeObject {
  if (rt.conversion) return rt.conversion.fromHub(obj) as KubeObject;
  obj.apiVersion = groupVersion(rt);
  return obj;
}

export function getObject(ctx: ServerContext, rt: ResourceType, namespace: string, name: string): KubeObject {
  const obj = ctx.store.get(storageKey(rt), rt.namespaced ? namespace : '', name);
  if (!obj) throw notFound(rt.plural, rt.group, name);
  return asServed(rt, obj);
}

export function selectObjects(ctx: ServerContext, rt: ResourceType, namespace: string, q: ReadQuery): KubeObject[] {
  const all = ctx.store.list(storageKey(rt), rt.namespaced && namespace ? namespace : undefined);
  return all.filter((o) => (!q.labelSelector || labelsMatch(q.labelSelector, o)) && (!q.fieldSelector || fieldsMatch(q.fieldSelector, o)));
}

interface ContinueToken {
  rv: number;
  start: string;
}

function decodeContinue(token: string): ContinueToken {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as ContinueToken;
    if (typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('shape');
    return t;
  } catch {
    throw badRequest('continue key is not valid: illegal base64 data');
  }
}

const objectKey = (o: KubeObject) => `${String(o.metadata.namespace ?? '')}/${String(o.metadata.name)}`;

export function listObjects(ctx: ServerContext, rt: ResourceType, namespace: string, q: ReadQuery, printerColumns?: unknown): JsonObject {
  let items = selectObjects(ctx, rt, namespace, q);
  const rv = ctx.store.currentRevision;
  if (q.continueToken) {
    const token = decodeContinue(q.continueToken);
    if (token.rv < ctx.store.compacted) {
      throw gone('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.');
    }
    items = items.filter((o) => objectKey(o) > token.start);
  }
  const meta: JsonObject = { resourceVersion: String(rv) };
  if (q.limit && q.limit > 0 && items.length > q.limit) {
    const page = items.slice(0, q.limit);
    const last = page[page.length - 1] as KubeObject;
    meta.continue = Buffer.from(JSON.stringify({ rv, start: objectKey(last) })).toString('base64');
    meta.remainingItemCount = items.length - q.limit;
    items = page;
  }
  if (wantsTable(q.accept)) return toTable(rt, items.map((o) => asServed(rt, o)), meta, q.includeObject ?? 'Metadata', printerColumns as never);
  return {
    kind: rt.listKind,
    apiVersion: groupVersion(rt),
    metadata: meta,
    // Typed lists of built-ins leave apiVersion/kind off their items; unstructured custom resources keep them.
    items: items.map((o) => {
      if (!rt.modelName) return asServed(rt, o);
      const { apiVersion: _a, kind: _k, ...rest } = asServed(rt, o);
      return rest as JsonObject;
    }),
  };
}
