import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK, MASK_CHANGED, maskSecretObject } from '../../../src/core/drift/mask-secrets.js';

const SECRET_KEY = { group: '', kind: 'Secret', namespace: 'shop', name: 'db' };

describe('maskSecretObject', () => {
  it('masks every data and stringData value of a Secret, keeping keys and everything else', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, type: 'Opaque', data: { password: 'c2VjcmV0', user: 'YWRtaW4=' }, stringData: { token: 'plain' } };
    const masked = maskSecretObject(SECRET_KEY, secret);
    assert.deepEqual(masked, { ...secret, data: { password: MASK, user: MASK }, stringData: { token: MASK } });
    assert.doesNotMatch(JSON.stringify(masked), /c2VjcmV0|YWRtaW4=|plain/);
    assert.equal(secret.data.password, 'c2VjcmV0', 'the input is not modified');
  });

  it('marks only the values that differ from the other side as changed', () => {
    const git = { kind: 'Secret', data: { password: 'b2xk', user: 'YWRtaW4=' } };
    const live = { kind: 'Secret', data: { password: 'bmV3', user: 'YWRtaW4=', extra: 'eA==' } };
    assert.deepEqual(maskSecretObject(SECRET_KEY, live, git).data, { password: MASK_CHANGED, user: MASK, extra: MASK });
  });

  it('masks a data section that is not a mapping as a whole', () => {
    assert.deepEqual(maskSecretObject(SECRET_KEY, { kind: 'Secret', data: 'c2VjcmV0' }).data, MASK);
  });

  it('leaves other kinds alone', () => {
    const cm = { kind: 'ConfigMap', data: { a: 'b' } };
    assert.equal(maskSecretObject({ group: '', kind: 'ConfigMap', namespace: 'shop', name: 'c' }, cm), cm);
  });
});
