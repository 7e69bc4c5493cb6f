// The live side of the diff hides what the API server filled in where Git is silent, and nothing else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hideServerDefaults } from '../../../src/core/drift/hide-server-defaults.js';

const git = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' },
  spec: {
    replicas: 3,
    template: { spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/api:1.0', ports: [{ containerPort: 80 }] }] } },
  },
};

const live = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' },
  spec: {
    replicas: 5,
    revisionHistoryLimit: 10,
    progressDeadlineSeconds: 600,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      spec: {
        restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', securityContext: {}, terminationGracePeriodSeconds: 30,
        containers: [{
          name: 'app', image: 'ghcr.io/acme/api:1.0', imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {},
          ports: [{ containerPort: 80, protocol: 'TCP' }],
        }],
      },
    },
  },
};

describe('hideServerDefaults', () => {
  it('hides the defaults Git leaves out, keeps what Git declares and what differs', () => {
    const shown = hideServerDefaults('apps', 'Deployment', live, git);
    assert.deepEqual(shown.spec, {
      replicas: 5,
      template: { spec: { containers: [{ name: 'app', image: 'ghcr.io/acme/api:1.0', ports: [{ containerPort: 80 }] }] } },
    });
  });

  it('never hides a value a person set live, nor a default Git declares itself', () => {
    const changed = structuredClone(live);
    changed.spec.progressDeadlineSeconds = 120;
    changed.spec.template.spec.restartPolicy = 'OnFailure';
    const declared = structuredClone(git) as typeof git & { spec: { revisionHistoryLimit?: number } };
    declared.spec.revisionHistoryLimit = 10;
    const shown = hideServerDefaults('apps', 'Deployment', changed, declared) as { spec: Record<string, unknown> & { template: { spec: Record<string, unknown> } } };
    assert.equal(shown.spec.progressDeadlineSeconds, 120);
    assert.equal(shown.spec.revisionHistoryLimit, 10);
    assert.equal(shown.spec.template.spec.restartPolicy, 'OnFailure');
  });

  it('pairs list items by merge key, so a reordered container still hides its own defaults', () => {
    const twoGit = structuredClone(git);
    twoGit.spec.template.spec.containers.unshift({ name: 'sidecar', image: 'busybox:1', ports: [] });
    const shown = hideServerDefaults('apps', 'Deployment', live, twoGit) as typeof git;
    assert.deepEqual(shown.spec.template.spec.containers[0], { name: 'app', image: 'ghcr.io/acme/api:1.0', ports: [{ containerPort: 80 }] });
  });

  it('leaves kinds without known defaults untouched', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: { a: '' } };
    assert.deepEqual(hideServerDefaults('', 'ConfigMap', cm, undefined), cm);
  });
});
