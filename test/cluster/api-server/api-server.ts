// The HTTP front of the test API server: records requests, authenticates, injects faults, and routes
// discovery, OpenAPI and resource requests to their handlers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate, authorizeWrite, type AuthConfig } from './auth.js';
import { deleteObject, deleteResponse } from './delete-object.js';
import { apiGroup, apiGroupList, apiResourceList, apiVersions, SERVER_VERSION } from './discovery.js';
import type { Faults } from './faults.js';
import { asServed, getObject, listObjects, type ReadQuery } from './handle-read.js';
import { patchObject } from './handle-patch.js';
import { serveWatch, type WatchRegistry, type WatchSettings } from './handle-watch.js';
import { parseJsonBody, readRawBody, sendError, sendJson } from './http-io.js';
import { decodeKubernetesProtobuf } from './protobuf-decode.js';
import { serveOpenApi } from './openapi.js';
import { parseResourcePath, type ResourceRequest } from './request-info.js';
import { reviewAccess, reviewRules, reviewSelf } from './self-reviews.js';
import type { ResourceType } from './resource-registry.js';
import { patchScale, scaleOf, updateScale } from './scale-subresource.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { ApiError, badRequest, methodNotAllowed, notFound } from './status-errors.js';
import { toTable, wantsTable } from './table.js';
import { requestToken } from './token-request.js';
import { isObject, type JsonObject, type KubeObject } from './types.js';
import { createObject, getLive, updateObject } from './write-pipeline.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The manager a write is recorded under (?fieldManager, else the User-Agent prefix); undefined for reads. */
  fieldManager?: string;
  userAgent: string;
  contentType?: string;
  /** get, list, watch, create, update, patch or delete (as Kubernetes audit logs name them). */
  verb: RequestVerb;
  status?: number;
  /** When the request arrived (Date.now()). */
  at: number;
}

export type RequestVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export interface ApiServerDeps {
  ctx: ServerContext;
  auth: AuthConfig;
  faults: Faults;
  watches: WatchRegistry;
  watchSettings: WatchSettings;
  requests: RecordedRequest[];
  serverAddress: () => string;
  crdPrinterColumns: (rt: ResourceType) => unknown;
}

const WRITE_VERBS: Record<string, RequestVerb> = { POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

/** Whether a recorded request asked to change something (dry runs included). */
export function isWriteRequest(request: RecordedRequest): boolean {
  return request.verb === 'create' || request.verb === 'update' || request.verb === 'patch' || request.verb === 'delete';
}

/** The manager name a real server derives: ?fieldManager, else the User-Agent up to its first '/'. */
export function managerFor(query: URLSearchParams, userAgent: string): string {
  const explicit = query.get('fieldManager');
  if (explicit) return explicit;
  return (userAgent.split('/')[0] ?? '').slice(0, 128) || 'unknown';
}

/** Not a Kubernetes path: the request log as JSON, for a person checking who wrote what (`curl URL/debug/requests`). */
export const REQUEST_LOG_PATH = '/debug/requests';

export function createHandler(deps: ApiServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((err: unknown) => sendError(res, err));
  };
}

async function handle(deps: ApiServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const userAgent = String(req.headers['user-agent'] ?? '');
  if (path === REQUEST_LOG_PATH && method === 'GET') return sendJson(res, 200, { requests: deps.requests });
  const isWatch = url.searchParams.get('watch') === 'true' || url.searchParams.get('watch') === '1';
  const record: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    userAgent,
    contentType: req.headers['content-type'],
    verb: isWatch ? 'watch' : (WRITE_VERBS[method] ?? 'get'),
    at: Date.now(),
  };
  if (WRITE_VERBS[method]) record.fieldManager = managerFor(url.searchParams, userAgent);
  deps.requests.push(record);
  res.on('finish', () => (record.status = res.statusCode));

  if (path === '/healthz' || path === '/readyz' || path === '/livez') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
    return;
  }
  const caller = authenticate(deps.auth, req.headers.authorization);
  const target = `${path}${url.search}`;
  await deps.faults.delay(target);
  const injected = deps.faults.errorFor(target);
  if (injected) throw injected;

  if (path === '/version') return sendJson(res, 200, SERVER_VERSION);
  if (path === '/api') return sendJson(res, 200, apiVersions(deps.serverAddress()));
  if (path === '/apis') return sendJson(res, 200, apiGroupList(deps.ctx.registry));
  if (path.startsWith('/openapi/')) return serveOpenApi(deps.ctx, path, url.searchParams, req.headers.accept, res);
  const parts = path.split('/').filter(Boolean);
  if (parts[0] === 'api' && parts.length === 2) return sendDiscovery(res, apiResourceList(deps.ctx.registry, '', parts[1] as string));
  if (parts[0] === 'apis' && parts.length === 2) return sendDiscovery(res, apiGroup(deps.ctx.registry, parts[1] as string));
  if (parts[0] === 'apis' && parts.length === 3) return sendDiscovery(res, apiResourceList(deps.ctx.registry, parts[1] as string, parts[2] as string));

  const rr = parseResourcePath(path);
  if (!rr) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  const rt = deps.ctx.registry.find(rr.group, rr.version, rr.plural);
  if (!rt) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  // Reviews about the caller are answered, not stored; anyone authenticated may ask.
  if (method === 'POST' && (rt.kind === 'SelfSubjectAccessReview' || rt.kind === 'SelfSubjectReview' || rt.kind === 'SelfSubjectRulesReview')) {
    const raw = await readRawBody(req);
    const body = (req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf') ? decodeKubernetesProtobuf(raw) : (parseJsonBody(raw.toString('utf8')) as JsonObject);
    if (rt.kind === 'SelfSubjectRulesReview') return sendJson(res, 201, reviewRules(caller, body));
    return sendJson(res, 201, rt.kind === 'SelfSubjectReview' ? reviewSelf(caller) : reviewAccess(caller, body));
  }
  if (WRITE_VERBS[method]) authorizeWrite(caller, WRITE_VERBS[method] as string, rt.plural, rt.group, rr.namespace, rr.name);
  else if (!isWatch && method !== 'GET') throw methodNotAllowed();
  await routeResource(deps, rt, rr, url.searchParams, req, res, record);
}

function sendDiscovery(res: ServerResponse, doc: object | undefined): void {
  if (!doc) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
  sendJson(res, 200, doc);
}

function writeOptions(q: URLSearchParams, record: RecordedRequest): WriteOptions {
  const dryRun = q.getAll('dryRun');
  if (dryRun.some((d) => d !== 'All')) throw badRequest(`dryRun: Unsupported value: "${dryRun.join(',')}": supported values: "All"`);
  return {
    manager: record.fieldManager ?? 'unknown',
    dryRun: dryRun.length > 0,
    fieldValidation: q.get('fieldValidation') ?? 'Warn',
    force: q.get('force') === 'true',
    warnings: [],
  };
}

function warningHeaders(opts: WriteOptions): Record<string, string> {
  if (opts.warnings.length === 0) return {};
  return { Warning: opts.warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ') };
}

async function routeResource(deps: ApiServerDeps, rt: ResourceType, rr: ResourceRequest, q: URLSearchParams, req: IncomingMessage, res: ServerResponse, record: RecordedRequest): Promise<void> {
  const { ctx } = deps;
  const method = req.method ?? 'GET';
  const namespace = rt.namespaced ? rr.namespace : '';
  if (rt.namespaced && !rr.namespace && rr.name) throw notFound(rt.plural, rt.group, rr.name);
  const readQuery: ReadQuery = {
    labelSelector: q.get('labelSelector') ?? undefined,
    fieldSelector: q.get('fieldSelector') ?? undefined,
    limit: q.has('limit') ? Number(q.get('limit')) : undefined,
    continueToken: q.get('continue') ?? undefined,
    accept: req.headers.accept,
    includeObject: q.get('includeObject') ?? undefined,
  };
  const sub = rr.subresource;
  if (sub === 'token' && rt.kind === 'ServiceAccount' && !rt.group && rr.name) {
    if (method !== 'POST') throw methodNotAllowed();
    const raw = await readRawBody(req);
    const isProtobuf = (req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf');
    const body = raw.length === 0 ? {} : isProtobuf ? decodeKubernetesProtobuf(raw) : (parseJsonBody(raw.toString('utf8')) as JsonObject);
    return sendJson(res, 201, requestToken(ctx, namespace, rr.name, body));
  }
  if (sub && sub !== 'status' && !(sub === 'scale' && rt.scale)) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});

  if (method === 'GET') {
    if (record.verb === 'watch') {
      if (rr.name) readQuery.fieldSelector = [readQuery.fieldSelector, `metadata.name=${rr.name}`].filter(Boolean).join(',');
      serveWatch(ctx, rt, namespace, { ...readQuery, resourceVersion: q.get('resourceVersion') ?? undefined, allowWatchBookmarks: q.get('allowWatchBookmarks') === 'true', timeoutSeconds: q.has('timeoutSeconds') ? Number(q.get('timeoutSeconds')) : undefined }, res, deps.watches, deps.watchSettings);
      return;
    }
    if (!rr.name) {
      record.verb = 'list';
      return sendJson(res, 200, listObjects(ctx, rt, namespace, readQuery, deps.crdPrinterColumns(rt)));
    }
    const obj = getObject(ctx, rt, namespace, rr.name);
    if (sub === 'scale') {
      const scale = scaleOf(obj) as KubeObject;
      if (!wantsTable(readQuery.accept)) return sendJson(res, 200, scale);
      return sendJson(res, 200, toTable({ ...rt, kind: 'Scale' }, [scale], { resourceVersion: String(scale.metadata.resourceVersion ?? '') }, readQuery.includeObject ?? 'Metadata'));
    }
    if (readQuery.accept && /as=Table/.test(readQuery.accept)) {
      return sendJson(res, 200, listObjectsTableOne(deps, rt, namespace, rr.name, readQuery));
    }
    return sendJson(res, 200, obj);
  }

  const raw = await readRawBody(req);
  // kubectl's typed clients (create, run, expose) send protobuf; everything else is JSON or YAML.
  const isProtobuf = (req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf');
  const body = isProtobuf ? JSON.stringify(decodeKubernetesProtobuf(raw)) : raw.toString('utf8');
  const opts = writeOptions(q, record);
  // Versions served by conversion write through their hub (stored) version.
  const hub = rt.conversion ? ctx.registry.find(rt.group, rt.conversion.hubVersion, rt.plural) : undefined;
  const target = hub ?? rt;
  const toHub = (o: JsonObject) => (rt.conversion ? rt.conversion.toHub(o) : o);
  switch (method) {
    case 'POST': {
      if (rr.name) throw methodNotAllowed();
      const created = createObject(ctx, target, namespace, toHub(parseJsonBody(body) as JsonObject), opts);
      return sendJson(res, 201, asServed(rt, created), warningHeaders(opts));
    }
    case 'PUT': {
      if (!rr.name) throw methodNotAllowed();
      const parsed = parseJsonBody(body) as JsonObject;
      if (sub === 'scale') return sendJson(res, 200, updateScale(ctx, rt, namespace, rr.name, parsed, opts));
      const live = getLive(ctx, target, namespace, rr.name);
      return sendJson(res, 200, asServed(rt, updateObject(ctx, target, live, toHub(parsed), sub, opts)), warningHeaders(opts));
    }
    case 'PATCH': {
      if (!rr.name) throw methodNotAllowed();
      if (sub === 'scale') return sendJson(res, 200, patchScale(ctx, rt, namespace, rr.name, req.headers['content-type'], body, opts));
      const existed = Boolean(ctx.store.get(`${rt.group}/${rt.plural}`, namespace, rr.name));
      const patched = patchObject(ctx, rt, namespace, rr.name, sub, req.headers['content-type'], body, opts);
      return sendJson(res, existed ? 200 : 201, patched, warningHeaders(opts));
    }
    case 'DELETE': {
      const options = body.trim() ? (parseJsonBody(body) as JsonObject) : {};
      const propagationPolicy = String(q.get('propagationPolicy') ?? options.propagationPolicy ?? '') || undefined;
      const preconditions = isObject(options.preconditions) ? (options.preconditions as { uid?: string; resourceVersion?: string }) : undefined;
      const dryRun = opts.dryRun || (Array.isArray(options.dryRun) && options.dryRun.includes('All'));
      if (!rr.name) {
        const items = listObjects(ctx, rt, namespace, { ...readQuery, accept: undefined, limit: undefined, continueToken: undefined });
        const deleted = (items.items as JsonObject[]).map((o) => deleteObject(ctx, rt, namespace, String((o.metadata as JsonObject).name), { dryRun, propagationPolicy }).object);
        return sendJson(res, 200, { kind: rt.listKind, apiVersion: items.apiVersion, metadata: { resourceVersion: String(ctx.store.currentRevision) }, items: deleted });
      }
      const result = deleteObject(ctx, rt, namespace, rr.name, { dryRun, propagationPolicy, preconditions });
      return sendJson(res, 200, deleteResponse(rt, result));
    }
    default:
      throw methodNotAllowed();
  }
}

function listObjectsTableOne(deps: ApiServerDeps, rt: ResourceType, namespace: string, name: string, q: ReadQuery): JsonObject {
  return listObjects(deps.ctx, rt, namespace, { ...q, fieldSelector: `metadata.name=${name}`, labelSelector: undefined }, deps.crdPrinterColumns(rt));
}
