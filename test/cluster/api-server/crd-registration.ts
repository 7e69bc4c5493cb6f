// CustomResourceDefinitions register their resources when created and unregister when deleted.
import type { ResourceRegistry, ResourceType } from './resource-registry.js';
import type { Storage } from './storage.js';
import { isObject, type JsonObject, type JsonValue, type KubeObject } from './types.js';

const CRD_RESOURCE = 'apiextensions.k8s.io/customresourcedefinitions';

export function resourcesOfCrd(crd: KubeObject): ResourceType[] {
  const spec = isObject(crd.spec) ? crd.spec : {};
  const names = isObject(spec.names) ? spec.names : {};
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isObject) : [];
  const storageVersion = String(versions.find((v) => v.storage === true)?.name ?? versions[0]?.name ?? 'v1');
  const kind = String(names.kind ?? '');
  return versions
    .filter((v) => v.served !== false)
    .map((v) => {
      const sub = isObject(v.subresources) ? v.subresources : {};
      const scale = isObject(sub.scale) ? sub.scale : undefined;
      const schema = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : undefined;
      return {
        group: String(spec.group ?? ''),
        version: String(v.name),
        kind,
        listKind: String(names.listKind ?? `${kind}List`),
        plural: String(names.plural ?? ''),
        singular: String(names.singular ?? kind.toLowerCase()),
        shortNames: Array.isArray(names.shortNames) ? names.shortNames.map(String) : [],
        categories: Array.isArray(names.categories) ? names.categories.map(String) : [],
        namespaced: spec.scope !== 'Cluster',
        verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
        hasStatus: isObject(sub.status),
        scale: scale
          ? { specReplicasPath: String(scale.specReplicasPath ?? ''), statusReplicasPath: String(scale.statusReplicasPath ?? ''), labelSelectorPath: scale.labelSelectorPath ? String(scale.labelSelectorPath) : undefined }
          : undefined,
        crdSchema: schema as JsonObject | undefined,
        crdName: String(crd.metadata.name),
        hasGeneration: true,
        storageVersion,
        printerColumns: v.additionalPrinterColumns as JsonValue | undefined,
      } as ResourceType & { printerColumns?: JsonValue };
    });
}

export function watchCrds(store: Storage, registry: ResourceRegistry): () => void {
  for (const o of store.list(CRD_RESOURCE)) for (const rt of resourcesOfCrd(o)) registry.add(rt);
  return store.subscribe((e) => {
    if (e.resource !== CRD_RESOURCE) return;
    const name = String(e.object.metadata.name);
    registry.removeCrd(name);
    if (e.type === 'DELETED') {
      // The CRD's finalizer deletes every custom resource (watchers see them go), then the resource goes.
      const spec = isObject(e.object.spec) ? e.object.spec : {};
      const names = isObject(spec.names) ? spec.names : {};
      const resource = `${String(spec.group)}/${String(names.plural)}`;
      for (const o of store.list(resource)) store.remove(resource, String(o.metadata.namespace ?? ''), String(o.metadata.name));
      store.dropResource(resource);
      return;
    }
    for (const rt of resourcesOfCrd(e.object)) registry.add(rt);
  });
}

export function printerColumnsOf(rt: ResourceType): unknown {
  return (rt as ResourceType & { printerColumns?: JsonValue }).printerColumns;
}
