// Which forge opens the pull request for a remote: chosen by the user's settings (host → provider and API base
// URL), with github.com and gitlab.com known and never overridden; any other host gets the compare URL to open
// in a browser. The API base receives the user's token, so it never comes from a repository's files (only from
// the user's settings, CLI flags or environment) and must be https (plain http only to this machine).
import type { RemoteRepository } from './remote-url.js';

export type PullRequestProvider = 'github' | 'gitlab';

export interface ForgeSetting {
  readonly provider: PullRequestProvider;
  /** REST API base: `https://ghe.example.com/api/v3`, `https://gitlab.example.com/api/v4`. Default from the host. */
  readonly apiBase?: string;
}

/** Settings: host (as in the remote URL, lower case) → forge. */
export type ForgeSettings = Readonly<Record<string, ForgeSetting>>;

export type PullRequestTarget =
  | { readonly kind: PullRequestProvider; readonly apiBase: string; readonly repository: RemoteRepository; readonly compareUrl: string }
  | { readonly kind: 'compare'; readonly repository: RemoteRepository; readonly compareUrl: string; readonly refusal?: string };

const KNOWN: ForgeSettings = {
  'github.com': { provider: 'github', apiBase: 'https://api.github.com' },
  'gitlab.com': { provider: 'gitlab', apiBase: 'https://gitlab.com/api/v4' },
};

/**
 * The forge for a remote; `forced` (the CLI's `--pr github|gitlab`) overrides the host's setting. `settings` are
 * the user's own (never a repository file's): github.com and gitlab.com keep their known API. An API base that
 * is not https (except loopback) gives the compare URL with the reason in `refusal`: no token goes there.
 */
export function choosePullRequestTarget(repository: RemoteRepository, base: string, branch: string, settings: ForgeSettings = {}, forced?: PullRequestProvider): PullRequestTarget {
  const setting = KNOWN[repository.host] ?? settings[repository.host];
  const provider = forced ?? setting?.provider;
  if (!provider) return { kind: 'compare', repository, compareUrl: compareUrlOf(repository, base, branch, undefined) };
  const apiBase = ((setting?.provider === provider ? setting.apiBase : undefined) ?? defaultApiBase(repository, provider)).replace(/\/+$/, '');
  const compareUrl = compareUrlOf(repository, base, branch, provider);
  const refusal = apiBaseProblem(apiBase);
  if (refusal) return { kind: 'compare', repository, compareUrl, refusal };
  return { kind: provider, apiBase, repository, compareUrl };
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a token may not be sent to this API base URL (not https, credentials in it), or undefined when it may. */
export function apiBaseProblem(apiBase: string): string | undefined {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\s]+)(?:[/?#]\S*)?$/i.exec(apiBase.trim());
  if (!match) return `the API URL '${apiBase}' is not a URL`;
  const scheme = (match[1] ?? '').toLowerCase();
  const authority = match[2] ?? '';
  if (authority.includes('@')) return `the API URL ${authority.slice(authority.lastIndexOf('@') + 1)} carries credentials: give the token through the environment instead`;
  if (scheme === 'https') return undefined;
  const hostname = (authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d*$/, '')).toLowerCase();
  if (scheme === 'http' && LOOPBACK_HOSTS.has(hostname)) return undefined;
  return `the API URL ${scheme}://${authority} is not https: a token is only sent over https (plain http only to this machine)`;
}
function defaultApiBase(repository: RemoteRepository, provider: PullRequestProvider): string {
  const origin = repository.webUrl.slice(0, repository.webUrl.length - repository.path.length - 1);
  if (provider === 'github') return repository.host === 'github.com' ? 'https://api.github.com' : `${origin}/api/v3`;
  return `${origin}/api/v4`;
}

/** The page where a person opens the pull request by hand. */
export function compareUrlOf(repository: RemoteRepository, base: string, branch: string, provider: PullRequestProvider | undefined): string {
  const web = repository.webUrl;
  if (provider === 'gitlab' || (!provider && repository.host.includes('gitlab'))) {
    return `${web}/-/merge_requests/new?merge_request%5Bsource_branch%5D=${encodeURIComponent(branch)}&merge_request%5Btarget_branch%5D=${encodeURIComponent(base)}`;
  }
  if (!provider && repository.host === 'bitbucket.org') return `${web}/pull-requests/new?source=${encodeURIComponent(branch)}&dest=${encodeURIComponent(base)}`;
  // GitHub, GitHub Enterprise, Gitea and Forgejo share this shape.
  return `${web}/compare/${encodeRef(base)}...${encodeRef(branch)}?expand=1`;
}

function encodeRef(ref: string): string {
  return ref.split('/').map(encodeURIComponent).join('/');
}
