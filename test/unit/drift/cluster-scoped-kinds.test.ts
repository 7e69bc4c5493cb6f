// Offline scope of kinds: built-in cluster-scoped kinds of Kubernetes 1.36 (and of the CRD groups under .k8s.io
// that clusters commonly run) are cluster-scoped; other built-in kinds namespaced; other CRD kinds left to discovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isClusterScopedKind } from '../../../src/core/drift/cluster-scoped-kinds.js';

test('cluster-scoped kinds of groups ending in .k8s.io are cluster-scoped, not namespaced', () => {
  for (const id of [
    'storage.k8s.io/VolumeAttributesClass', 'resource.k8s.io/DeviceClass', 'resource.k8s.io/ResourceSlice', 'networking.k8s.io/IPAddress',
    'networking.k8s.io/ServiceCIDR', 'certificates.k8s.io/ClusterTrustBundle', 'admissionregistration.k8s.io/MutatingAdmissionPolicy',
    'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding', 'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
    'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding', 'gateway.networking.k8s.io/GatewayClass',
    'snapshot.storage.k8s.io/VolumeSnapshotClass', 'snapshot.storage.k8s.io/VolumeSnapshotContent', 'storagemigration.k8s.io/StorageVersionMigration',
  ]) {
    const [group = '', kind = ''] = id.split('/');
    assert.equal(isClusterScopedKind(group, kind), true, id);
  }
});

test('namespaced built-in kinds stay namespaced; an unknown kind of a CRD group under .k8s.io is left to discovery', () => {
  for (const id of ['/ConfigMap', 'apps/Deployment', 'coordination.k8s.io/Lease', 'resource.k8s.io/ResourceClaim', 'storage.k8s.io/CSIStorageCapacity',
    'networking.k8s.io/Ingress', 'gateway.networking.k8s.io/HTTPRoute', 'snapshot.storage.k8s.io/VolumeSnapshot']) {
    const [group = '', kind = ''] = id.split('/');
    assert.equal(isClusterScopedKind(group, kind), false, id);
  }
  assert.equal(isClusterScopedKind('gateway.networking.k8s.io', 'SomeFutureRoute'), undefined);
  assert.equal(isClusterScopedKind('example.com', 'Widget'), undefined);
});
