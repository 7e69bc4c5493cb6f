import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Runs the real git in `cwd` with a fixed identity (tests never depend on the machine's git config). */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** A git repository whose history is the given commits, in order (each: message and files written). */
export function aGitRepository(commits: readonly { message: string; files: Record<string, string> }[], remote = 'git@github.com:acme/fleet.git'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ga-readiness-'));
  git(dir, 'init', '-q');
  git(dir, 'remote', 'add', 'origin', remote);
  for (const c of commits) {
    writeFiles(dir, c.files);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', c.message);
  }
  return dir;
}
