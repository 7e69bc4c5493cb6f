// Real Git repositories for write-back tests: a work tree whose `origin` is a bare repository in the same temp dir.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface GitSandbox {
  readonly dir: string;
  /** The work tree (branch `main`, pushed to `origin` with upstream set). */
  readonly repo: string;
  /** The bare repository `origin` points at. */
  readonly origin: string;
  git(args: readonly string[], cwd?: string): string;
  write(path: string, text: string): void;
  read(path: string): string;
  /** Every byte of the work tree and the index, and the refs: to prove a refusal changed nothing. */
  snapshot(): string;
  remove(): void;
}

const QUIET_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

export function createGitSandbox(files: Readonly<Record<string, string>> = { 'app.yaml': 'replicas: 3\n', 'other.yaml': 'a: 1\n' }): GitSandbox {
  const dir = mkdtempSync(join(tmpdir(), 'ga-git-'));
  const repo = join(dir, 'repo');
  const origin = join(dir, 'origin.git');
  const git = (args: readonly string[], cwd = repo) => execFileSync('git', [...args], { cwd, env: QUIET_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(repo);
  git(['init', '--quiet', '--bare', '--initial-branch=main', origin], dir);
  git(['init', '--quiet', '--initial-branch=main']);
  git(['config', 'user.name', 'Test Person']);
  git(['config', 'user.email', 'test@example.com']);
  git(['config', 'commit.gpgsign', 'false']);
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  };
  for (const [path, text] of Object.entries(files)) write(path, text);
  git(['add', '.']);
  git(['commit', '--quiet', '-m', 'initial']);
  git(['remote', 'add', 'origin', origin]);
  git(['push', '--quiet', '-u', 'origin', 'main']);
  return {
    dir, repo, origin, git, write,
    read: (path) => readFileSync(join(repo, path), 'utf8'),
    snapshot: () => snapshotOf(repo, git),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

function snapshotOf(repo: string, git: (args: readonly string[]) => string): string {
  const parts: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(repo, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (path === '.git') continue;
      if (statSync(join(repo, path)).isDirectory()) walk(path);
      else parts.push(`${path}\n${readFileSync(join(repo, path), 'base64')}`);
    }
  };
  walk('');
  parts.push(`index ${readFileSync(join(repo, '.git', 'index'), 'base64')}`);
  parts.push(`HEAD ${readFileSync(join(repo, '.git', 'HEAD'), 'utf8')}`);
  parts.push(git(['for-each-ref', '--format=%(refname) %(objectname)']));
  return parts.join('\n');
}
