// Which forge opens the pull request for a remote: chosen by settings (host → provider and API base URL),
// with github.com and gitlab.com known; any other host gets the compare URL to open in a browser.
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
  | { readonly kind: 'compare'; readonly repository: RemoteRepository; readonly compareUrl: string };

const KNOWN: ForgeSettings = {
  'github.com': { provider: 'github', apiBase: 'https://api.github.com' },
  'gitlab.com': { provider: 'gitlab', apiBase: 'https://gitlab.com/api/v4' },
};

/** The forge for a remote; `forced` (the CLI's `--pr github|gitlab`) overrides the host's setting. */
export function choosePullRequestTarget(repository: RemoteRepository, base: string, branch: string, settings: ForgeSettings = {}, forced?: PullRequestProvider): PullRequestTarget {
  const setting = settings[repository.host] ?? KNOWN[repository.host];
  const provider = forced ?? setting?.provider;
  if (!provider) return { kind: 'compare', repository, compareUrl: compareUrlOf(repository, base, branch, undefined) };
  const apiBase = (setting?.provider === provider ? setting.apiBase : undefined) ?? defaultApiBase(repository, provider);
  return { kind: provider, apiBase: apiBase.replace(/\/+$/, ''), repository, compareUrl: compareUrlOf(repository, base, branch, provider) };
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
