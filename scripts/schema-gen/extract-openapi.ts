// Reads the official OpenAPI (Swagger 2) document of one Kubernetes release — kubernetes/kubernetes
// `api/openapi-spec/swagger.json`, as the Kubernetes Python client vendors it per release — into our schema
// nodes: every bundled Kubernetes version (1.30–1.36) comes from this one source.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { SchemaNodeJson, SchemaNodeObjectJson } from '../../src/core/schema/schema-data.js';

export interface ExtractedDefinition {
  name: string;
  node: SchemaNodeObjectJson;
  /** property descriptions and the definition's own description, as text (ids are assigned later). */
  description?: string;
  propertyDescriptions: Record<string, string>;
}

export interface ExtractedKubernetesVersion {
  definitions: Map<string, ExtractedDefinition>;
  /** apiVersion → kind → root definition name */
  kinds: Map<string, Map<string, string>>;
}

interface OpenApiSchema {
  type?: string;
  format?: string;
  description?: string;
  $ref?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  additionalProperties?: OpenApiSchema | boolean;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
}

/** Definitions that are scalar types with their own grammar rather than objects. */
const SCALAR_DEFINITIONS: Record<string, SchemaNodeObjectJson> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { t: 'int-or-string' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { t: 'quantity' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': { t: 'string', f: 'date-time' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': { t: 'string', f: 'date-time' },
};

export interface OpenApiDocument {
  /** where the vendored copy was taken from (added when vendoring; see scripts/schema-gen/openapi/README.md). */
  source: string;
  definitions: Record<string, OpenApiSchema>;
}

export function readOpenApiDocument(path: string): OpenApiDocument {
  const bytes = readFileSync(path);
  return JSON.parse((path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as OpenApiDocument;
}

export function extractOpenApi(document: Pick<OpenApiDocument, 'definitions'>): ExtractedKubernetesVersion {
  const all = document.definitions;
  const convert = (schema: OpenApiSchema): SchemaNodeJson => {
    if (schema.$ref) {
      const name = schema.$ref.replace('#/definitions/', '');
      const scalar = SCALAR_DEFINITIONS[name];
      if (scalar) return { ...scalar };
      const target = all[name];
      if (!target) throw new Error(`unknown definition ${name}`);
      // A definition with no declared properties (RawExtension, JSON, FieldsV1, …) is "any value".
      if (!target.properties) return target.type && target.type !== 'object' ? convert({ ...target, description: undefined }) : { t: 'any' };
      return name;
    }
    switch (schema.type) {
      case 'string':
        return { t: 'string' };
      case 'integer':
      case 'number':
        return { t: 'integer' };
      case 'boolean':
        return { t: 'boolean' };
      case 'array':
        return { t: 'array', i: schema.items ? convert(schema.items) : { t: 'any' } };
      case 'object':
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return { t: 'object', m: convert(schema.additionalProperties) };
        return { t: 'object', m: { t: 'any' } };
      default:
        return { t: 'any' };
    }
  };

  const definitions = new Map<string, ExtractedDefinition>();
  for (const [name, schema] of Object.entries(all)) {
    if (!schema.properties || SCALAR_DEFINITIONS[name]) continue;
    const node: SchemaNodeObjectJson = { t: 'object', p: {} };
    const propertyDescriptions: Record<string, string> = {};
    for (const [prop, propSchema] of Object.entries(schema.properties)) {
      node.p![prop] = convert(propSchema);
      if (propSchema.description) propertyDescriptions[prop] = propSchema.description;
    }
    if (schema.required?.length) node.r = [...schema.required];
    definitions.set(name, { name, node, description: schema.description || undefined, propertyDescriptions });
  }

  const kinds = new Map<string, Map<string, string>>();
  for (const [name, schema] of Object.entries(all)) {
    const gvks = schema['x-kubernetes-group-version-kind'];
    const def = definitions.get(name);
    // A kind is a definition with metadata and a group-version-kind. Shared definitions list several:
    // DeleteOptions and WatchEvent (every group; no metadata, so no kind) and, in 1.30 only, meta/v1 Status
    // (`v1` and resource.k8s.io/v1alpha2): the first one listed is the kind, as cdk8s reads it.
    if (!def || !gvks?.length || !schema.properties?.metadata) continue;
    const { group, version, kind } = gvks[0]!;
    const apiVersion = group ? `${group}/${version}` : version;
    def.node.p!.status = { t: 'any' };
    if (def.node.r) def.node.r = def.node.r.filter((prop) => prop !== 'status');
    def.propertyDescriptions.status = 'Status is written by the cluster, not by you; it is not validated.';
    let byKind = kinds.get(apiVersion);
    if (!byKind) kinds.set(apiVersion, (byKind = new Map()));
    byKind.set(kind, name);
  }
  return { definitions: reachableFrom(kinds, definitions), kinds };
}

/** The definitions the kinds use, directly or through other definitions (the document also has request-only types). */
function reachableFrom(kinds: Map<string, Map<string, string>>, definitions: Map<string, ExtractedDefinition>): Map<string, ExtractedDefinition> {
  const out = new Map<string, ExtractedDefinition>();
  const visit = (node: SchemaNodeJson | undefined): void => {
    if (node === undefined) return;
    if (typeof node === 'string') {
      const def = definitions.get(node);
      if (!def || out.has(node)) return;
      out.set(node, def);
      visit(def.node);
      return;
    }
    for (const child of Object.values(node.p ?? {})) visit(child);
    visit(node.m);
    visit(node.i);
  };
  for (const byKind of kinds.values()) for (const root of byKind.values()) visit(root);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}
