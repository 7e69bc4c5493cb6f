// The Git side of write-back on simple-git (contract: git-writeback-api.ts). Every check runs before anything
// changes; a failure after the branch was created puts the repository back as it was (the working tree is
// never touched: a new branch at HEAD is checked out without changing a file). Git never waits for a person:
// no editor, no terminal prompt, no ssh passphrase prompt, and a silent process is stopped after a while.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { GitRefusal, type CommitRequest, type CommitResult, type PreflightRequest, type PreflightResult } from './git-writeback-api.js';
import { redactCredentials } from '../../core/writeback/redact-credentials.js';

/** A git process that prints nothing for this long is stopped (a hook or a credential prompt waiting for a person). */
const SILENT_PROCESS_LIMIT_MS = 120_000;

/** Environment variables simple-git refuses unless allowed; we allow them only when the user's own environment sets them. */
const USER_ENV_PERMISSIONS: Readonly<Record<string, keyof NonNullable<SimpleGitOptions['unsafe']>>> = {
  GIT_ASKPASS: 'allowUnsafeAskPass',
  SSH_ASKPASS: 'allowUnsafeAskPass',
  GIT_SSH: 'allowUnsafeSshCommand',
  GIT_SSH_COMMAND: 'allowUnsafeSshCommand',
  GIT_PAGER: 'allowUnsafePager',
  PAGER: 'allowUnsafePager',
  GIT_PROXY_COMMAND: 'allowUnsafeGitProxy',
  GIT_EXTERNAL_DIFF: 'allowUnsafeDiffExternal',
  GIT_TEMPLATE_DIR: 'allowUnsafeTemplateDir',
  GIT_CONFIG: 'allowUnsafeConfigPaths',
  GIT_CONFIG_GLOBAL: 'allowUnsafeConfigPaths',
  GIT_CONFIG_SYSTEM: 'allowUnsafeConfigPaths',
  GIT_CONFIG_COUNT: 'allowUnsafeConfigEnvCount',
  GIT_EXEC_PATH: 'allowUnsafeConfigPaths',
  PREFIX: 'allowUnsafeConfigPaths',
  EDITOR: 'allowUnsafeEditor',
  GIT_SEQUENCE_EDITOR: 'allowUnsafeEditor',
};

const ENV_CONFIG_PERMISSIONS = [
  'allowUnsafeAlias', 'allowUnsafeAskPass', 'allowUnsafeEditor', 'allowUnsafeFsMonitor', 'allowUnsafeGitProxy', 'allowUnsafeHooksPath',
  'allowUnsafePager', 'allowUnsafeSshCommand', 'allowUnsafeCredentialHelper', 'allowUnsafeDiffExternal', 'allowUnsafeDiffTextConv',
  'allowUnsafeFilter', 'allowUnsafeGpgProgram', 'allowUnsafeTemplateDir', 'allowUnsafeMergeDriver', 'allowUnsafeConfigEnvCount',
] as const;

function gitAt(dir: string, processEnv: NodeJS.ProcessEnv = process.env): SimpleGit {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) env[k] = v;
  Object.assign(env, { GIT_EDITOR: 'true', GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' });
  // No ssh passphrase or host-key prompt, unless the user chose their own ssh command (the environment, or
  // `core.sshCommand` for a deploy key or an agent such as 1Password's: GIT_SSH_COMMAND would override it).
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined && !hasConfiguredSshCommand(dir, env)) env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  // Whatever ssh runs, it never opens an askpass window; GIT_TERMINAL_PROMPT=0 keeps https from asking.
  env.SSH_ASKPASS_REQUIRE = 'never';
  const unsafe: NonNullable<SimpleGitOptions['unsafe']> = { allowUnsafeEditor: true, allowUnsafeSshCommand: true };
  for (const key of Object.keys(env)) {
    const permission = USER_ENV_PERMISSIONS[key.toUpperCase()];
    if (permission) (unsafe as Record<string, boolean>)[permission] = true;
  }
  // Configuration given through the environment (GIT_CONFIG_COUNT / _KEY_n / _VALUE_n, as editors' terminals
  // set it) is the user's own: allowed whatever it configures. Our arguments never carry configuration.
  if (env.GIT_CONFIG_COUNT !== undefined) for (const permission of ENV_CONFIG_PERMISSIONS) (unsafe as Record<string, boolean>)[permission] = true;
  return simpleGit({ baseDir: dir, unsafe, timeout: { block: SILENT_PROCESS_LIMIT_MS }, errors: failOnExitCode }).env(env);
}

/** Whether `core.sshCommand` is set for this repository (its own, the user's or the environment's configuration). */
function hasConfiguredSshCommand(dir: string, env: NodeJS.ProcessEnv): boolean {
  try {
    return execFileSync('git', ['config', '--get', 'core.sshCommand'], { cwd: dir, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim() !== '';
  } catch {
    return false; // exit 1: not set
  }
}

/** simple-git takes a failing git that prints nothing on stderr (a silent hook) for a success: any exit code but 0 fails here. */
function failOnExitCode(error: Buffer | Error | undefined, result: { exitCode: number; stdOut: Buffer[]; stdErr: Buffer[] }): Buffer | Error | undefined {
  if (error || result.exitCode === 0) return error;
  const said = Buffer.concat([...result.stdOut, ...result.stdErr]).toString('utf8').trim();
  return Buffer.from(said === '' ? `git exited with code ${result.exitCode}` : said);
}

/** `git …` output, or '' when git fails: for questions whose "no" is an exit code (`rev-parse --verify --quiet`). */
async function ask(git: SimpleGit, args: readonly string[]): Promise<string> {
  return git.raw([...args]).catch(() => '');
}

/** `git …` output; throws git's message (credentials removed) when git fails. */
async function run(git: SimpleGit, args: readonly string[]): Promise<string> {
  try {
    return await git.raw([...args]);
  } catch (error) {
    throw new Error(gitMessage(error));
  }
}

/** Git's own words, credentials removed, at most a few lines. */
export function gitMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const lines = redactCredentials(text).split('\n').map((l) => l.trim()).filter((l) => l !== '' && !/^hint:/.test(l));
  return lines.slice(0, 6).join(' ').slice(0, 600);
}

interface RepositoryState extends PreflightResult {
  readonly git: SimpleGit;
}

/** The checks every write-back needs; throws a GitRefusal. `files` are checked for uncommitted changes only when `checkTargets`. */
async function inspect(req: PreflightRequest, checkTargets: boolean, env?: NodeJS.ProcessEnv): Promise<RepositoryState> {
  let root: string;
  try {
    root = realpathSync(req.root);
  } catch {
    throw new GitRefusal('not-a-repository', `${req.root} does not exist.`);
  }
  const probe = gitAt(root, env);
  let topLevel: string;
  try {
    topLevel = (await probe.raw(['rev-parse', '--show-toplevel'])).trim();
  } catch {
    topLevel = '';
  }
  if (topLevel === '') throw new GitRefusal('not-a-repository', `${req.root} is not inside a Git working tree: write-back commits to the repository the manifests live in (run git init, or open the repository's folder).`);
  const git = gitAt(topLevel, env);
  if ((await ask(git, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim() === '') {
    throw new GitRefusal('not-a-repository', `The repository at ${topLevel} has no commit yet: commit the manifests once, then write back.`);
  }
  const branch = (await ask(git, ['symbolic-ref', '--quiet', '--short', 'HEAD'])).trim();
  if (branch === '') throw new GitRefusal('detached-head', `HEAD is detached in ${topLevel}: check out the branch the change should start from (git switch BRANCH), then write back.`);

  const operation = await operationInProgress(git);
  if (operation) {
    const advice = operation === 'bisect' ? 'end it (git bisect reset)' : `finish it (git ${operation} --continue) or abort it (git ${operation} --abort)`;
    throw new GitRefusal('operation-in-progress', `A ${operation} is in progress in ${topLevel}: ${advice}, then write back.`);
  }

  const planned = new Set(req.files);
  const staged = parseStatus(await run(git, ['status', '--porcelain=v1', '-z', '--untracked-files=no', '--no-renames', '--ignore-submodules=none']))
    .filter((e) => e.index !== ' ' && e.index !== '?' && e.index !== '!');
  const unrelated = staged.filter((e) => !planned.has(e.path)).map((e) => e.path);
  if (unrelated.length > 0) {
    throw new GitRefusal('unrelated-staged', `Changes to other files are staged (${listPaths(unrelated)}): commit or unstage them first (git restore --staged -- FILE), so the write-back commit holds only its own change.`);
  }
  if (req.files.length > 0) {
    const targets = parseStatus(await run(git, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', ...req.files]));
    // Before the plan is applied no planned file may differ from HEAD; after it, only the working tree may (our edit).
    const modified = targets.filter((e) => checkTargets || (e.index !== ' ' && e.index !== '?')).map((e) => e.path);
    if (modified.length > 0) {
      throw new GitRefusal('target-modified', `${listPaths(modified)} ${modified.length === 1 ? 'has' : 'have'} uncommitted changes: commit or stash them first (git stash), so the write-back commit holds only the planned edit.`);
    }
  }
  const remote = await chooseRemote(git, branch);
  return { git, topLevel, branch, ...(remote ? { remote } : {}) };
}

async function operationInProgress(git: SimpleGit): Promise<string | undefined> {
  const markers: readonly [string, string][] = [
    ['MERGE_HEAD', 'merge'], ['rebase-merge', 'rebase'], ['rebase-apply', 'rebase'],
    ['CHERRY_PICK_HEAD', 'cherry-pick'], ['REVERT_HEAD', 'revert'], ['BISECT_LOG', 'bisect'],
  ];
  const paths = (await run(git, ['rev-parse', '--path-format=absolute', ...markers.flatMap(([m]) => ['--git-path', m])])).split('\n');
  const found = markers.find((_, i) => existsSync((paths[i] ?? '').trim()));
  if (!found) return undefined;
  // `git rebase --abort` also ends a `git am` session (rebase-apply), close enough for the advice.
  return found[1];
}

interface StatusEntry {
  readonly index: string;
  readonly worktree: string;
  readonly path: string;
}

function parseStatus(text: string): StatusEntry[] {
  return text.split('\0').filter((e) => e.length > 3).map((e) => ({ index: e[0] as string, worktree: e[1] as string, path: e.slice(3) }));
}

function listPaths(paths: readonly string[]): string {
  return paths.length <= 3 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}

/** The branch's upstream remote, else the only remote, else none. The URL carries no credentials. */
async function chooseRemote(git: SimpleGit, branch: string): Promise<{ name: string; url: string } | undefined> {
  const configured = (await ask(git, ['config', '--get', `branch.${branch}.remote`])).trim();
  const remotes = (await run(git, ['remote'])).split('\n').map((r) => r.trim()).filter((r) => r !== '');
  const name = remotes.includes(configured) ? configured : remotes.length === 1 ? remotes[0] : undefined;
  if (name === undefined) return undefined;
  // The fetch URL names the hosted repository (for a pull request); a separate push URL is git's business.
  const url = (await ask(git, ['remote', 'get-url', name])).trim();
  return { name, url: redactCredentials(url) };
}

/** Checks, before anything is written, that the planned files can be committed on a new branch without losing anything. */
export async function preflightWriteBack(req: PreflightRequest, env?: NodeJS.ProcessEnv): Promise<PreflightResult> {
  const state = await inspect(req, true, env);
  if (req.branch !== undefined) await checkBranch(state, req.branch, req.push ?? false);
  const { git: _git, ...result } = state;
  return result;
}

/** The new branch must be a valid name that exists neither locally nor (when pushing) on the remote; pushing needs a remote. */
async function checkBranch(state: RepositoryState, branch: string, push: boolean): Promise<void> {
  const { git, remote, branch: baseBranch } = state;
  const refCheck = await ask(git, ['check-ref-format', '--branch', branch]);
  if (refCheck.trim() === '' || branch.startsWith('-')) throw new Error(`'${branch}' is not a valid branch name`);
  if ((await ask(git, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])).trim() !== '') {
    throw new GitRefusal('branch-exists', `A branch named ${branch} already exists: choose another name (or delete it: git branch -D ${branch}).`);
  }
  if (push && !remote) throw new GitRefusal('no-remote', `The repository has no remote to push to (or several and ${baseBranch} tracks none): add one (git remote add origin URL), set the branch's upstream, or commit without pushing.`);
  if (push && remote && (await ask(git, ['rev-parse', '--verify', '--quiet', `refs/remotes/${remote.name}/${branch}`])).trim() !== '') {
    throw new GitRefusal('branch-exists', `${remote.name} already has a branch named ${branch}: choose another name.`);
  }
}

/** Paths relative to `root` (a folder inside a repository) as the repository names them (relative to its top level, POSIX). */
export async function repositoryPathsOf(root: string, files: readonly string[], env?: NodeJS.ProcessEnv): Promise<string[]> {
  const topLevel = await findRepositoryTopLevel(root, env);
  const prefix = topLevel ? relative(topLevel, realpathSync(root)).split(sep).filter((p) => p !== '').join('/') : '';
  return files.map((f) => (prefix ? `${prefix}/${f}` : f));
}

/** The repository's top level for a directory inside it, or undefined when there is none. */
export async function findRepositoryTopLevel(dir: string, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  try {
    const top = (await gitAt(realpathSync(dir), env).raw(['rev-parse', '--show-toplevel'])).trim();
    return top === '' ? undefined : top;
  } catch {
    return undefined;
  }
}

/**
 * Called once the plan is applied to the working tree (so only the working tree of a planned file may differ
 * from HEAD; call `preflightWriteBack` before applying). Creates `req.branch` at HEAD, checks it out, stages
 * only the planned files, commits, and pushes when asked (set upstream, never forced). A commit that fails
 * (a hook, no author identity) leaves the repository as it was; a push that fails keeps the branch and its
 * commit and says how to push again.
 */
export async function commitOnNewBranch(req: CommitRequest, env?: NodeJS.ProcessEnv): Promise<CommitResult> {
  const state = await inspect(req, false, env);
  const { git, branch: baseBranch, remote } = state;
  if (req.files.length === 0) throw new Error('nothing to commit: the plan names no file');
  await checkBranch(state, req.branch, req.push);
  const indexPath = (await run(git, ['rev-parse', '--path-format=absolute', '--git-path', 'index'])).trim();
  const savedIndex = readFileSync(indexPath);
  await run(git, ['switch', '--quiet', '--create', req.branch]);
  let commit: string;
  try {
    await run(git, ['add', '--', ...req.files]);
    await run(git, ['commit', '--quiet', '--no-edit', '--cleanup=verbatim', '--message', req.message, '--', ...req.files]);
    commit = (await run(git, ['rev-parse', 'HEAD'])).trim();
  } catch (error) {
    await restore(git, req, baseBranch, () => writeFileSync(indexPath, savedIndex));
    throw new Error(`git could not commit (${error instanceof Error ? error.message : String(error)}); nothing was committed, ${baseBranch} is checked out again and the edited files keep their changes.`);
  }
  if (!req.push || !remote) return { branch: req.branch, baseBranch, commit, pushed: false, ...(remote ? { remote } : {}) };
  try {
    await run(git, ['push', '--quiet', '--set-upstream', '--', remote.name, `refs/heads/${req.branch}:refs/heads/${req.branch}`]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GitRefusal('push-rejected', `The push to ${remote.name} (${remote.url}) failed: ${pushAdvice(reason)} The commit ${commit.slice(0, 12)} stays on the local branch ${req.branch}; once that is fixed, run: git push -u ${remote.name} ${req.branch}`);
  }
  return { branch: req.branch, baseBranch, commit, pushed: true, remote };
}

/** What to fix for a failed push, from git's (already redacted) words. */
function pushAdvice(reason: string): string {
  if (/authentication|could not read (username|password)|permission denied|403|401|terminal prompts disabled/i.test(reason)) {
    return `the remote refused the credentials (${reason}). Sign in to the remote for git (a credential helper or ssh key).`;
  }
  if (/could not resolve host|unable to access|connection|timed out|network|block timeout/i.test(reason)) return `the remote could not be reached (${reason}).`;
  if (/hook declined|pre-receive|protected/i.test(reason)) return `the remote's rules declined the branch (${reason}).`;
  return `${reason}.`;
}

/** Back to the state before `commitOnNewBranch`: the base branch checked out, the new branch gone, the index as it was (the working tree keeps the edits). */
async function restore(git: SimpleGit, req: CommitRequest, baseBranch: string, restoreIndex: () => void): Promise<void> {
  await run(git, ['switch', '--quiet', baseBranch]).catch(() => undefined);
  await run(git, ['branch', '--quiet', '-D', req.branch]).catch(() => undefined);
  try {
    // The index as it was, byte for byte (stat data included); else at least the planned files unstaged.
    restoreIndex();
  } catch {
    await run(git, ['reset', '--quiet', 'HEAD', '--', ...req.files]).catch(() => undefined);
  }
}
