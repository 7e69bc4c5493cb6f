import type { ManifestDocument, ManifestFile, ValuePath } from '../manifest/manifest-types.js';
import type { Located } from '../manifest/manifest-types.js';
import { groupOf, type ResourceKey } from './resource-key.js';

export type KubeObject = Record<string, unknown> & { apiVersion: string; kind: string };

/** A Kubernetes object declared in a repository file (a whole document, or one item of a `kind: List`). */
export interface ManifestResource {
  readonly file: ManifestFile;
  readonly document: ManifestDocument;
  /** Where the object sits in its document: [] for a whole document, ['items', i] inside a List. */
  readonly basePath: ValuePath;
  readonly object: KubeObject;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string;
  readonly key: ResourceKey;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Kubernetes documents are recognized by content: a mapping with string `apiVersion` and `kind`. */
export function isKubeObject(value: unknown): value is KubeObject {
  return isRecord(value) && typeof value.apiVersion === 'string' && value.apiVersion !== '' && typeof value.kind === 'string' && value.kind !== '';
}

/**
 * A `List`, `ConfigMapList`, `apps/v1` `DeploymentList`, …: kubectl applies the `items` of any object that has
 * an `items` array (`Unstructured.IsList`), so these are read as their items, whatever their apiVersion.
 */
export function isListObject(value: KubeObject): value is KubeObject & { items: unknown[] } {
  return value.kind.endsWith('List') && Array.isArray(value.items);
}

export function extractResources(file: ManifestFile): ManifestResource[] {
  const out: ManifestResource[] = [];
  for (const document of file.documents) {
    if (document.isTemplate || !isKubeObject(document.value)) continue;
    const value = document.value;
    if (isListObject(value)) {
      value.items.forEach((item, i) => {
        if (isKubeObject(item)) out.push(toResource(file, document, ['items', i], item));
      });
    } else {
      out.push(toResource(file, document, [], value));
    }
  }
  return out;
}

function toResource(file: ManifestFile, document: ManifestDocument, basePath: ValuePath, object: KubeObject): ManifestResource {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '';
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  return {
    file, document, basePath, object,
    apiVersion: object.apiVersion, kind: object.kind, name, namespace,
    key: { group: groupOf(object.apiVersion), kind: object.kind, namespace, name },
  };
}

/** Source range of a path inside the resource, falling back to the nearest existing parent. */
export function locateInResource(resource: ManifestResource, path: ValuePath): Located {
  return resource.document.locator.locateNearest([...resource.basePath, ...path]).located;
}

export function getAt(value: unknown, path: ValuePath): unknown {
  let current = value;
  for (const segment of path) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isRecord(current) && typeof segment === 'string') current = current[segment];
    else return undefined;
  }
  return current;
}
