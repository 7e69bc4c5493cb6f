// The JSON Schema monaco-yaml gets: our schemas of the kinds the text declares (one if/then branch each),
// rebuilt only when that set or the Kubernetes version changes.
import type { SchemaRegistry } from '../core/schema/schema-registry.js';
import { toMultiKindJsonSchema, type JsonSchema } from '../core/schema/to-json-schema.js';
import type { ObjectKind } from './lint-protocol.js';

export interface KindsJsonSchema {
  /** A schema when the kinds or the version changed since the last call, else undefined. */
  update(kubernetesVersion: string, kinds: readonly ObjectKind[]): JsonSchema | undefined;
}

export function createKindsJsonSchema(registry: SchemaRegistry): KindsJsonSchema {
  let lastKey: string | undefined;
  return {
    update(kubernetesVersion, kinds) {
      const key = [kubernetesVersion, ...kinds.map((k) => `${k.apiVersion} ${k.kind}`).sort()].join('\n');
      if (key === lastKey) return undefined;
      lastKey = key;
      const schemas = kinds.flatMap((k) => {
        const lookup = registry.lookup(kubernetesVersion, k.apiVersion, k.kind);
        return (lookup.status === 'found' || lookup.status === 'deprecated') && lookup.schema ? [lookup.schema] : [];
      });
      return toMultiKindJsonSchema(schemas, registry.listKinds(kubernetesVersion));
    },
  };
}
