// Opening a pull/merge request on a forge: GitHub (and GitHub Enterprise) and GitLab over REST, with the token
// the caller holds (the extension from VS Code's authentication or SecretStorage, the CLI from the environment).
import { redactCredentials } from '../../core/writeback/redact-credentials.js';

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
  /** Default: the global fetch. Tests and proxies may pass their own. */
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
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

export const DEFAULT_PR_TIMEOUT_MS = 30_000;

export interface JsonResponse {
  readonly status: number;
  readonly json: unknown;
}

/** One JSON request; a network failure or timeout becomes a PullRequestError('network'). */
export async function requestJson(req: PullRequestRequest, method: 'GET' | 'POST', url: string, headers: Record<string, string>, body?: unknown): Promise<JsonResponse> {
  const doFetch = req.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method,
      headers: { Accept: 'application/json', 'User-Agent': 'gitops-authoring', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(req.timeoutMs ?? DEFAULT_PR_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new PullRequestError('network', `could not reach ${new URL(url).origin} (${cause}): check the API URL setting and the network`);
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
