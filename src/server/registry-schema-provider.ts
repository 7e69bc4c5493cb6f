// Hover and completion answered by core's schema registry (built-in kinds, bundled CRDs, workspace CRDs).
import { describeField, listFields } from '../core/schema/describe-field.js';
import type { KindSchema, SchemaRegistry } from '../core/schema/schema-registry.js';
import type { FieldInfo, KindInfo, SchemaProvider } from './schema-provider.js';

export function createRegistrySchemaProvider(registry: SchemaRegistry): SchemaProvider {
  const schemaOf = (kubernetesVersion: string, apiVersion: string, kind: string): KindSchema | undefined => {
    const lookup = registry.lookup(kubernetesVersion, apiVersion, kind);
    return lookup.status === 'found' || lookup.status === 'deprecated' ? lookup.schema : undefined;
  };
  return {
    describeField(apiVersion, kind, path, kubernetesVersion) {
      const schema = schemaOf(kubernetesVersion, apiVersion, kind);
      const field = schema && describeField(schema, path);
      if (!field) return undefined;
      const name = [...path].reverse().find((s): s is string => typeof s === 'string') ?? kind;
      return { name, type: field.type, description: field.description, default: field.default, enum: scalars(field.enum), required: field.required };
    },
    listFields(apiVersion, kind, path, kubernetesVersion) {
      const schema = schemaOf(kubernetesVersion, apiVersion, kind);
      if (!schema) return [];
      return listFields(schema, path).map((f): FieldInfo => ({ name: f.name, type: f.type, description: f.description, enum: scalars(f.enum), required: f.required }));
    },
    listKinds(kubernetesVersion) {
      const out: KindInfo[] = [];
      for (const [apiVersion, kinds] of registry.listKinds(kubernetesVersion)) for (const kind of kinds) out.push({ apiVersion, kind });
      return out;
    },
  };
}

function scalars(values: readonly unknown[] | undefined): FieldInfo['enum'] {
  return values?.filter((v): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v));
}
