// The marks GitOps agents leave on what they apply decide what is an Orphan (live, deployed by an agent, not in
// Git): Flux and Argo CD (Codefresh GitOps is Argo CD), and Rancher Fleet, Werf and Jenkins X.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DriftPairing } from '../../../src/core/drift/drift-pairing.js';
import { readOwnershipMark } from '../../../src/core/drift/ownership-marks.js';
import type { KubeObject } from '../../../src/core/resource/manifest-resource.js';

function configMap(name: string, labels: Record<string, string>, annotations: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop', labels, annotations }, data: { a: '1' } };
}

const FLEET = configMap('fleet', { 'objectset.rio.cattle.io/hash': '4c2b8d', 'app.kubernetes.io/managed-by': 'Helm' }, { 'meta.helm.sh/release-name': 'simple-app', 'meta.helm.sh/release-namespace': 'fleet-local' });
const WERF = configMap('werf', {}, { 'project.werf.io/name': 'shop', 'project.werf.io/env': 'production', 'werf.io/version': 'v2.10.0' });
const JENKINS_X = configMap('jx', { 'gitops.jenkins-x.io/pipeline': 'namespaces' });
const CODEFRESH = configMap('codefresh', { 'codefresh.io/entity': 'app' }, { 'argocd.argoproj.io/tracking-id': 'guestbook-cf:/ConfigMap:shop/codefresh' });

test('each agent is recognized by its own marks, with its unit as owner', () => {
  assert.deepEqual(readOwnershipMark(FLEET), { agent: 'fleet', owner: 'fleet-local/simple-app' });
  assert.deepEqual(readOwnershipMark(WERF), { agent: 'werf', owner: 'shop/production' });
  assert.deepEqual(readOwnershipMark(JENKINS_X), { agent: 'jenkins-x', owner: 'namespaces' });
  assert.deepEqual(readOwnershipMark(CODEFRESH), { agent: 'argocd', owner: 'guestbook-cf' });
  // A Helm release alone (no Fleet object-set hash) is nobody's GitOps mark.
  assert.equal(readOwnershipMark(configMap('helm', {}, { 'meta.helm.sh/release-name': 'x' })), undefined);
});

test('objects those agents deployed that Git does not declare are Orphans; unmarked ones are not', () => {
  const stray = configMap('stray', {});
  const pairing = new DriftPairing({ desired: [] }, [FLEET, WERF, JENKINS_X, CODEFRESH, stray]);
  for (const object of [FLEET, WERF, JENKINS_X, CODEFRESH]) {
    const result = pairing.resultOf(`/ConfigMap/shop/${(object.metadata as { name: string }).name}`);
    assert.equal(result?.status, 'Orphan', JSON.stringify(object.metadata));
  }
  assert.match(pairing.resultOf('/ConfigMap/shop/fleet')?.reason ?? '', /deployed by fleet \(fleet-local\/simple-app\)/);
  assert.equal(pairing.resultOf(`/ConfigMap/shop/stray`), undefined);
});
