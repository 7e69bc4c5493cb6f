// The write-back settings as the extension reads them, and which pull-request host a remote is. Pure
// (unit-tested in plain Node).
import { apiBaseProblem, choosePullRequestTarget, type ForgeSetting } from '../../core/writeback/pull-request-target.js';
import { parseRemoteUrl } from '../../core/writeback/remote-url.js';
import { SETTINGS_SECTION } from '../../protocol/settings.js';
import type { WriteBackMode } from '../../protocol/writeback-messages.js';

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

/** SecretStorage key of the GitLab token (set by the command `gitopsAuthoring.writeBack.setGitLabToken`). */
export const GITLAB_TOKEN_SECRET_KEY = 'gitopsAuthoring.writeBack.gitlabToken';

export function readWriteBackMode(value: unknown): WriteBackMode {
  return typeof value === 'string' && (WRITEBACK_MODES as readonly string[]).includes(value) ? (value as WriteBackMode) : DEFAULT_WRITEBACK_MODE;
}

/**
 * The branch template the user set (`inspect()`: folder, workspace or user value); '' when none is set, so the
 * server takes the repository's (`writeBack.branchTemplate` of `.gitops-authoring.yaml`), else the default.
 */
export function branchTemplateFromInspection(inspection: { readonly workspaceFolderValue?: unknown; readonly workspaceValue?: unknown; readonly globalValue?: unknown } | undefined): string {
  for (const value of [inspection?.workspaceFolderValue, inspection?.workspaceValue, inspection?.globalValue]) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return '';
}

/**
 * An API base URL from `WorkspaceConfiguration.inspect()`: only the user/machine value counts (a repository
 * must not choose where your token goes); `https:` only (plain http to this machine), without a trailing slash:
 * core's `apiBaseProblem`, the same rule as the CLI's.
 */
export function apiUrlFromInspection(inspection: { readonly globalValue?: unknown } | undefined): string | undefined {
  const value = inspection?.globalValue;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim().replace(/\/+$/, '');
  return apiBaseProblem(trimmed) === undefined ? trimmed : undefined;
}

export type PullRequestHost = { readonly provider: 'github'; readonly apiUrl?: string; readonly enterprise: boolean } | { readonly provider: 'gitlab'; readonly apiUrl?: string } | { readonly provider: 'compare' };

/**
 * Which API opens a pull request for this remote, and so which token to get: github.com, gitlab.com, or the
 * host of the GitHub Enterprise / GitLab API URL setting (`api.` before the host is the same host); any other
 * host: the compare page.
 */
export function pullRequestHostOf(remoteUrl: string, settings: { readonly githubApiUrl?: string; readonly gitlabApiUrl?: string }): PullRequestHost {
  const repository = parseRemoteUrl(remoteUrl);
  if (!repository) return { provider: 'compare' };
  const forges: Record<string, ForgeSetting> = {};
  for (const [provider, apiUrl] of [['gitlab', settings.gitlabApiUrl], ['github', settings.githubApiUrl]] as const) {
    const host = apiUrl ? /^https?:\/\/([^/:]+)/i.exec(apiUrl)?.[1]?.toLowerCase() : undefined;
    if (host && apiUrl) for (const h of [host, host.replace(/^api\./, '')]) forges[h] = { provider, apiBase: apiUrl };
  }
  const target = choosePullRequestTarget(repository, 'main', 'head', forges);
  if (target.kind === 'compare') return { provider: 'compare' };
  const configured = forges[repository.host]?.apiBase;
  if (target.kind === 'github') return { provider: 'github', enterprise: repository.host !== 'github.com', ...(configured ? { apiUrl: configured } : {}) };
  return { provider: 'gitlab', ...(configured ? { apiUrl: configured } : {}) };
}
