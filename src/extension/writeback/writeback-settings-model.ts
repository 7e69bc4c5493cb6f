// The write-back settings as the extension reads them, and which pull-request host a remote is. Pure
// (unit-tested in plain Node).
import type { WriteBackMode } from '../../protocol/writeback-messages.js';
import { SETTINGS_SECTION } from '../../protocol/settings.js';

export const WRITEBACK_SETTINGS = {
  mode: 'writeBack.mode',
  branchTemplate: 'writeBack.branchTemplate',
  githubApiUrl: 'writeBack.github.apiUrl',
  gitlabApiUrl: 'writeBack.gitlab.apiUrl',
} as const;

/** Full ids (`gitopsAuthoring.writeBack.mode`), as package.json declares them. */
export const WRITEBACK_SETTING_IDS: readonly string[] = Object.values(WRITEBACK_SETTINGS).map((key) => `${SETTINGS_SECTION}.${key}`);

export const WRITEBACK_MODES: readonly WriteBackMode[] = ['commit', 'branch+push', 'branch+push+pr'];
export const DEFAULT_WRITEBACK_MODE: WriteBackMode = 'branch+push';
export const DEFAULT_BRANCH_TEMPLATE = 'gitops/codify-{kind}-{name}-{date}';

/** SecretStorage key of the GitLab token (set by the command `gitopsAuthoring.writeBack.setGitLabToken`). */
export const GITLAB_TOKEN_SECRET_KEY = 'gitopsAuthoring.writeBack.gitlabToken';

export function readWriteBackMode(value: unknown): WriteBackMode {
  return typeof value === 'string' && (WRITEBACK_MODES as readonly string[]).includes(value) ? (value as WriteBackMode) : DEFAULT_WRITEBACK_MODE;
}

export function readBranchTemplate(value: unknown): string {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULT_BRANCH_TEMPLATE;
}

/**
 * An API base URL from `WorkspaceConfiguration.inspect()`: only the user/machine value counts (a repository
 * must not choose where your token goes); `https:` only, without a trailing slash.
 */
export function apiUrlFromInspection(inspection: { readonly globalValue?: unknown } | undefined): string | undefined {
  const value = inspection?.globalValue;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim().replace(/\/+$/, '');
  return /^https:\/\/[^/\s]+/i.test(trimmed) ? trimmed : undefined;
}

export type PullRequestHost = { readonly provider: 'github'; readonly apiUrl?: string; readonly enterprise: boolean } | { readonly provider: 'gitlab'; readonly apiUrl?: string } | { readonly provider: 'compare' };

/**
 * Which API opens a pull request for this remote: github.com (or the GitHub Enterprise host of the API URL
 * setting), gitlab.com (or the GitLab host of its API URL setting); any other host: the compare page.
 */
export function pullRequestHostOf(remoteUrl: string, settings: { readonly githubApiUrl?: string; readonly gitlabApiUrl?: string }): PullRequestHost {
  const host = hostOfRemote(remoteUrl);
  if (!host) return { provider: 'compare' };
  const githubHost = settings.githubApiUrl ? hostOfUrl(settings.githubApiUrl) : undefined;
  const gitlabHost = settings.gitlabApiUrl ? hostOfUrl(settings.gitlabApiUrl) : undefined;
  if (host === 'github.com') return { provider: 'github', enterprise: false };
  if (githubHost && sameHost(host, githubHost)) return { provider: 'github', apiUrl: settings.githubApiUrl as string, enterprise: true };
  if (host === 'gitlab.com') return { provider: 'gitlab' };
  if (gitlabHost && sameHost(host, gitlabHost)) return { provider: 'gitlab', apiUrl: settings.gitlabApiUrl as string };
  return { provider: 'compare' };
}

/** `git@host:owner/repo.git`, `ssh://git@host:22/…`, `https://host/…` → `host` (lower case); undefined for a local path. */
export function hostOfRemote(remoteUrl: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)/.exec(remoteUrl);
  if (scp) return (scp[1] as string).toLowerCase();
  return hostOfUrl(remoteUrl);
}

function hostOfUrl(url: string): string | undefined {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?([^:/]+)/i.exec(url);
  return match ? (match[1] as string).toLowerCase() : undefined;
}

/** `api.github.example` and `github.example` are the same GitHub Enterprise host. */
function sameHost(remoteHost: string, apiHost: string): boolean {
  return remoteHost === apiHost || `api.${remoteHost}` === apiHost;
}
