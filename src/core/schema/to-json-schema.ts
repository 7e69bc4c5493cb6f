// Our compiled schemas as JSON Schema (draft 7), for tools that speak it: the playground hands it to
// monaco-yaml for completion and hover. Named definitions become `definitions` (shared, and recursion-safe);
// descriptions are resolved to text. What JSON Schema cannot say (quantity grammar, Kubernetes names) is
// left to our own validator.
import type { CompiledNode } from './compiled-schema.js';
import type { KindSchema } from './schema-registry.js';

export interface JsonSchema {
  [key: string]: unknown;
}

const MAX_INLINE_DEPTH = 40;

/**
 * One schema for a multi-document file: each document is checked against the kind its `apiVersion` and
 * `kind` name (if/then), and `apiVersion`/`kind` themselves complete from `kinds`.
 */
export function toMultiKindJsonSchema(schemas: readonly KindSchema[], kinds: ReadonlyMap<string, readonly string[]>): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const converter = new JsonSchemaConverter(definitions);
  const branches = schemas.map((schema) => ({
    if: { properties: { apiVersion: { const: schema.apiVersion }, kind: { const: schema.kind } }, required: ['apiVersion', 'kind'] },
    then: converter.convert(schema, schema.root, 0),
  }));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: 'The versioned schema of this object.', enum: [...kinds.keys()].sort() },
      kind: { type: 'string', description: 'The kind of object.', enum: [...new Set([...kinds.values()].flat())].sort() },
    },
    allOf: branches,
    definitions,
  };
}

class JsonSchemaConverter {
  private readonly named = new Map<string, string>();

  constructor(private readonly definitions: Record<string, JsonSchema>) {}

  convert(schema: KindSchema, node: CompiledNode, depth: number, description?: string): JsonSchema {
    if (node.name && depth > 0) return withDescription({ $ref: `#/definitions/${this.define(schema, node)}` }, description);
    return withDescription(this.body(schema, node, depth), description ?? schema.describe(node.description));
  }

  private define(schema: KindSchema, node: CompiledNode): string {
    const name = node.name as string;
    const key = `${schema.origin === 'builtin' ? `k8s-${schema.kubernetesVersion}` : schema.source ?? schema.origin}:${name}`;
    let id = this.named.get(key);
    if (id) return id;
    id = key.replace(/[^A-Za-z0-9._-]/g, '_');
    this.named.set(key, id);
    this.definitions[id] = {}; // placeholder first: a definition that refers to itself ends here
    this.definitions[id] = this.convert(schema, node, 0);
    return id;
  }

  private body(schema: KindSchema, node: CompiledNode, depth: number): JsonSchema {
    if (depth > MAX_INLINE_DEPTH) return {};
    const out: JsonSchema = {};
    switch (node.type) {
      case 'object': out.type = 'object'; break;
      case 'array': out.type = 'array'; break;
      case 'string': out.type = 'string'; break;
      case 'integer': out.type = 'integer'; break;
      case 'number': out.type = 'number'; break;
      case 'boolean': out.type = 'boolean'; break;
      case 'int-or-string': out.type = ['integer', 'string']; break;
      case 'quantity': out.type = ['string', 'number']; break;
      case 'any': return out;
    }
    if (node.properties) {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, slot] of node.properties) properties[key] = this.convert(schema, slot.node.get(), depth + 1, schema.describe(slot.description));
      out.properties = properties;
    }
    if (node.required) out.required = [...node.required];
    if (node.mapValues) out.additionalProperties = this.convert(schema, node.mapValues.get(), depth + 1);
    if (node.items) out.items = this.convert(schema, node.items.get(), depth + 1);
    if (node.enumValues) out.enum = [...node.enumValues].filter((v) => v !== '');
    if (node.defaultValue !== undefined) out.default = node.defaultValue;
    if (node.format === 'date-time' || node.format === 'byte') out.format = node.format;
    return out;
  }
}

function withDescription(schema: JsonSchema, description: string | undefined): JsonSchema {
  return description ? { ...schema, description } : schema;
}
