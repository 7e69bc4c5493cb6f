// Watches: events after a resourceVersion (or the current state first), selectors with DELETED when an
// object stops matching, BOOKMARK events, 410 Gone as an ERROR event for compacted versions.
import type { ServerResponse } from 'node:http';
import { asServed, selectObjects, type ReadQuery } from './handle-read.js';
import { groupVersion, storageKey, type ResourceType } from './resource-registry.js';
import { fieldsMatch, labelsMatch } from './selectors.js';
import type { ServerContext } from './server-context.js';
import type { StoredEvent } from './storage.js';
import { ApiError } from './status-errors.js';
import { toTable, wantsTable } from './table.js';
import type { KubeObject } from './types.js';

export interface WatchQuery extends ReadQuery {
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
}

/** Open watch streams, so faults can drop them all at once. */
export class WatchRegistry {
  private readonly open = new Set<() => void>();
  add(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }
  dropAll(): number {
    const all = [...this.open];
    for (const close of all) close();
    return all.length;
  }
  get count(): number {
    return this.open.size;
  }
}

export interface WatchSettings {
  bookmarkIntervalMs: number;
}

export function serveWatch(ctx: ServerContext, rt: ResourceType, namespace: string, q: WatchQuery, res: ServerResponse, watches: WatchRegistry, settings: WatchSettings): void {
  const key = storageKey(rt);
  const table = wantsTable(q.accept);
  const matches = (o: KubeObject) =>
    (!rt.namespaced || !namespace || o.metadata.namespace === namespace) &&
    (!q.labelSelector || labelsMatch(q.labelSelector, o)) &&
    (!q.fieldSelector || fieldsMatch(q.fieldSelector, o));
  const encode = (type: string, obj: KubeObject): string => {
    const served = asServed(rt, obj);
    const object = table ? toTable(rt, [served], { resourceVersion: String(served.metadata.resourceVersion ?? '') }, q.includeObject ?? 'Metadata') : served;
    return `${JSON.stringify({ type, object })}\n`;
  };
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.flushHeaders();
  let closed = false;
  const timers: NodeJS.Timeout[] = [];
  let unsubscribe: () => void = () => undefined;
  const close = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    unregister();
    for (const t of timers) clearTimeout(t);
    res.end();
  };
  const unregister = watches.add(close);
  res.on('close', close);
  const write = (text: string) => {
    if (!closed) res.write(text);
  };

  const rvText = q.resourceVersion ?? '';
  let since: number;
  if (rvText === '' || rvText === '0') {
    for (const o of selectObjects(ctx, rt, namespace, q)) write(encode('ADDED', o));
    since = ctx.store.currentRevision;
  } else {
    since = Number(rvText);
    if (!Number.isFinite(since)) {
      write(`${JSON.stringify({ type: 'ERROR', object: new ApiError(400, 'BadRequest', `invalid resource version: ${rvText}`).toStatus() })}\n`);
      close();
      return;
    }
    const backlog = ctx.store.eventsSince(key, since);
    if (!backlog) {
      const status = new ApiError(410, 'Expired', `too old resource version: ${since} (${ctx.store.compacted})`).toStatus();
      write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      close();
      return;
    }
    for (const e of backlog) deliver(e);
  }

  /** Like the watch cache: an object entering the selection is ADDED, one leaving it DELETED. */
  function deliver(e: StoredEvent): void {
    // A deleted CRD takes its resource away: after its objects' DELETED events, the watch ends (a relist then
    // gets 404, as from a real server).
    if (rt.crdName && e.type === 'DELETED' && e.resource === 'apiextensions.k8s.io/customresourcedefinitions' && e.object.metadata.name === rt.crdName) {
      close();
      return;
    }
    if (e.resource !== key || closed) return;
    const now = matches(e.object);
    if (e.type === 'ADDED') {
      if (now) write(encode('ADDED', e.object));
      return;
    }
    if (e.type === 'DELETED') {
      if (now) write(encode('DELETED', e.object));
      return;
    }
    const before = e.previous ? matches(e.previous) : now;
    if (before && now) write(encode('MODIFIED', e.object));
    else if (now) write(encode('ADDED', e.object));
    else if (before && e.previous) write(encode('DELETED', e.previous));
  }
  unsubscribe = ctx.store.subscribe(deliver);

  if (q.allowWatchBookmarks) {
    const bookmark = () => {
      write(`${JSON.stringify({ type: 'BOOKMARK', object: { kind: rt.kind, apiVersion: groupVersion(rt), metadata: { resourceVersion: String(ctx.store.currentRevision) } } })}\n`);
      timers.push(setTimeout(bookmark, settings.bookmarkIntervalMs));
    };
    timers.push(setTimeout(bookmark, settings.bookmarkIntervalMs));
  }
  if (q.timeoutSeconds && q.timeoutSeconds > 0) timers.push(setTimeout(close, q.timeoutSeconds * 1000));
}
