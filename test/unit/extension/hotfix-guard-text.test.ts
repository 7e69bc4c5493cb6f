// The hotfix guard's warning: which live change, Git's and the live value, who made it, and what merging does.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hotfixWarningText } from '../../../src/extension/hotfix-guard-text.js';

const warning = (path: string, gitValue: unknown, liveValue: unknown, changedBy: string) => ({
  resourceId: 'apps/Deployment/shop/api', label: 'Deployment.apps shop/api', message: '',
  fields: [{ path, pointer: path.replace(/\./g, '/'), gitValue, liveValue, changedBy, time: '2026-12-04T10:00:00Z' }],
});

describe('hotfixWarningText', () => {
  it('one change: named in the message, values and author in the detail', () => {
    const text = hotfixWarningText([warning('.spec.replicas', 3, 5, 'kubectl (scale)')]);
    assert.equal(text.message, 'Merging this would revert a live change Git does not have (Deployment.apps shop/api .spec.replicas).');
    assert.match(text.detail, /^Deployment\.apps shop\/api \.spec\.replicas: 3 in Git, 5 live \(kubectl \(scale\), 2026-12-04T10:00:00Z\)\n\nOnce merged, the GitOps agent applies Git again/);
  });

  it('several changes: counted', () => {
    const text = hotfixWarningText([warning('.spec.replicas', 3, 5, 'kubectl (scale)'), warning('.spec.paused', undefined, true, 'k9s')]);
    assert.equal(text.message, 'Merging this would revert 2 live changes Git does not have.');
    assert.match(text.detail, /\.spec\.paused: \(none\) in Git, true live \(k9s/);
  });
});
