// One write-back, start to end: check the repository, write the planned files, commit them on a new branch,
// push, and open the pull request, as far as the mode asks. Returns what happened in a shape the CLI prints
// and the server sends; throws GitRefusal / PlanApplyError (nothing changed, or the message says what stays).
import { unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EditPlan } from '../../core/edit/edit-plan.js';
import { choosePullRequestTarget, type ForgeSettings, type PullRequestProvider } from '../../core/writeback/pull-request-target.js';
import { pullRequestTextOf, type PullRequestContext } from '../../core/writeback/pull-request-text.js';
import { parseRemoteUrl } from '../../core/writeback/remote-url.js';
import type { FileChange } from '../../core/writeback/unified-diff.js';
import type { CommitResult } from '../git/git-writeback-api.js';
import { commitOnNewBranch, preflightWriteBack, repositoryPathsOf } from '../git/git-writeback.js';
import { GitRefusal } from '../git/git-writeback-api.js';
import { openPullRequest, type PullRequestOutcome } from '../../core/writeback/pull-request-client.js';
import { DEFAULT_PR_TIMEOUT_MS, PullRequestError, type ForgeFetch } from '../../core/writeback/forge-http.js';
import { applyPlanToFiles, planFileChanges, type PlannedTexts } from './apply-plan-to-files.js';

export const CODIFY_MODES = ['commit', 'branch+push', 'branch+push+pr'] as const;
/** `commit`: a new local branch with the commit; `branch+push`: pushed too; `branch+push+pr`: and a pull request. */
export type CodifyMode = (typeof CODIFY_MODES)[number];

export interface PullRequestOptions {
  /** The user's forges (never a repository file's: the API base receives the token). */
  readonly settings?: ForgeSettings;
  /** Forces the provider (CLI `--pr github|gitlab`); else the settings and known hosts decide. */
  readonly provider?: PullRequestProvider;
  /** The user's API base for `provider` on the remote's host (CLI `--api-url`); github.com and gitlab.com keep theirs. */
  readonly apiBase?: string;
  /** The token for a provider; undefined falls back to the compare URL. */
  token?(provider: PullRequestProvider): Promise<string | undefined> | string | undefined;
  /** Default: the global fetch, each request stopped after DEFAULT_PR_TIMEOUT_MS. */
  readonly fetch?: ForgeFetch;
}

export interface CodifyRequest {
  /** The workspace root the plan's paths are relative to (the repository's top level or a folder inside it). */
  readonly root: string;
  readonly plan: EditPlan;
  /** The planned files' texts at planning time (absent for files the plan creates). */
  readonly originals: PlannedTexts;
  readonly mode: CodifyMode;
  readonly branch: string;
  /** The drift story for the pull request's body. */
  readonly story: PullRequestContext;
  readonly pullRequest?: PullRequestOptions;
  readonly processEnv?: NodeJS.ProcessEnv;
}

export type PullRequestResult = PullRequestOutcome | { readonly kind: 'failed'; readonly message: string; readonly compareUrl?: string } | { readonly kind: 'unavailable'; readonly reason: string };

export interface CodifyResult {
  /** The files written, with their texts before and after. */
  readonly changes: readonly FileChange[];
  readonly commit: CommitResult;
  readonly pullRequest?: PullRequestResult;
}

/** The plan's files, checked and computed but not written: a dry run. */
export function previewCodify(req: Pick<CodifyRequest, 'root' | 'plan' | 'originals'>): FileChange[] {
  return planFileChanges(req.root, req.plan, req.originals).filter((c) => c.before !== c.after);
}

export async function runCodify(req: CodifyRequest): Promise<CodifyResult> {
  const env = req.processEnv;
  if (req.plan.files.length === 0) throw new Error('nothing to codify: the plan changes no file');
  const push = req.mode !== 'commit';
  // Every refusal that can be known before writing is raised here, with nothing written.
  await preflightWriteBack({ root: req.root, files: await repositoryPathsOf(req.root, req.plan.files.map((f) => f.path), env), branch: req.branch, push }, env);

  const changes = applyPlanToFiles(req.root, req.plan, req.originals);
  let commit: CommitResult;
  try {
    commit = await commitOnNewBranch({ root: req.root, files: await repositoryPathsOf(req.root, changes.map((c) => c.path), env), branch: req.branch, message: req.plan.commitMessage, push }, env);
  } catch (error) {
    // Nothing was committed: put the files back as they were, so the repository is as we found it.
    if (!(error instanceof GitRefusal && error.reason === 'push-rejected')) restoreTexts(req.root, changes);
    throw error;
  }
  if (req.mode !== 'branch+push+pr') return { changes, commit };
  return { changes, commit, pullRequest: await requestPullRequest(req, commit) };
}

async function requestPullRequest(req: CodifyRequest, commit: CommitResult): Promise<PullRequestResult> {
  const repository = commit.remote ? parseRemoteUrl(commit.remote.url) : undefined;
  if (!repository) return { kind: 'unavailable', reason: `the remote ${commit.remote?.url ?? ''} is not a hosted repository: open the pull request by hand` };
  const options = req.pullRequest ?? {};
  const forges = options.apiBase && options.provider ? { ...options.settings, [repository.host]: { provider: options.provider, apiBase: options.apiBase } } : options.settings;
  const target = choosePullRequestTarget(repository, commit.baseBranch, commit.branch, forges, options.provider);
  const text = pullRequestTextOf(req.plan, { ...req.story, diffUrl: req.story.diffUrl ?? target.compareUrl });
  try {
    const token = target.kind === 'compare' ? undefined : await options.token?.(target.kind);
    return await openPullRequest({ target, branch: commit.branch, base: commit.baseBranch, text, ...(token ? { token } : {}), fetch: options.fetch ?? fetchWithTimeout });
  } catch (error) {
    if (error instanceof PullRequestError) return { kind: 'failed', message: error.message, compareUrl: target.compareUrl };
    throw error;
  }
}

const fetchWithTimeout: ForgeFetch = (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(DEFAULT_PR_TIMEOUT_MS) });

function restoreTexts(root: string, changes: readonly FileChange[]): void {
  for (const c of changes) {
    try {
      if (c.before !== undefined) writeFileSync(join(root, c.path), c.before);
      else unlinkSync(join(root, c.path));
    } catch {
      // best effort: the error thrown says what failed
    }
  }
}
