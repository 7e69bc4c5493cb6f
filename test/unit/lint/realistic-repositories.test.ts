// False alarms on real repositories are the worst failure of a linter. These fixtures are shaped like public
// GitOps repositories (a Flux bootstrap fleet with an Argo CD app-of-apps; a Flux Operator homelab with
// components, SOPS and patched postBuild variables): the GitOps rules must find nothing in them, and must find
// exactly the planted mistakes in a broken copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingMarkers, lintDirectory } from '../../support/lint-fixture.js';

const BASE = 'test/fixtures/lint/flux-source/realistic';
// Rules whose findings in these repositories are intended (unpinned tags and the like are not planted here).
const CHECKED = ['resources', 'status-in-git', 'selector-mismatch', 'dangling-reference', 'kustomization-ref', 'flux-source', 'argo-source', 'helm-version', 'privileged-container', 'host-path', 'run-as-root'];

function gitopsFindings(dir: string): string[] {
  return lintDirectory(dir).filter((f) => CHECKED.includes(f.ruleId)).map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}: ${f.message}`);
}

for (const repo of ['fleet', 'homelab']) {
  test(`no GitOps finding in a healthy ${repo} repository`, () => {
    assert.deepEqual(gitopsFindings(`${BASE}/${repo}`), []);
  });
}

test('planted mistakes in the fleet repository are each found once, on their line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ga-fleet-'));
  try {
    cpSync(`${BASE}/fleet`, dir, { recursive: true });
    const edit = (path: string, from: string, to: string) => {
      const text = readFileSync(join(dir, path), 'utf8');
      assert.ok(text.includes(from), `${path} lacks '${from}'`);
      writeFileSync(join(dir, path), text.replace(from, to));
    };
    edit('clusters/staging/apps.yaml', 'path: ./apps/staging', 'path: ./apps/stagin');
    edit('apps/base/podinfo/deployment.yaml', 'name: podinfo-config', 'name: podinfo-cfg');
    edit('argocd/apps/team-a.yaml', 'path: tenants/team-a', 'path: tenants/team-b');
    edit('apps/production/kustomization.yaml', '  - redis.yaml', '  - redis.yaml\n  - missing.yaml');
    edit('apps/production/redis.yaml', 'version: 20.2.1', 'version: ">=20.0.0"');
    edit('tenants/team-a/app.yaml', 'app.kubernetes.io/name: db\n        app.kubernetes.io/part-of', 'app.kubernetes.io/name: database\n        app.kubernetes.io/part-of');
    assert.deepEqual(findingMarkers(lintDirectory(dir)).filter((m) => CHECKED.some((id) => m.endsWith(` ${id}`))), [
      'apps/base/podinfo/deployment.yaml:39 dangling-reference',
      'apps/production/kustomization.yaml:7 kustomization-ref',
      'apps/production/redis.yaml:19 helm-version',
      'argocd/apps/team-a.yaml:11 argo-source',
      'clusters/staging/apps.yaml:13 flux-source',
      'tenants/team-a/app.yaml:11 selector-mismatch',
      'tenants/team-a/app.yaml:53 dangling-reference', // the headless Service now selects no pod either
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
