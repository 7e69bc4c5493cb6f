// Asks git where a folder sits in its repository and which remotes the repository has (for core's
// "is this source this repository" and "is this the repository root" decisions). Synchronous and bounded: the
// CLI lints synchronously and the server reads it once per scan. No git, or not a checkout: undefined.
import { execFileSync } from 'node:child_process';
import type { RepositoryFacts } from '../../core/ports.js';

const GIT_TIMEOUT_MS = 5000;

function git(dir: string, args: readonly string[]): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: GIT_TIMEOUT_MS, windowsHide: true });
  } catch {
    return undefined;
  }
}

export function readRepositoryFacts(dir: string): RepositoryFacts | undefined {
  const prefix = git(dir, ['rev-parse', '--show-prefix']);
  if (prefix === undefined) return undefined;
  // `config --get-regexp` exits 1 when nothing matches: a repository without remotes.
  const remotes = git(dir, ['config', '--get-regexp', '^remote\\..*\\.url$']) ?? '';
  const remoteUrls = remotes.split('\n').map((line) => line.trim().split(/\s+/)[1]).filter((url): url is string => !!url);
  return { prefix: prefix.trim().replace(/\/$/, ''), remoteUrls };
}
