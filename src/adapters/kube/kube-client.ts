import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { ClusterAccessError, ClusterStatus } from './cluster-status.js';

export interface WatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: Record<string, unknown>;
}

export interface WatchHandle {
  /** Ends the stream; `onEnd` is not called after abort. */
  abort(): void;
}

/**
 * The few HTTP calls drift needs (GET JSON, streaming watch), authenticated by client-node's kubeconfig
 * handling (certificates, tokens, exec plugins). Our own loop, not client-node's informer, so that we own the
 * restart policy, bookmarks and status (see docs/drift.md).
 */
export class KubeClient {
  constructor(private readonly kc: KubeConfig, readonly server: string, private readonly timeoutMs = 30_000) {}

  private async options(path: string, query: Record<string, string>, method = 'GET', contentType?: string): Promise<{ url: URL; opts: RequestOptions }> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'gitops-authoring', ...(contentType ? { 'Content-Type': contentType } : {}) };
    const opts: RequestOptions & { headers: Record<string, string> } = { method, headers };
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // client-node refuses plain http:// unless skipTLSVerify is set; kubectl allows it (local test servers).
      // Credentials were applied before that check, so the request can go on without its agent.
      if (!(url.protocol === 'http:' && /HTTP protocol is not allowed/.test(message))) {
        throw new ClusterAccessError(`credentials for ${this.server} could not be obtained: ${message}`, ClusterStatus.Unauthorized);
      }
      delete opts.agent;
    }
    return { url, opts };
  }

  private async open(path: string, query: Record<string, string>, timeoutMs: number | undefined, write?: { method: string; contentType: string; body: string }): Promise<{ res: IncomingMessage; abort: () => void }> {
    const { url, opts } = await this.options(path, query, write?.method, write?.contentType);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(url, opts, (res) => resolve({ res, abort: () => req.destroy() }));
      if (timeoutMs) req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer from ${this.server} within ${timeoutMs} ms`)));
      req.on('error', (error) => reject(toAccessError(error, this.server)));
      req.end(write?.body);
    });
  }

  async getJson<T = Record<string, unknown>>(path: string, query: Record<string, string> = {}): Promise<T> {
    const { res } = await this.open(path, query, this.timeoutMs);
    const text = await readBody(res);
    if ((res.statusCode ?? 0) >= 400) throw httpError(res, text, path);
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ClusterAccessError(`${path}: the server's answer is not JSON`, ClusterStatus.Degraded, { httpStatus: res.statusCode ?? 0 });
    }
  }

  /** A write (the only one drift makes is a dry-run apply, which changes nothing). */
  async sendJson<T = Record<string, unknown>>(method: string, path: string, query: Record<string, string>, contentType: string, body: string): Promise<T> {
    const { res } = await this.open(path, query, this.timeoutMs, { method, contentType, body });
    const text = await readBody(res);
    if ((res.statusCode ?? 0) >= 400) throw httpError(res, text, path);
    return JSON.parse(text) as T;
  }

  /**
   * Opens a watch; events arrive in order, `onEnd` once when the stream ends or fails (with the error). A
   * connection that goes silent without closing (a network that vanished, a host powered off) must not look
   * like a quiet cluster: with `idleMs`, no byte for that long ends the watch with an Unreachable error.
   */
  async watch(path: string, query: Record<string, string>, onEvent: (e: WatchEvent) => void, onEnd: (error?: Error) => void, idleMs?: number): Promise<WatchHandle> {
    const { res, abort } = await this.open(path, { ...query, watch: '1' }, undefined);
    if ((res.statusCode ?? 0) >= 400) {
      const text = await readBody(res);
      throw httpError(res, text, path);
    }
    let aborted = false;
    let ended = false;
    let buffer = '';
    let idle: ReturnType<typeof setTimeout> | undefined;
    const finish = (error?: Error) => {
      if (idle) clearTimeout(idle);
      if (ended || aborted) return;
      ended = true;
      onEnd(error);
    };
    const armIdle = () => {
      if (!idleMs) return;
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        finish(new ClusterAccessError(`no data from ${this.server} for ${Math.round(idleMs / 1000)} s on an open watch: the connection is gone`, ClusterStatus.Unreachable));
        abort();
      }, idleMs);
    };
    res.socket?.setKeepAlive(true, 30_000);
    armIdle();
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      armIdle();
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (!line || aborted) continue;
        try {
          onEvent(JSON.parse(line) as WatchEvent);
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
          abort();
          return;
        }
      }
    });
    res.on('end', () => finish());
    res.on('error', (error) => finish(error));
    res.on('close', () => finish());
    return {
      abort: () => {
        aborted = true;
        if (idle) clearTimeout(idle);
        abort();
      },
    };
  }
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => (text += c));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

function httpError(res: IncomingMessage, body: string, path: string): ClusterAccessError {
  const code = res.statusCode ?? 0;
  let message = body.slice(0, 300);
  try {
    const status = JSON.parse(body) as { message?: string };
    if (status.message) message = status.message;
  } catch {
    // Not a Status object: keep the raw text.
  }
  const retryAfter = Number(res.headers['retry-after']);
  const details = { httpStatus: code, ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}) };
  if (code === 401) return new ClusterAccessError(`unauthorized (401): ${message}`, ClusterStatus.Unauthorized, details);
  if (code === 403) return new ClusterAccessError(`forbidden (403) for ${path}: ${message}`, ClusterStatus.Degraded, details);
  return new ClusterAccessError(`${path}: HTTP ${code}: ${message}`, ClusterStatus.Degraded, details);
}

function toAccessError(error: Error, server: string): Error {
  if (error instanceof ClusterAccessError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new ClusterAccessError(`cannot reach ${server}: ${code || error.message}`, ClusterStatus.Unreachable);
}
