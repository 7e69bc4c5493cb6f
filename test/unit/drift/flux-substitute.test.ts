import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyFluxPostBuild } from '../../../src/core/environments/flux-substitute.js';
import type { KubeObject } from '../../../src/core/resource/manifest-resource.js';

const key = { group: '', kind: 'ConfigMap', namespace: 'a', name: 'c' };
const cm = (data: Record<string, string>, annotations?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', ...(annotations ? { annotations } : {}) }, data });

test('postBuild variables are substituted as Flux does, defaults included', () => {
  const [d] = applyFluxPostBuild([{ key, object: cm({ a: '${CLUSTER}', b: 'x-${REGION:=eu}-y', c: '${MISSING}', d: '$HOME stays' }) }], { substitute: { CLUSTER: 'prod' }, hasSubstituteFrom: false });
  assert.deepEqual(d?.object.data, { a: 'prod', b: 'x-eu-y', c: '', d: '$HOME stays' });
});

test('values depending on substituteFrom variables are left out, not guessed', () => {
  const [d] = applyFluxPostBuild([{ key, object: cm({ a: '${FROM_CLUSTER}', b: 'plain' }) }], { substitute: {}, hasSubstituteFrom: true });
  assert.deepEqual(d?.object.data, { b: 'plain' });
});

test('objects that disable substitution keep their text', () => {
  const [d] = applyFluxPostBuild([{ key, object: cm({ a: '${X}' }, { 'kustomize.toolkit.fluxcd.io/substitute': 'disabled' }) }], { substitute: { X: '1' }, hasSubstituteFrom: false });
  assert.deepEqual(d?.object.data, { a: '${X}' });
});

test('a name or namespace written with variables gives the object the substituted identity (flux2-hub-spoke-example tenants)', () => {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: '${CLUSTER_NAME}' } };
  const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flux-${ROLE:=restricted}', namespace: '${CLUSTER_NAME}' } };
  const out = applyFluxPostBuild([
    { key: { group: '', kind: 'Namespace', namespace: '', name: '${CLUSTER_NAME}' }, object: ns },
    { key: { group: '', kind: 'ServiceAccount', namespace: '${CLUSTER_NAME}', name: 'flux-${ROLE:=restricted}' }, object: sa },
  ], { substitute: { CLUSTER_NAME: 'staging' }, hasSubstituteFrom: false });
  assert.deepEqual(out.map((d) => d.key), [
    { group: '', kind: 'Namespace', namespace: '', name: 'staging' },
    { group: '', kind: 'ServiceAccount', namespace: 'staging', name: 'flux-restricted' },
  ]);
});
