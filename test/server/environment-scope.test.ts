// Which file changes rebuild an environment's desired state.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../src/core/workspace/workspace-index.js';
import { scopeOf } from '../../src/server/drift/environment-scope.js';

const FILES: Record<string, string> = {
  'apps/base/api/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'apps/base/api/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n',
  'apps/prod/kustomization.yaml': 'resources:\n  - ../base/api\npatches:\n  - path: ../patches/replicas.yaml\n',
  'apps/patches/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 3\n',
  'apps/staging/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
};
const index = buildWorkspaceIndex(Object.entries(FILES).map(([p, t]) => parseManifest(p, t)), { entryType: () => 'file' });

describe('scopeOf (the files an environment is rendered from)', () => {
  const prod = scopeOf(index, 'apps/prod');

  it('includes files under the environment and what its kustomizations render from elsewhere', () => {
    assert.equal(prod.includes('apps/prod/kustomization.yaml'), true);
    assert.equal(prod.includes('apps/prod/new-file.yaml'), true);
    assert.equal(prod.includes('apps/base/api/deployment.yaml'), true, 'a base in another directory');
    assert.equal(prod.includes('apps/base/api/kustomization.yaml'), true);
    assert.equal(prod.includes('apps/patches/replicas.yaml'), true, 'a patch in another directory');
  });

  it('excludes the rest of the repository', () => {
    assert.equal(prod.includes('apps/staging/cm.yaml'), false);
    assert.equal(prod.includes('apps/production/x.yaml'), false, 'a sibling whose name starts the same');
    assert.equal(prod.includes('README.yaml'), false);
  });

  it('includes everything for the whole repository', () => {
    assert.equal(scopeOf(index, '').includes('anything/at/all.yaml'), true);
  });
});
