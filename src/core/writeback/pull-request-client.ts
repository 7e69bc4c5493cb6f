// Opens the pull/merge request the settings choose for the remote: GitHub or GitLab over REST when a token
// is at hand, else (another host, or no token) the compare URL for a person to open in a browser. Pure: the
// HTTP client is injected (`ForgeFetch`); the CLI and the extension host pass the global fetch, so the token
// stays in the process that holds it (never in a language-server request).
import type { PullRequestTarget } from './pull-request-target.js';
import type { PullRequestText } from './pull-request-text.js';
import { openGitHubPullRequest } from './github-pull-request.js';
import { openGitLabMergeRequest } from './gitlab-merge-request.js';
import type { ForgeFetch, PullRequestRequest } from './forge-http.js';

export type PullRequestOutcome =
  | { readonly kind: 'opened'; readonly url?: string; readonly number?: number; readonly existed: boolean }
  | { readonly kind: 'compare'; readonly url: string; readonly reason: string };

export interface OpenPullRequestOptions {
  readonly target: PullRequestTarget;
  readonly branch: string;
  readonly base: string;
  readonly text: PullRequestText;
  /** The token for the target's forge; undefined falls back to the compare URL. */
  readonly token?: string;
  readonly fetch: ForgeFetch;
}

/** Throws PullRequestError when the forge refuses (token, repository, network); the caller keeps the compare URL to offer. */
export async function openPullRequest(options: OpenPullRequestOptions): Promise<PullRequestOutcome> {
  const { target } = options;
  if (target.kind === 'compare') return { kind: 'compare', url: target.compareUrl, reason: target.refusal ?? `${target.repository.host} is not a known GitHub or GitLab host (set one in the pull-request settings)` };
  if (!options.token) return { kind: 'compare', url: target.compareUrl, reason: `no ${target.kind === 'github' ? 'GitHub' : 'GitLab'} token` };
  const req: PullRequestRequest = {
    apiBase: target.apiBase,
    repositoryPath: target.repository.path,
    token: options.token,
    branch: options.branch,
    base: options.base,
    title: options.text.title,
    body: options.text.body,
    webUrl: target.repository.webUrl,
    fetch: options.fetch,
  };
  const opened = target.kind === 'github' ? await openGitHubPullRequest(req) : await openGitLabMergeRequest(req);
  return { kind: 'opened', ...opened };
}
