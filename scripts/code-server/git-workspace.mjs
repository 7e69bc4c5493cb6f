// The folder code-server opens: a copy of a fixture repository made into a real git repository whose
// `origin` is a bare repository next to it, so branch, commit and push work as they would for a user.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function git(cwd, ...args) {
  execFileSync('git', ['-c', 'user.name=GitOps Demo', '-c', 'user.email=demo@example.invalid', ...args], { cwd, stdio: 'pipe' });
}

/**
 * Copies `fixture` into `dir/name` (replacing what was there) and pushes it to `dir/name-remote.git`.
 * @param {string} fixture @param {string} dir @param {string} name
 * @returns {{ workspace: string, remote: string }}
 */
export function makeGitWorkspace(fixture, dir, name) {
  const workspace = join(dir, name);
  const remote = join(dir, `${name}-remote.git`);
  rmSync(workspace, { recursive: true, force: true });
  rmSync(remote, { recursive: true, force: true });
  cpSync(fixture, workspace, { recursive: true });
  git(dir, 'init', '-q', '--bare', '-b', 'main', remote);
  git(workspace, 'init', '-q', '-b', 'main');
  // Commits made in the editor need an identity even on a machine without a global git config.
  git(workspace, 'config', 'user.name', 'GitOps Demo');
  git(workspace, 'config', 'user.email', 'demo@example.invalid');
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'Initial import of the demo repository');
  git(workspace, 'remote', 'add', 'origin', remote);
  git(workspace, 'push', '-q', '-u', 'origin', 'main');
  return { workspace, remote };
}
