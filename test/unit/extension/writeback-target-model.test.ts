import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { targetPickItems, targetsAtLine } from '../../../src/extension/writeback/writeback-target-model.js';
import { aField, anEnvironment, aResource, sourceAt } from './drift-view-builders.js';

const FILE = 'file:///repo/apps/base/api.yaml';

describe('write-back targets', () => {
  const prod = anEnvironment('prod');
  const staging = anEnvironment('staging');
  const api = aResource('Deployment', 'shop', 'api', { source: sourceAt(FILE, 0), fields: [aField('.spec.replicas', 3, 5)] });
  const svc = aResource('Service', 'shop', 'api', { source: sourceAt(FILE, 20) });
  const elsewhere = aResource('ConfigMap', 'shop', 'cfg', { source: sourceAt('file:///repo/other.yaml', 0) });

  it('finds the resource declared around the cursor, once per environment that renders the file', () => {
    const all = [{ environment: prod, resources: [api, svc, elsewhere] }, { environment: staging, resources: [api] }];
    assert.deepEqual(targetsAtLine(all, FILE, 7), [{ environmentId: prod.id, resourceId: api.id }, { environmentId: staging.id, resourceId: api.id }]);
    assert.deepEqual(targetsAtLine(all, FILE, 25), [{ environmentId: prod.id, resourceId: svc.id }, { environmentId: staging.id, resourceId: api.id }]);
    assert.deepEqual(targetsAtLine(all, 'file:///repo/none.yaml', 3), []);
  });

  it('picks: "all drift" of an environment with more than one drifted resource, then the resources accepted', () => {
    const web = aResource('Deployment', 'shop', 'web', { fields: [aField('.spec.replicas', 1, 2)] });
    const items = targetPickItems([{ environment: prod, resources: [api, web, svc] }, { environment: staging, resources: [api] }], (r) => r.status === 'Drifted', true);
    assert.deepEqual(items.map((i) => [i.label, i.target]), [
      ['$(git-commit) All drift of prod', { environmentId: prod.id }],
      ['Deployment.apps shop/api', { environmentId: prod.id, resourceId: api.id }],
      ['Deployment.apps shop/web', { environmentId: prod.id, resourceId: web.id }],
      ['Deployment.apps shop/api', { environmentId: staging.id, resourceId: api.id }],
    ]);
    assert.equal(targetPickItems([{ environment: prod, resources: [api, web] }], () => true, false).length, 2, 'no "all drift" entry for the intents');
  });
});
