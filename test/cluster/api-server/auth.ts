// Bearer-token authentication and a read-only role: 401 without a known token, 403 for writes by a reader.
import { ApiError, qualifiedResource } from './status-errors.js';

export interface AuthConfig {
  /** Token with full access; when undefined, no authentication is required. */
  token?: string;
  /** Tokens that may only read (get, list, watch). */
  readOnlyTokens?: string[];
}

export interface Caller {
  user: string;
  readOnly: boolean;
}

export function authenticate(config: AuthConfig, authorization: string | undefined): Caller {
  if (config.token === undefined && !config.readOnlyTokens?.length) return { user: 'admin', readOnly: false };
  const m = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  const token = m?.[1]?.trim();
  if (token && token === config.token) return { user: 'admin', readOnly: false };
  if (token && config.readOnlyTokens?.includes(token)) return { user: 'readonly', readOnly: true };
  throw new ApiError(401, 'Unauthorized', 'Unauthorized');
}

export function authorizeWrite(caller: Caller, verb: string, plural: string, group: string, namespace: string, name: string): void {
  if (!caller.readOnly) return;
  const target = name ? `${qualifiedResource(plural, group)} "${name}"` : qualifiedResource(plural, group);
  const where = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  throw new ApiError(403, 'Forbidden', `${target} is forbidden: User "${caller.user}" cannot ${verb} resource "${plural}" in API group "${group}"${where}`, {
    name: name || undefined,
    group: group || undefined,
    kind: plural,
  });
}
