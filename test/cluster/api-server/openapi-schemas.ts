// OpenAPI v3 schemas of the served kinds, generated from the server's schema model, with the
// x-kubernetes-* extensions kubectl reads for strategic merge (patch strategy, merge keys) and explain.
import { modelDocs } from './model-descriptions.js';
import type { ResourceType } from './resource-registry.js';
import type { SchemaNode, StructNode } from './schema.js';
import type { JsonObject } from './types.js';

/** io.k8s.api.apps.v1.Deployment-like names: the version from the model prefix, then the kind. */
export function definitionName(model: string): string {
  const m = /^(?:[A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(model);
  if (!m) return `io.k8s.api.${model}`;
  const version = (m[1] as string).toLowerCase();
  const kind = m[2] as string;
  if (['ObjectMeta', 'ManagedFieldsEntry', 'OwnerReference', 'LabelSelector', 'LabelSelectorRequirement', 'Status', 'ListMeta'].includes(kind)) {
    return `io.k8s.apimachinery.pkg.apis.meta.${version}.${kind}`;
  }
  return `io.k8s.api.${version}.${kind}`;
}

export class SchemaCollector {
  readonly schemas: Record<string, JsonObject> = {};

  ref(node: StructNode, crdName?: string): JsonObject {
    const name = crdName ?? definitionName(node.name);
    if (!this.schemas[name]) {
      this.schemas[name] = {};
      this.schemas[name] = this.struct(node);
    }
    return { $ref: `#/components/schemas/${name}` };
  }

  private struct(node: StructNode): JsonObject {
    const docs = node.fieldDescriptions ? undefined : modelDocs(node.name);
    const properties: JsonObject = {};
    for (const [field, child] of node.fields) {
      const s = this.schema(child);
      const description = node.fieldDescriptions?.get(field) ?? docs?.fields.get(field);
      if (node.retainKeys.has(field)) s['x-kubernetes-patch-strategy'] = 'retainKeys';
      properties[field] = description ? (s.$ref ? { allOf: [s], description } : { ...s, description }) : s;
    }
    const out: JsonObject = { type: 'object', properties };
    const description = node.description ?? docs?.description;
    if (description) out.description = description;
    const required = node.required ?? docs?.required;
    if (required && required.length) out.required = [...required];
    if (node.atomic) out['x-kubernetes-map-type'] = 'atomic';
    if (node.preserveUnknown) out['x-kubernetes-preserve-unknown-fields'] = true;
    return out;
  }

  schema(node: SchemaNode): JsonObject {
    switch (node.kind) {
      case 'scalar':
        switch (node.type) {
          case 'integer':
            return { type: 'integer', format: 'int64' };
          case 'number':
            return { type: 'number', format: 'double' };
          case 'boolean':
            return { type: 'boolean' };
          case 'date-time':
            return { type: 'string', format: 'date-time' };
          case 'int-or-string':
            return { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] };
          default:
            return { type: 'string' };
        }
      case 'struct':
        // Custom resource schemas are inlined, as the real server publishes them.
        return node.fieldDescriptions ? this.struct(node) : this.ref(node);
      case 'map': {
        const out: JsonObject = { type: 'object', additionalProperties: this.schema(node.values) };
        if (node.atomic) out['x-kubernetes-map-type'] = 'atomic';
        return out;
      }
      case 'list': {
        const out: JsonObject = { type: 'array', items: this.schema(node.items) };
        if (node.listType !== 'atomic') {
          out['x-kubernetes-list-type'] = node.listType;
          out['x-kubernetes-patch-strategy'] = node.retainKeys ? 'merge,retainKeys' : 'merge';
        } else out['x-kubernetes-list-type'] = 'atomic';
        if (node.listType === 'map') {
          out['x-kubernetes-list-map-keys'] = [...node.keys];
          if (node.mergeKey) out['x-kubernetes-patch-merge-key'] = node.mergeKey;
        }
        return out;
      }
      default:
        return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    }
  }
}

/** Names the top-level schema of a resource and marks it with its group/version/kind. */
export function addKindSchema(collector: SchemaCollector, rt: ResourceType, node: StructNode): string {
  const name = rt.modelName ? definitionName(rt.modelName) : `${rt.group.split('.').reverse().join('.')}.${rt.version}.${rt.kind}`;
  collector.ref(node, name);
  const s = collector.schemas[name] as JsonObject;
  s['x-kubernetes-group-version-kind'] = [{ group: rt.group, kind: rt.kind, version: rt.version }];
  return name;
}
