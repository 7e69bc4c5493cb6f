// Opens the pull/merge request in the extension host, with the token VS Code gave (the GitHub session, the
// GitLab token from SecretStorage): the token never goes to the language server, whose requests a verbose
// trace logs. The HTTP client is core's (`openPullRequest`), given the host's global fetch.
import { DEFAULT_PR_TIMEOUT_MS, PullRequestError, type ForgeFetch } from '../../core/writeback/forge-http.js';
import { openPullRequest } from '../../core/writeback/pull-request-client.js';
import { choosePullRequestTarget } from '../../core/writeback/pull-request-target.js';
import type { PullRequestText } from '../../core/writeback/pull-request-text.js';
import { redactCredentials } from '../../core/writeback/redact-credentials.js';
import { parseRemoteUrl } from '../../core/writeback/remote-url.js';

export interface PullRequestToOpen {
  /** `github` and `gitlab` use their REST API; `compare`: the host's compare page to open. */
  readonly provider: 'github' | 'gitlab' | 'compare';
  /** The API base URL from the user's settings (GitHub Enterprise, a self-hosted GitLab); absent: the public host's. */
  readonly apiUrl?: string;
  readonly token?: string;
  readonly text: PullRequestText;
}

export interface PullRequestReport {
  /** The pull/merge request opened (or the one already open for the branch). */
  readonly pullRequestUrl?: string;
  /** The page where a person opens the pull request by hand (another host, no token, or the API failed). */
  readonly compareUrl?: string;
  /** Why no pull request was opened (the commit and the push stand). */
  readonly pullRequestError?: string;
}

/** The global fetch, each request stopped after DEFAULT_PR_TIMEOUT_MS. */
export const hostFetch: ForgeFetch = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(DEFAULT_PR_TIMEOUT_MS) });

/** After the push: opens the pull request from `head` into `base` on the remote's host; never throws for a forge's refusal. */
export async function openPullRequestFromHost(remoteUrl: string, base: string, head: string, request: PullRequestToOpen, fetchForge: ForgeFetch = hostFetch): Promise<PullRequestReport> {
  const repository = parseRemoteUrl(remoteUrl);
  if (!repository) return { pullRequestError: `the remote ${redactCredentials(remoteUrl)} is not a hosted repository: open the pull request by hand` };
  const provider = request.provider === 'compare' ? undefined : request.provider;
  const forges = provider && request.apiUrl ? { [repository.host]: { provider, apiBase: request.apiUrl } } : {};
  const target = choosePullRequestTarget(repository, base, head, forges, provider);
  if (target.kind === 'compare') return { compareUrl: target.compareUrl, ...(target.refusal ? { pullRequestError: target.refusal } : {}) };
  if (!request.token) return { compareUrl: target.compareUrl };
  try {
    const outcome = await openPullRequest({ target, branch: head, base, text: request.text, token: request.token, fetch: fetchForge });
    return outcome.kind === 'opened' ? { pullRequestUrl: outcome.url ?? target.compareUrl } : { compareUrl: outcome.url };
  } catch (error) {
    if (error instanceof PullRequestError) return { compareUrl: target.compareUrl, pullRequestError: error.message };
    throw error;
  }
}
