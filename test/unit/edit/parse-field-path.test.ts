// Field paths as drift prints them read back into segments, and the words of plans.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatFieldPath } from '../../../src/core/drift/field-path.js';
import { describeAttribution, describeValue } from '../../../src/core/edit/describe-change.js';
import { parseFieldPath } from '../../../src/core/edit/parse-field-path.js';

describe('parseFieldPath', () => {
  it('reads keys, quoted keys, indexes and merge keys, and formats back to the same text', () => {
    for (const text of ['.spec.replicas', '.spec.template.spec.containers[name="app"].image', '.metadata.annotations["example.com/x"]', '.spec.ports[containerPort=80,protocol="TCP"].name', '.spec.args[0]']) {
      const segments = parseFieldPath(text);
      assert.ok(segments, text);
      assert.equal(formatFieldPath(segments), text);
    }
    assert.deepEqual(parseFieldPath('.spec.template.spec.containers[name="a]b"].image'), ['spec', 'template', 'spec', 'containers', { index: -1, key: { name: 'a]b' } }, 'image']);
  });

  it('refuses what is no path', () => {
    for (const text of ['', 'spec.replicas', '.spec..replicas', '.spec[', '.spec[name=]', '.spec["x]']) assert.equal(parseFieldPath(text), undefined, text);
  });
});

describe('describe-change', () => {
  it('names who changed a field as a person says it', () => {
    assert.equal(describeAttribution({ manager: 'kubectl', operation: 'Update', subresource: 'scale' }), 'kubectl scale');
    assert.equal(describeAttribution({ manager: 'kubectl-set', operation: 'Update' }), 'kubectl set');
    assert.equal(describeAttribution({ manager: 'kubectl-client-side-apply', operation: 'Update' }), 'kubectl apply');
    assert.equal(describeAttribution({ manager: 'k9s', operation: 'Update' }), 'k9s');
    assert.equal(describeAttribution(undefined), undefined);
  });

  it('writes values on one line, short', () => {
    assert.equal(describeValue(5), '5');
    assert.equal(describeValue(''), '""');
    assert.equal(describeValue(undefined), '(unset)');
    assert.equal(describeValue('x'.repeat(100)).length, 60);
  });
});
