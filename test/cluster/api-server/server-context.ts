// The state every handler shares: storage, the served resources and their schemas.
import { IpAllocator } from './object-lifecycle.js';
import { groupVersion, type ResourceRegistry, type ResourceType } from './resource-registry.js';
import { crdSchema, modelSchema, type StructNode } from './schema.js';
import type { Storage } from './storage.js';

export interface WriteOptions {
  /** The field manager: ?fieldManager, or the User-Agent up to its first '/'. */
  manager: string;
  dryRun: boolean;
  fieldValidation: string;
  force: boolean;
  /** Warning headers to send back (unknown fields with fieldValidation=Warn …). */
  warnings: string[];
}

export class ServerContext {
  readonly ips = new IpAllocator();
  private readonly schemas = new WeakMap<ResourceType, StructNode>();

  constructor(
    readonly store: Storage,
    readonly registry: ResourceRegistry,
  ) {}

  schemaFor(rt: ResourceType): StructNode {
    let s = this.schemas.get(rt);
    if (!s) {
      s = rt.modelName ? modelSchema(rt.modelName) : crdSchema(rt.crdSchema, `${rt.kind}.${groupVersion(rt)}`);
      this.schemas.set(rt, s);
    }
    return s;
  }
}
