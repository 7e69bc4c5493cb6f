// JSON Schemas for yaml-language-server, one per kind, converted from our own bundled schema data so both
// servers validate against the same definitions (same fields, enums, required lists, strictness).
import { createFileSchemaSource } from '../../src/adapters/schema/file-schema-source.js';
import type { CompiledNode } from '../../src/core/schema/compiled-schema.js';
import { createSchemaRegistry, type KindSchema } from '../../src/core/schema/schema-registry.js';

type JsonSchema = Record<string, unknown>;

export function kindJsonSchema(apiVersion: string, kind: string, kubernetesVersion = '1.33'): JsonSchema {
  const registry = createSchemaRegistry(createFileSchemaSource('src/core/schema/data'));
  const lookup = registry.lookup(kubernetesVersion, apiVersion, kind);
  if (lookup.status !== 'found') throw new Error(`no schema for ${apiVersion} ${kind}: ${lookup.status}`);
  const definitions: Record<string, JsonSchema> = {};
  const root = convert(lookup.schema.root, lookup.schema, definitions, true);
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...root, definitions };
}

function convert(node: CompiledNode, schema: KindSchema, definitions: Record<string, JsonSchema>, isRoot = false): JsonSchema {
  // Named definitions go to `definitions` once (they are recursive, e.g. JSONSchemaProps).
  if (node.name && !isRoot) {
    const key = node.name.replace(/[^A-Za-z0-9_.-]/g, '_');
    if (!(key in definitions)) {
      definitions[key] = {};
      definitions[key] = body(node, schema, definitions);
    }
    return { $ref: `#/definitions/${key}` };
  }
  return body(node, schema, definitions);
}

function body(node: CompiledNode, schema: KindSchema, definitions: Record<string, JsonSchema>): JsonSchema {
  const out: JsonSchema = {};
  const description = schema.describe(node.description);
  if (description) out.description = description;
  const types: Record<string, string | string[] | undefined> = {
    object: 'object', array: 'array', string: 'string', integer: 'integer', number: 'number', boolean: 'boolean',
    'int-or-string': ['integer', 'string'], quantity: ['string', 'number'], any: undefined,
  };
  const type = types[node.type];
  if (type) out.type = node.nullable ? [...(Array.isArray(type) ? type : [type]), 'null'] : type;
  if (node.enumValues) out.enum = [...node.enumValues];
  if (node.properties) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, slot] of node.properties) {
      const child = convert(slot.node.get(), schema, definitions);
      const text = schema.describe(slot.description);
      properties[name] = text && !child.$ref ? { ...child, description: text } : text ? { allOf: [child], description: text } : child;
    }
    out.properties = properties;
    const required = [...node.properties].filter(([, slot]) => slot.required).map(([name]) => name);
    if (required.length) out.required = required;
  }
  if (node.mapValues) out.additionalProperties = convert(node.mapValues.get(), schema, definitions);
  else if (node.type === 'object' && node.properties && !node.preserveUnknown) out.additionalProperties = false;
  if (node.items) out.items = convert(node.items.get(), schema, definitions);
  return out;
}
