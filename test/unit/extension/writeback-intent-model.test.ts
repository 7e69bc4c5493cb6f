import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  editFieldIntent,
  formatFieldValue,
  imageTargetsOf,
  parseFieldValue,
  replicasOf,
  scaleIntent,
  setImageIntent,
  validateFieldPath,
  validateImage,
  validateReplicas,
} from '../../../src/extension/writeback/writeback-intent-model.js';

describe('write-back intents', () => {
  it('validates replicas: a whole number, 0 or more, bounded', () => {
    assert.equal(validateReplicas('5'), undefined);
    assert.equal(validateReplicas(' 0 '), undefined);
    assert.match(validateReplicas('-1') ?? '', /whole number/);
    assert.match(validateReplicas('2.5') ?? '', /whole number/);
    assert.match(validateReplicas('') ?? '', /whole number/);
    assert.match(validateReplicas('5000000') ?? '', /at most/);
    assert.deepEqual(scaleIntent(' 7 '), { kind: 'scale', path: '.spec.replicas', value: 7 });
  });

  it('validates image references as a runtime reads them', () => {
    for (const ok of ['nginx', 'nginx:1.27', 'ghcr.io/acme/api-server:1.8.3-hotfix', 'localhost:5000/app@sha256:' + 'a'.repeat(64), 'registry.example/a/b/c:v1_2']) assert.equal(validateImage(ok), undefined, ok);
    assert.match(validateImage('') ?? '', /Type an image/);
    assert.match(validateImage('nginx 1.27') ?? '', /no spaces/);
    assert.match(validateImage('ghcr.io/Acme/API:1') ?? '', /not an image reference/);
    assert.match(validateImage('nginx:') ?? '', /not an image reference/);
  });

  it('validates field paths as drift spells them, and refuses identity and status', () => {
    for (const ok of ['.spec.replicas', '.metadata.annotations["example.com/x"]', '.spec.template.spec.containers[name="app"].image', '.spec.ports[0].port', '.spec.x[name="a",port=80]']) assert.equal(validateFieldPath(ok), undefined, ok);
    assert.match(validateFieldPath('spec.replicas') ?? '', /starts with a dot/);
    assert.match(validateFieldPath('.spec..replicas') ?? '', /Cannot read the path at "\.\.replicas"/);
    assert.match(validateFieldPath('.spec.containers[name=app]') ?? '', /Cannot read the path/);
    assert.match(validateFieldPath('.metadata.name') ?? '', /identity/);
    assert.match(validateFieldPath('.status.replicas') ?? '', /written by the cluster/);
  });

  it('reads a typed value as JSON when it is JSON, else as a string; prefills the same way back', () => {
    assert.deepEqual(parseFieldValue('5'), { value: 5 });
    assert.deepEqual(parseFieldValue('true'), { value: true });
    assert.deepEqual(parseFieldValue('"5"'), { value: '5' });
    assert.deepEqual(parseFieldValue('{"cpu": "1"}'), { value: { cpu: '1' } });
    assert.deepEqual(parseFieldValue('512Mi'), { value: '512Mi' });
    assert.ok('problem' in parseFieldValue('   '));
    assert.match((parseFieldValue('{"cpu": 1') as { problem: string }).problem, /not valid JSON/);
    for (const value of [5, true, '5', '512Mi', 'true', { cpu: '1' }, null]) assert.deepEqual(parseFieldValue(formatFieldValue(value)), { value }, JSON.stringify(value));
    assert.deepEqual(editFieldIntent(' .spec.replicas ', 4), { kind: 'edit-field', path: '.spec.replicas', value: 4 });
  });

  it('lists the containers whose image can be set, by name, init containers marked', () => {
    const deployment = { spec: { replicas: 3, template: { spec: { initContainers: [{ name: 'migrate', image: 'db:1' }], containers: [{ name: 'app', image: 'api:1.8.2' }, { image: 'sidecar:2' }] } } } };
    const targets = imageTargetsOf('Deployment', deployment);
    assert.deepEqual(targets, [
      { label: 'app', image: 'api:1.8.2', path: '.spec.template.spec.containers[name="app"].image' },
      { label: '#1', image: 'sidecar:2', path: '.spec.template.spec.containers[1].image' },
      { label: 'migrate (init)', image: 'db:1', path: '.spec.template.spec.initContainers[name="migrate"].image' },
    ]);
    assert.deepEqual(imageTargetsOf('CronJob', { spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', image: 'j:1' }] } } } } } }).map((t) => t.path), ['.spec.jobTemplate.spec.template.spec.containers[name="job"].image']);
    assert.deepEqual(imageTargetsOf('Service', { spec: {} }), []);
    assert.deepEqual(imageTargetsOf('Deployment', undefined), []);
    assert.deepEqual(setImageIntent(targets[0]!, ' api:1.9.0 '), { kind: 'set-image', path: '.spec.template.spec.containers[name="app"].image', value: 'api:1.9.0' });
    assert.equal(replicasOf(deployment), 3);
    assert.equal(replicasOf({ spec: {} }), undefined);
  });
});
