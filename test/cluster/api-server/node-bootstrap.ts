// The one Node of the test cluster, registered and reported Ready as its kubelet would do it.
import { timestamp } from './object-lifecycle.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import type { JsonObject } from './types.js';
import { createObject, getLive, updateObject } from './write-pipeline.js';

export const NODE_NAME = 'test-node';
const AS_KUBELET: WriteOptions = { manager: 'kubelet', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] };

export function registerNode(ctx: ServerContext): void {
  const rt = ctx.registry.find('', 'v1', 'nodes');
  if (!rt || ctx.store.get('/nodes', '', NODE_NAME)) return;
  createObject(
    ctx,
    rt,
    '',
    {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: NODE_NAME,
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
        labels: {
          'beta.kubernetes.io/arch': 'amd64',
          'beta.kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'kubernetes.io/hostname': NODE_NAME,
          'kubernetes.io/os': 'linux',
          'node-role.kubernetes.io/control-plane': '',
        },
      },
      spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] },
    },
    AS_KUBELET,
  );
  const live = getLive(ctx, rt, '', NODE_NAME);
  const now = timestamp();
  const condition = (type: string, status: string, reason: string, message: string): JsonObject => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  const resources = { cpu: '2', 'ephemeral-storage': '20134592Ki', 'hugepages-2Mi': '0', memory: '4015832Ki', pods: '110' };
  updateObject(
    ctx,
    rt,
    live,
    {
      ...live,
      status: {
        addresses: [
          { address: '172.18.0.2', type: 'InternalIP' },
          { address: NODE_NAME, type: 'Hostname' },
        ],
        allocatable: resources,
        capacity: resources,
        conditions: [
          condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
          condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
          condition('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
          condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
        nodeInfo: {
          architecture: 'amd64',
          bootID: '6f1d9b3e-2c4a-4e8b-9a57-3d2f1c0b8e71',
          containerRuntimeVersion: 'containerd://1.7.24',
          kernelVersion: '6.1.0-test',
          kubeProxyVersion: 'v1.32.4',
          kubeletVersion: 'v1.32.4',
          machineID: '0c5e4b1f9a2d4c7e8b3a6f1d2e9c4b7a',
          operatingSystem: 'linux',
          osImage: 'Debian GNU/Linux 12 (bookworm)',
          systemUUID: '0c5e4b1f-9a2d-4c7e-8b3a-6f1d2e9c4b7a',
        },
      },
    },
    'status',
    AS_KUBELET,
  );
  const leaseRt = ctx.registry.find('coordination.k8s.io', 'v1', 'leases');
  if (!leaseRt || ctx.store.get('coordination.k8s.io/leases', 'kube-node-lease', NODE_NAME)) return;
  createObject(
    ctx,
    leaseRt,
    'kube-node-lease',
    {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: NODE_NAME, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: NODE_NAME, uid: String(live.metadata.uid) }] },
      spec: { holderIdentity: NODE_NAME, leaseDurationSeconds: 40, renewTime: new Date().toISOString().replace('Z', '000Z').replace(/\.(\d{6})\d*Z$/, '.$1Z') },
    },
    AS_KUBELET,
  );
}
