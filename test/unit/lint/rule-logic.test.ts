// The pure pieces of the GitOps rules that decide between a finding and silence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readLabelSelector, selectorMatches } from '../../../src/core/resource/label-selector.js';
import { unpinnedReason } from '../../../src/core/lint/rules/helm-version.js';
import { normalizeGitUrl } from '../../../src/core/workspace/this-repository.js';
import { podReferences } from '../../../src/core/lint/rules/dangling-reference.js';

test('label selectors: matchLabels and every matchExpressions operator', () => {
  const selector = readLabelSelector({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['frontend', 'edge'] },
      { key: 'track', operator: 'NotIn', values: ['canary'] },
      { key: 'app', operator: 'Exists' },
      { key: 'legacy', operator: 'DoesNotExist' },
    ],
  });
  assert.ok(selector);
  assert.equal(selectorMatches(selector, { app: 'web', tier: 'edge' }), true);
  assert.equal(selectorMatches(selector, { app: 'web', tier: 'edge', track: 'stable' }), true);
  assert.equal(selectorMatches(selector, { app: 'web', tier: 'edge', track: 'canary' }), false);
  assert.equal(selectorMatches(selector, { app: 'web', tier: 'backend' }), false);
  assert.equal(selectorMatches(selector, { app: 'web', tier: 'edge', legacy: '' }), false);
  assert.equal(selectorMatches(selector, { tier: 'edge' }), false);
  assert.equal(selectorMatches(readLabelSelector({})!, { any: 'thing' }), true, 'an empty selector matches everything');
  assert.equal(readLabelSelector({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }), undefined, 'unknown operators are not guessed');
});

test('chart versions: exact versions are pinned; wildcards, ranges and partial versions are not', () => {
  for (const pinned of ['1.2.3', 'v1.2.3', '=1.2.3', '1.2.3-rc.1', '1.2.3+build.5', '${CHART_VERSION}', 'HEAD']) {
    assert.equal(unpinnedReason(pinned), undefined, pinned);
  }
  for (const loose of ['*', 'x', '1.x', '1.2.x', '1.2.*', '>=1.0', '>=1.0.0 <2.0.0', '^1.2', '~1.2', '1.0 - 2.0', '1.2.3 || 1.3.0', '1', '1.2', '']) {
    assert.ok(unpinnedReason(loose), loose);
  }
});

test('Git URLs of one repository compare equal across schemes and spellings', () => {
  const forms = ['https://github.com/Example/Fleet.git', 'ssh://git@github.com/example/fleet', 'git@github.com:example/fleet.git', 'https://github.com/example/fleet/'];
  for (const f of forms) assert.equal(normalizeGitUrl(f), 'github.com/example/fleet', f);
  assert.equal(normalizeGitUrl('ssh://git@gitlab.example.com:2222/team/app.git'), 'gitlab.example.com/team/app');
  assert.notEqual(normalizeGitUrl('https://github.com/example/fleet-infra'), normalizeGitUrl('https://github.com/example/fleet'));
});

test('pod references: every place a pod names a ConfigMap, Secret, ServiceAccount or PVC; optional ones skipped', () => {
  const spec = {
    serviceAccountName: 'sa',
    imagePullSecrets: [{ name: 'pull' }],
    volumes: [
      { name: 'a', configMap: { name: 'cm-vol' } },
      { name: 'b', secret: { secretName: 'sec-vol' } },
      { name: 'c', secret: { secretName: 'sec-optional', optional: true } },
      { name: 'd', persistentVolumeClaim: { claimName: 'pvc' } },
      { name: 'e', projected: { sources: [{ configMap: { name: 'cm-proj' } }, { secret: { name: 'sec-proj' } }, { serviceAccountToken: { path: 't' } }] } },
    ],
    initContainers: [{ name: 'i', envFrom: [{ configMapRef: { name: 'cm-envfrom' } }] }],
    containers: [{ name: 'c', envFrom: [{ secretRef: { name: 'sec-envfrom' } }], env: [
      { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm-key', key: 'k' } } },
      { name: 'B', valueFrom: { secretKeyRef: { name: 'sec-key', key: 'k' } } },
      { name: 'C', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'D', valueFrom: { secretKeyRef: { name: '${SUBST}', key: 'k' } } },
    ] }],
  };
  const refs = podReferences(spec, ['spec']).map((r) => `${r.kind}/${r.name}`).sort();
  assert.deepEqual(refs, [
    'ConfigMap/cm-envfrom', 'ConfigMap/cm-key', 'ConfigMap/cm-proj', 'ConfigMap/cm-vol',
    'PersistentVolumeClaim/pvc',
    'Secret/pull', 'Secret/sec-envfrom', 'Secret/sec-key', 'Secret/sec-proj', 'Secret/sec-vol',
    'ServiceAccount/sa',
  ]);
  assert.deepEqual(podReferences({ serviceAccountName: 'default' }, ['spec']), [], 'the default ServiceAccount always exists');
});
