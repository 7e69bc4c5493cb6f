// The resources the server serves: built-ins from a table, custom resources added when a CRD is created.
import type { JsonObject } from './types.js';

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  verbs: string[];
  hasStatus: boolean;
  scale?: ScaleSubresource;
  /** client-node model class whose attribute map describes the schema of a built-in kind. */
  modelName?: string;
  /** openAPIV3Schema of a custom resource version. */
  crdSchema?: JsonObject;
  /** The CRD that registered this resource (its name), if any. */
  crdName?: string;
  /** Whether the server records metadata.generation for this kind. */
  hasGeneration: boolean;
  /** Storage version of the group/plural, other served versions are rewritten to it. */
  storageVersion: string;
  /** A version served by converting from the stored (hub) version, e.g. autoscaling/v1 HPAs. */
  conversion?: VersionConversion;
}

export interface VersionConversion {
  hubVersion: string;
  toHub(obj: JsonObject): JsonObject;
  fromHub(obj: JsonObject): JsonObject;
}

export const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

export function groupVersion(rt: Pick<ResourceType, 'group' | 'version'>): string {
  return rt.group ? `${rt.group}/${rt.version}` : rt.version;
}

export function storageKey(rt: Pick<ResourceType, 'group' | 'plural'>): string {
  return `${rt.group}/${rt.plural}`;
}

export class ResourceRegistry {
  private readonly types: ResourceType[] = [];
  private changeListeners: (() => void)[] = [];

  add(rt: ResourceType): void {
    this.remove(rt.group, rt.version, rt.plural);
    this.types.push(rt);
    this.changed();
  }

  removeCrd(crdName: string): void {
    const before = this.types.length;
    for (let i = this.types.length - 1; i >= 0; i--) if (this.types[i]?.crdName === crdName) this.types.splice(i, 1);
    if (before !== this.types.length) this.changed();
  }

  private remove(group: string, version: string, plural: string): void {
    const i = this.types.findIndex((t) => t.group === group && t.version === version && t.plural === plural);
    if (i >= 0) this.types.splice(i, 1);
  }

  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  private changed(): void {
    for (const l of this.changeListeners) l();
  }

  all(): readonly ResourceType[] {
    return this.types;
  }

  find(group: string, version: string, plural: string): ResourceType | undefined {
    return this.types.find((t) => t.group === group && t.version === version && t.plural === plural);
  }

  findByKind(apiVersion: string, kind: string): ResourceType | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return this.types.find((t) => t.group === group && t.version === version && t.kind === kind);
  }

  /** group → versions, in the order they were registered (the first one is preferred). */
  groups(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const t of this.types) {
      const versions = out.get(t.group) ?? [];
      if (!versions.includes(t.version)) versions.push(t.version);
      out.set(t.group, versions);
    }
    return out;
  }

  inGroupVersion(group: string, version: string): ResourceType[] {
    return this.types.filter((t) => t.group === group && t.version === version);
  }
}
