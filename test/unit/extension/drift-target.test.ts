import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resourceKeyText, toDriftTarget } from '../../../src/extension/drift-target.js';
import { describeAbsentSide, diffDocumentUriParts, diffSideText, diffTitle, DRIFT_DIFF_SCHEME, parseDiffDocumentQuery } from '../../../src/extension/drift-diff-uris.js';

describe('drift command targets', () => {
  it('reads a tree node, a plain object, a JSON string and an argument array', () => {
    const node = { environmentId: 'file:///r#apps', resourceId: 'apps/Deployment/shop/api', pointer: '/spec/replicas', contextValue: 'driftField' };
    assert.deepEqual(toDriftTarget(node), { environmentId: 'file:///r#apps', resourceId: 'apps/Deployment/shop/api', pointer: '/spec/replicas' });
    assert.deepEqual(toDriftTarget(JSON.stringify({ environmentId: 'e' })), { environmentId: 'e' });
    assert.deepEqual(toDriftTarget([{ environmentId: 'e', resourceId: 'r' }]), { environmentId: 'e', resourceId: 'r' });
  });

  it('names nothing for garbage, and drops a pointer without a resource', () => {
    for (const bad of [undefined, null, 3, 'not json', {}, { environmentId: 7 }]) assert.equal(toDriftTarget(bad), undefined);
    assert.deepEqual(toDriftTarget({ environmentId: 'e', pointer: '/x' }), { environmentId: 'e' });
  });

  it('spells the resource key group/kind/namespace/name', () => {
    assert.equal(resourceKeyText({ group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'api' }), 'apps/Deployment/shop/api');
    assert.equal(resourceKeyText({ group: '', kind: 'Namespace', namespace: '', name: 'shop' }), '/Namespace//shop');
  });
});

describe('drift diff documents', () => {
  it('round-trips environment, resource and side through the URI query', () => {
    const ref = { environmentId: 'file:///r/x#apps&prod', resourceId: 'apps/Deployment/shop/api', side: 'live' as const };
    const parts = diffDocumentUriParts(ref, { kind: 'Deployment', name: 'api' });
    assert.equal(parts.scheme, DRIFT_DIFF_SCHEME);
    assert.equal(parts.path, '/api (Deployment) · live.yaml');
    assert.deepEqual(parseDiffDocumentQuery(parts.query), ref);
    assert.equal(parseDiffDocumentQuery('env=e&id=r&side=other'), undefined);
  });

  it('titles the diff so a person knows which side is which', () => {
    assert.equal(diffTitle({ kind: 'Deployment', name: 'api-server' }, 'prod-eu'), 'api-server (Deployment): Git ↔ live (prod-eu)');
  });

  it('marks the live side of an Unknown resource as the last state read', () => {
    const text = diffSideText({ label: 'X', git: 'a: 1\n', live: 'a: 2\n' }, 'live', 'Unknown', 'cluster unreachable');
    assert.equal(text, '# Unknown (cluster unreachable): the cluster cannot be read now; below is the last live state read.\na: 2\n');
    assert.equal(diffSideText({ label: 'X', git: 'a: 1\n', live: 'a: 2\n' }, 'git', 'Unknown'), 'a: 1\n');
  });

  it('says why a side is empty', () => {
    const orphan = { label: 'ConfigMap shop/old', live: 'kind: ConfigMap\n', context: 'prod' };
    assert.match(diffSideText(orphan, 'git', 'Orphan'), /^# ConfigMap shop\/old is not in Git \(Orphan/);
    assert.equal(diffSideText(orphan, 'live'), 'kind: ConfigMap\n');
    assert.match(diffSideText({ label: 'X', git: 'a: 1\n' }, 'live', 'Missing'), /is not in the cluster \(Missing\)/);
    assert.match(describeAbsentSide(orphan) ?? '', /only in the cluster/);
    assert.equal(describeAbsentSide({ label: 'X', git: 'a', live: 'b' }), undefined);
  });
});
