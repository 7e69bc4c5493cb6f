import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeActivation, kubeconfigFromInspection, readPickedContexts, withPickedContext } from '../../../src/extension/drift-settings.js';

describe('drift settings', () => {
  it('takes the kubeconfig from user/machine settings only, never from the workspace', () => {
    assert.equal(kubeconfigFromInspection({ globalValue: '/home/me/.kube/prod' }, '/home/me'), '/home/me/.kube/prod');
    const fromRepository = { globalValue: undefined, workspaceValue: '/tmp/evil', workspaceFolderValue: '/tmp/evil' } as { globalValue?: unknown };
    assert.equal(kubeconfigFromInspection(fromRepository, '/home/me'), undefined);
    assert.equal(kubeconfigFromInspection({ globalValue: '  ' }, '/home/me'), undefined);
    assert.equal(kubeconfigFromInspection(undefined, '/home/me'), undefined);
  });

  it('expands ~ to the home folder', () => {
    assert.equal(kubeconfigFromInspection({ globalValue: '~/.kube/other' }, '/home/me'), '/home/me/.kube/other');
  });

  it('keeps picked contexts per environment and reads a corrupt memento as none', () => {
    const picked = withPickedContext({}, 'file:///r#apps', 'prod');
    assert.deepEqual(readPickedContexts(picked), { 'file:///r#apps': 'prod' });
    assert.deepEqual(withPickedContext(picked, 'file:///r#apps', undefined), {});
    assert.deepEqual(readPickedContexts(['x']), {});
    assert.deepEqual(readPickedContexts({ a: 3, b: 'ctx' }), { b: 'ctx' });
  });

  it('prints the activation time in whole milliseconds', () => {
    assert.equal(describeActivation(12.6), 'GitOps Authoring activated in 13 ms');
  });
});
