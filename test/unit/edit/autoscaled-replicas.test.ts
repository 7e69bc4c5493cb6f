import assert from 'node:assert/strict';
import { test } from 'node:test';
import { autoscaledReplicasRefusal } from '../../../src/core/edit/autoscaled-replicas.js';
import type { DesiredObject } from '../../../src/core/drift/compute-resource-drift.js';

const web = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' };
const scaler = (group: string, kind: string, ref: Record<string, unknown>, namespace = 'shop'): DesiredObject => ({
  key: { group, kind, namespace, name: 'web-scaler' },
  object: { apiVersion: `${group}/v1`, kind, metadata: { name: 'web-scaler', namespace }, spec: { scaleTargetRef: ref } },
  source: { path: 'apps/scaler.yaml', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
});

test('an HPA or a KEDA ScaledObject (kind defaults to Deployment) aimed at the workload refuses replicas in Git, naming it', () => {
  assert.match(autoscaledReplicasRefusal(web, [scaler('autoscaling', 'HorizontalPodAutoscaler', { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' })]) ?? '', /^HorizontalPodAutoscaler shop\/web-scaler \(apps\/scaler\.yaml\) scales Deployment shop\/web: .*minReplicas \/ maxReplicas instead$/);
  assert.match(autoscaledReplicasRefusal(web, [scaler('keda.sh', 'ScaledObject', { name: 'web' })]) ?? '', /minReplicaCount \/ maxReplicaCount/);
});

test('an autoscaler of another object, kind or namespace leaves the workload alone', () => {
  assert.equal(autoscaledReplicasRefusal(web, [
    scaler('autoscaling', 'HorizontalPodAutoscaler', { kind: 'Deployment', name: 'api' }),
    scaler('autoscaling', 'HorizontalPodAutoscaler', { kind: 'StatefulSet', name: 'web' }),
    scaler('autoscaling', 'HorizontalPodAutoscaler', { kind: 'Deployment', name: 'web' }, 'other'),
  ]), undefined);
});
