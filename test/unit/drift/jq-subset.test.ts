import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileJq, JqSyntaxError } from '../../../src/core/drift/jq-subset.js';

const deployment = {
  metadata: { annotations: { 'example.com/a': 'x' } },
  spec: {
    replicas: 3,
    template: { spec: { containers: [{ name: 'istio-proxy', image: 'proxy' }, { name: 'app', image: 'app:1', env: [{ name: 'A' }] }] } },
  },
};

test('paths, iteration, select with == and string functions yield concrete paths', () => {
  assert.deepEqual(compileJq('.spec.replicas').evaluate(deployment), [['spec', 'replicas']]);
  assert.deepEqual(compileJq('.spec.template.spec.containers[] | select(.name == "app") | .image').evaluate(deployment), [['spec', 'template', 'spec', 'containers', 1, 'image']]);
  assert.deepEqual(compileJq('.spec.template.spec.containers[] | select(.name | startswith("istio"))').evaluate(deployment), [['spec', 'template', 'spec', 'containers', 0]]);
  assert.deepEqual(compileJq('.metadata.annotations."example.com/a"').evaluate(deployment), [['metadata', 'annotations', 'example.com/a']]);
  assert.deepEqual(compileJq('.metadata.annotations["example.com/a"]').evaluate(deployment), [['metadata', 'annotations', 'example.com/a']]);
  assert.deepEqual(compileJq('.spec.template.spec.containers[1].env[]?.name').evaluate(deployment), [['spec', 'template', 'spec', 'containers', 1, 'env', 0, 'name']]);
  assert.deepEqual(compileJq('.spec.template.spec.containers[] | select(.name != "app" and .image == "proxy")').evaluate(deployment), [['spec', 'template', 'spec', 'containers', 0]]);
});

test('absent paths select nothing', () => {
  assert.deepEqual(compileJq('.spec.missing.deeper').evaluate(deployment), []);
});

test('jq outside the subset is a clear error, not a silent no-op', () => {
  assert.throws(() => compileJq('.spec | keys'), JqSyntaxError);
  assert.throws(() => compileJq('del(.spec)'), JqSyntaxError);
});
