// The HTTP side of opening a pull/merge request, behind a port: the caller injects a `fetch`-like function (the
// CLI and the extension host pass the global fetch, with their timeout); core stays pure. The token is the
// caller's (the extension from VS Code's authentication or SecretStorage, the CLI from the environment) and
// never leaves the process that holds it.
import { redactCredentials } from './redact-credentials.js';

/** What core asks of an HTTP request: the global fetch's own shape, so it can be passed as it is. */
export interface ForgeRequestInit {
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly redirect: 'error';
}

export interface ForgeResponse {
  readonly status: number;
  text(): Promise<string>;
}

/** The port: `globalThis.fetch` fits it; a timeout is the caller's (wrap it with `AbortSignal.timeout`). */
export type ForgeFetch = (url: string, init: ForgeRequestInit) => Promise<ForgeResponse>;

export interface PullRequestRequest {
  /** REST API base URL, no trailing slash. */
  readonly apiBase: string;
  /** `owner/repo` (GitHub) or the project's full path (GitLab). */
  readonly repositoryPath: string;
  readonly token: string;
  /** The pushed branch. */
  readonly branch: string;
  /** The branch to merge into. */
  readonly base: string;
  readonly title: string;
  readonly body: string;
  /** The repository's web page (for the list of open pull requests when the existing one cannot be found). */
  readonly webUrl?: string;
  readonly fetch: ForgeFetch;
}

export interface OpenedPullRequest {
  /** The pull request's page (when it existed and could not be listed: the repository's list of them, or none). */
  readonly url?: string;
  readonly number?: number;
  /** True when one was open already for this branch (its URL is given). */
  readonly existed: boolean;
}

export type PullRequestFailure = 'unauthorized' | 'forbidden' | 'not-found' | 'invalid' | 'network' | 'server';

export class PullRequestError extends Error {
  constructor(readonly failure: PullRequestFailure, message: string, readonly status?: number) {
    super(redactCredentials(message));
    this.name = 'PullRequestError';
  }
}

/** How long callers let one forge request take (they build the abort signal: core has no timers). */
export const DEFAULT_PR_TIMEOUT_MS = 30_000;

export interface JsonResponse {
  readonly status: number;
  readonly json: unknown;
}

/** One JSON request; a network failure or timeout becomes a PullRequestError('network'). */
export async function requestJson(req: PullRequestRequest, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown): Promise<JsonResponse> {
  let response: ForgeResponse;
  try {
    response = await req.fetch(url, {
      method,
      headers: { Accept: 'application/json', 'User-Agent': 'gitops-authoring', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as { name?: string }).name ?? 'error';
    throw new PullRequestError('network', `could not reach ${originOf(url)} (${cause}): check the API URL setting and the network`);
  }
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, json };
}

function originOf(url: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+/i.exec(url)?.[0] ?? url;
}

/** The forge's own error words (GitHub `message` + `errors[].message`, GitLab `message`/`error`), short and redacted. */
export function forgeMessage(json: unknown): string {
  if (typeof json !== 'object' || json === null) return '';
  const o = json as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of ['message', 'error', 'error_description']) {
    const v = o[key];
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) parts.push(...v.filter((x): x is string => typeof x === 'string'));
  }
  if (Array.isArray(o.errors)) {
    for (const e of o.errors) {
      if (typeof e === 'string') parts.push(e);
      else if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') parts.push((e as { message: string }).message);
    }
  }
  return redactCredentials(parts.join('; ')).slice(0, 300);
}

/** The usual failures of a forge API, in words that say what to do. */
export function failureOf(status: number, json: unknown, forge: string, what: string): PullRequestError {
  const said = forgeMessage(json);
  const tail = said ? ` (${forge} says: ${said})` : '';
  if (status === 401) return new PullRequestError('unauthorized', `${forge} refused the token${tail}: sign in again or set a valid token`, status);
  if (status === 403) return new PullRequestError('forbidden', `the token may not open ${what} in this repository${tail}: it needs the repo (GitHub) or api (GitLab) scope, and write access`, status);
  if (status === 404) return new PullRequestError('not-found', `${forge} does not know this repository or branch${tail}: check the remote, the API URL setting, and that the token can see the repository`, status);
  if (status >= 500) return new PullRequestError('server', `${forge} failed (HTTP ${status})${tail}: try again later`, status);
  return new PullRequestError('invalid', `${forge} refused the ${what} (HTTP ${status})${tail}`, status);
}
