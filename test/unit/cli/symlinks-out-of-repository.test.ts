// A repository must never make us read files outside it: a symbolic link whose real path leaves the scanned
// folder (`-> ..`, an absolute path) is neither walked nor read, by the CLI and the language server alike; a
// second name for a directory inside it is not walked twice, and paths through it still resolve. Real links in
// a temporary directory.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { scanRepository } from '../../../src/adapters/fs/scan-repository.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { nodeWorkspaceSource } from '../../../src/server/node-workspace-source.js';
import { configMap, REPOSITORY_MANIFESTS, writeSymlinkedRepository } from '../../support/symlinked-repository.js';

function withRepository(run: (repo: string) => void): void {
  const base = mkdtempSync(join(tmpdir(), 'ga-symlinks-'));
  try {
    run(writeSymlinkedRepository(base).repo);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

test('the scan neither lists nor walks links out of the repository, and walks a directory linked twice once', () => withRepository((repo) => {
  const scan = scanRepository(repo);
  assert.deepEqual([...scan.manifestPaths].sort(), REPOSITORY_MANIFESTS);
  for (const path of ['up', 'up/outside/secret.yaml', 'apps/ext', 'apps/ext/secret.yaml', 'linked.yaml']) assert.equal(scan.listing.entryType(path), undefined, path);
  // Paths through the second name resolve as its target's.
  assert.equal(scan.listing.entryType('current'), 'directory');
  assert.equal(scan.listing.entryType('current/kustomization.yaml'), 'file');
  assert.equal(scan.listing.entryType('current/missing.yaml'), undefined);
}));

test('the scan lists no FIFO: reading one named like a manifest would block for ever', () => withRepository((repo) => {
  const made = spawnSync('mkfifo', [join(repo, 'apps', 'pipe.yaml')]);
  assert.equal(made.status, 0, String(made.stderr));
  assert.deepEqual([...scanRepository(repo).manifestPaths].sort(), REPOSITORY_MANIFESTS);
  assert.equal(scanRepository(repo).listing.entryType('apps/pipe.yaml'), undefined);
}));

test('lint of a directory reads no file out of it through a link, and a kustomization through a linked directory builds', () => withRepository((repo) => {
  let stdout = '';
  const code = runCli(['lint', repo, '--format', 'json'], { stdout: (t) => (stdout += t), stderr: () => undefined, readStdin: () => '', isTty: false, version: '0' });
  const report = JSON.parse(stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
  assert.deepEqual(report.files.map((f) => f.path.slice(repo.length + 1)).sort(), REPOSITORY_MANIFESTS);
  assert.deepEqual(report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === 'kustomization-ref').map((x) => x.message)), []);
  assert.doesNotMatch(stdout, /outside/);
  assert.equal(code, 0);
}));

test('the language server\'s workspace source reads no file whose real path is out of the folder', () => withRepository((repo) => {
  assert.deepEqual([...nodeWorkspaceSource.scan(repo).manifestPaths].sort(), REPOSITORY_MANIFESTS);
  assert.equal(nodeWorkspaceSource.readText(repo, 'apps/cm.yaml'), configMap('inside'));
  // As a file watcher could report them: through a link, never read.
  assert.equal(nodeWorkspaceSource.readText(repo, 'linked.yaml'), undefined);
  assert.equal(nodeWorkspaceSource.readText(repo, 'up/outside/secret.yaml'), undefined);
  assert.equal(nodeWorkspaceSource.readText(repo, 'apps/ext/secret.yaml'), undefined);
}));
