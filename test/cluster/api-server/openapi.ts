// /openapi/v2 and /openapi/v3: documents generated from the served schemas (see openapi-schemas.ts).
import type { ServerResponse } from 'node:http';
import { sendJson } from './http-io.js';
import type { ServerContext } from './server-context.js';
import { ApiError } from './status-errors.js';

export function serveOpenApi(ctx: ServerContext, path: string, query: URLSearchParams, accept: string | undefined, res: ServerResponse): void {
  void ctx;
  void query;
  void accept;
  void res;
  throw new ApiError(404, 'NotFound', `the server could not find the requested resource (${path})`, {});
}

export const _sendJson = sendJson;
