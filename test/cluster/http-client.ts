// A minimal HTTP client for the API semantics tests: JSON in, status and JSON out.
import type { ClusterHandle } from './api-server/start.js';
import type { JsonObject } from './api-server/types.js';

export interface ApiResponse {
  status: number;
  body: JsonObject;
  headers: Headers;
}

export function apiClient(handle: ClusterHandle, token = handle.token) {
  return async (method: string, path: string, body?: unknown, contentType = 'application/json', extraHeaders: Record<string, string> = {}): Promise<ApiResponse> => {
    const headers: Record<string, string> = { 'User-Agent': 'semantics-test/1.0', ...extraHeaders };
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = contentType;
    const res = await fetch(`${handle.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as JsonObject) : {}, headers: res.headers };
  };
}

/** Reads newline-delimited watch events until `until` says stop or the deadline passes. */
export async function readWatch(handle: ClusterHandle, path: string, until: (events: JsonObject[]) => boolean, timeoutMs = 10_000): Promise<JsonObject[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const headers: Record<string, string> = {};
  if (handle.token) headers.Authorization = `Bearer ${handle.token}`;
  const events: JsonObject[] = [];
  try {
    const res = await fetch(`${handle.url}${path}`, { headers, signal: controller.signal });
    const reader = res.body?.getReader();
    if (!reader) return events;
    let buffer = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) events.push(JSON.parse(line) as JsonObject);
      }
      if (until(events)) break;
    }
    await reader.cancel().catch(() => undefined);
  } catch (e) {
    if ((e as Error).name !== 'AbortError') throw e;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
