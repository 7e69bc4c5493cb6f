// CustomResourceDefinitions register their resources when created and unregister when deleted.
import { timestamp } from './object-lifecycle.js';
import type { ResourceType } from './resource-registry.js';
import type { ServerContext } from './server-context.js';
import { deepClone, isObject, type JsonObject, type JsonValue, type KubeObject } from './types.js';
import { updateObject } from './write-pipeline.js';

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

/** What kube-apiserver's naming and establishing controllers write into a new CRD's status. */
function establish(ctx: ServerContext, name: string): void {
  const rt = ctx.registry.find('apiextensions.k8s.io', 'v1', 'customresourcedefinitions');
  const live = ctx.store.get(CRD_RESOURCE, '', name);
  if (!rt || !live || !isObject(live.spec)) return;
  const status = isObject(live.status) ? deepClone(live.status) : {};
  if (Array.isArray(status.conditions) && status.conditions.some((c) => isObject(c) && c.type === 'Established')) return;
  const now = timestamp();
  status.acceptedNames = deepClone(isObject(live.spec.names) ? live.spec.names : {});
  status.conditions = [
    { lastTransitionTime: now, message: 'no conflicts found', reason: 'NoConflicts', status: 'True', type: 'NamesAccepted' },
    { lastTransitionTime: now, message: 'the initial names have been accepted', reason: 'InitialNamesAccepted', status: 'True', type: 'Established' },
  ];
  try {
    updateObject(ctx, rt, live, { ...live, apiVersion: 'apiextensions.k8s.io/v1', status }, 'status', { manager: 'kube-apiserver', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] }, false);
  } catch {
    // A concurrent write wins; the next event brings us back.
  }
}

export function watchCrds(ctx: ServerContext): () => void {
  const { store, registry } = ctx;
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
    // Later, as the controllers do: watchers must see ADDED before the status update.
    if (e.type === 'ADDED') setImmediate(() => establish(ctx, name));
  });
}

export function printerColumnsOf(rt: ResourceType): unknown {
  return (rt as ResourceType & { printerColumns?: JsonValue }).printerColumns;
}
