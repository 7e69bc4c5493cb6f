import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathInPatch, strategicMerge } from '../../../src/core/kustomize/strategic-merge.js';

const base = {
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          { name: 'sidecar', image: 'proxy:1', ports: [{ containerPort: 15000 }] },
          { name: 'api', image: 'api:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] },
        ],
        tolerations: [{ key: 'x' }],
      },
    },
  },
};

test('maps merge, null deletes, keyed lists merge by key, atomic lists are replaced', () => {
  const patch = {
    spec: {
      replicas: null,
      template: {
        spec: {
          containers: [{ name: 'api', env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }], resources: { limits: { memory: '1Gi' } } }, { name: 'sidecar', $patch: 'delete' }],
          tolerations: [{ key: 'y' }],
        },
      },
    },
  };
  assert.deepEqual(strategicMerge(base, patch), {
    spec: {
      template: {
        spec: {
          containers: [{ name: 'api', image: 'api:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }], resources: { limits: { memory: '1Gi' } } }],
          tolerations: [{ key: 'y' }],
        },
      },
    },
  });
});

test('a path in the merged object maps back to the patch through merge keys', () => {
  const patch = { spec: { template: { spec: { containers: [{ name: 'api', resourcez: {} }] } } } };
  const merged = strategicMerge(base, patch);
  assert.deepEqual(pathInPatch(merged, patch, ['spec', 'template', 'spec', 'containers', 1, 'resourcez']), ['spec', 'template', 'spec', 'containers', 0, 'resourcez']);
  assert.equal(pathInPatch(merged, patch, ['spec', 'template', 'spec', 'containers', 0, 'image']), undefined, 'the sidecar comes from the base');
  assert.equal(pathInPatch(merged, patch, ['spec', 'replicas']), undefined);
});
