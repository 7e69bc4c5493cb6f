import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isEnvironmentBranchName } from '../../core/readiness/common-mistakes.js';
import type { BranchFacts, GitFacts } from '../../core/readiness/readiness-types.js';

const run = promisify(execFile);

/** `git …` in `cwd`; undefined when git fails (not a repository, no commit yet, git missing). */
async function git(cwd: string, args: readonly string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', [...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } });
    return stdout;
  } catch {
    return undefined;
  }
}

function lines(text: string | undefined): string[] {
  return (text ?? '').split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

const MANIFEST_PATHSPECS = ['*.yaml', '*.yml', '*.json'];

/**
 * What git knows about the folder `root` (which may be a subfolder of a repository: every path is relative to
 * it). Undefined when `root` is not inside a git work tree. Reads only; never fetches or changes anything.
 */
export async function readGitFacts(root: string): Promise<GitFacts | undefined> {
  if ((await git(root, ['rev-parse', '--is-inside-work-tree']))?.trim() !== 'true') return undefined;
  const [tracked, ignored, modified, count, shallow, branch, refs, remotes] = await Promise.all([
    git(root, ['ls-files', '--cached']),
    git(root, ['ls-files', '--others', '--ignored', '--exclude-standard', '--', ...MANIFEST_PATHSPECS]),
    git(root, ['diff', '--name-only', '--relative', 'HEAD']),
    git(root, ['rev-list', '--count', 'HEAD']),
    git(root, ['rev-parse', '--is-shallow-repository']),
    git(root, ['branch', '--show-current']),
    git(root, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']),
    git(root, ['remote', '-v']),
  ]);
  const fullRefs = lines(refs).filter((ref) => !/^refs\/remotes\/[^/]+\/HEAD$/.test(ref));
  const branches: BranchFacts[] = await Promise.all(fullRefs.map(async (ref) => {
    const name = ref.replace(/^refs\/(heads|remotes)\//, '');
    if (!isEnvironmentBranchName(name)) return { name };
    // In a subfolder ls-tree lists that subfolder, relative to it: the same frame as every other path here.
    return { name, paths: lines(await git(root, ['ls-tree', '-r', '--name-only', ref])) };
  }));
  const remoteUrls = [...new Set(lines(remotes).map((l) => l.split(/\s+/)[1] ?? '').filter((u) => u !== ''))];
  const currentBranch = branch?.trim();
  return {
    trackedPaths: lines(tracked),
    ignoredPaths: lines(ignored).filter((p) => !p.split('/').includes('node_modules')),
    modifiedPaths: lines(modified),
    commitCount: Number(count?.trim() ?? 0) || 0,
    isShallow: shallow?.trim() === 'true',
    ...(currentBranch ? { currentBranch } : {}),
    branches,
    remoteUrls,
  };
}

/** Files neither tracked nor ignored (new files), relative to root. */
export async function listUntrackedPaths(root: string): Promise<string[]> {
  return lines(await git(root, ['ls-files', '--others', '--exclude-standard']));
}
