// How built-in lists merge: the patchStrategy/patchMergeKey and listType/listMapKey markers of the Kubernetes
// Go types (core/v1, apps/v1, meta/v1 …). Lists not named here are atomic, as they are in Kubernetes.
import type { JsonValue } from './types.js';

export interface ListSemantics {
  listType: 'set' | 'map';
  /** Server-side apply identity of an item (listMapKey). */
  keys?: string[];
  /** Strategic merge patch key (patchMergeKey), when different from keys[0]. */
  mergeKey?: string;
  retainKeys?: boolean;
  /** Defaults of key fields, so an item without them still has a full identity (protocol: TCP). */
  keyDefaults?: Record<string, JsonValue>;
}

const byName = (): ListSemantics => ({ listType: 'map', keys: ['name'] });
const byType = (): ListSemantics => ({ listType: 'map', keys: ['type'] });
const containerLists: Record<string, ListSemantics> = {
  ports: { listType: 'map', keys: ['containerPort', 'protocol'], mergeKey: 'containerPort', keyDefaults: { protocol: 'TCP' } },
  env: byName(),
  volumeMounts: { listType: 'map', keys: ['mountPath'] },
  volumeDevices: { listType: 'map', keys: ['devicePath'] },
};

const TABLE: Record<string, Record<string, ListSemantics>> = {
  V1ObjectMeta: { finalizers: { listType: 'set' }, ownerReferences: { listType: 'map', keys: ['uid'] } },
  V1PodSpec: {
    containers: byName(),
    initContainers: byName(),
    ephemeralContainers: byName(),
    volumes: { listType: 'map', keys: ['name'], retainKeys: true },
    imagePullSecrets: byName(),
    hostAliases: { listType: 'map', keys: ['ip'] },
    topologySpreadConstraints: { listType: 'map', keys: ['topologyKey', 'whenUnsatisfiable'], mergeKey: 'topologyKey' },
    resourceClaims: byName(),
    schedulingGates: byName(),
  },
  V1Container: containerLists,
  V1EphemeralContainer: containerLists,
  V1ServiceSpec: { ports: { listType: 'map', keys: ['port', 'protocol'], mergeKey: 'port', keyDefaults: { protocol: 'TCP' } } },
  V1PodStatus: { conditions: byType(), podIPs: { listType: 'map', keys: ['ip'] } },
  V1DeploymentStatus: { conditions: byType() },
  V1ReplicaSetStatus: { conditions: byType() },
  V1StatefulSetStatus: { conditions: byType() },
  V1DaemonSetStatus: { conditions: byType() },
  V1NamespaceStatus: { conditions: byType() },
  V1NodeStatus: { conditions: byType(), addresses: byType() },
  V1PersistentVolumeClaimStatus: { conditions: byType() },
  V1ServiceStatus: { conditions: byType() },
  V2HorizontalPodAutoscalerStatus: { conditions: byType() },
  V1PodDisruptionBudgetStatus: { conditions: byType() },
  V1CustomResourceDefinitionStatus: { conditions: byType() },
  V1ServiceAccount: { secrets: byName() },
  V1MutatingWebhookConfiguration: { webhooks: byName() },
  V1ValidatingWebhookConfiguration: { webhooks: byName() },
};

/** Struct fields whose strategic merge patches carry $retainKeys (patchStrategy "retainKeys"). */
const RETAIN_KEYS_FIELDS = new Set(['V1DeploymentSpec.strategy']);

/** Structs marked +structType=atomic: owned and replaced as a whole. */
const ATOMIC_STRUCTS = new Set([
  'V1LabelSelector',
  'V1ObjectReference',
  'V1LocalObjectReference',
  'V1TypedLocalObjectReference',
  'V1TypedObjectReference',
  'V1ConfigMapKeySelector',
  'V1SecretKeySelector',
  'V1ObjectFieldSelector',
  'V1ResourceFieldSelector',
  'V1NodeSelector',
  'V1NodeSelectorTerm',
  'V1SecretReference',
  'V1RoleRef',
  'V1OwnerReference',
]);

export function listSemantics(model: string, field: string): ListSemantics | undefined {
  return TABLE[model]?.[field];
}

export function isRetainKeysField(model: string, field: string): boolean {
  return RETAIN_KEYS_FIELDS.has(`${model}.${field}`);
}

export function isAtomicStruct(model: string): boolean {
  return ATOMIC_STRUCTS.has(model);
}
