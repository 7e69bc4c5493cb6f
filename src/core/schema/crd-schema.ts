// Turns a CustomResourceDefinition object (apiextensions.k8s.io/v1, as parsed from a workspace file) into
// our schema nodes, one per served version, following the structural-schema rules of the API server.
import type { SchemaNodeJson, SchemaNodeObjectJson } from './schema-data.js';

export const OBJECT_META_DEFINITION = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export interface CustomResourceVersionSchema {
  readonly name: string;
  readonly apiVersion: string;
  readonly served: boolean;
  readonly deprecated: boolean;
  readonly deprecationWarning?: string;
  /** The root node; undefined when the version declares no schema (then anything is accepted). */
  readonly schema?: SchemaNodeJson;
}

export interface CustomResourceSchema {
  readonly group: string;
  readonly kind: string;
  readonly plural?: string;
  readonly scope?: string;
  readonly versions: readonly CustomResourceVersionSchema[];
}

export interface CustomResourceSchemaResult {
  /** undefined when the object is not a usable CustomResourceDefinition. */
  readonly schema?: CustomResourceSchema;
  /** Problems that made a version or the whole CRD unusable (shown to the user as warnings). */
  readonly problems: readonly string[];
}

const MAX_DEPTH = 64;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

const MAX_NODES = 50_000;

/**
 * Conversion state: shared sub-schemas (YAML aliases) convert once, a cycle or an oversized schema ends in
 * "any" instead of exponential work.
 */
interface ConvertState {
  readonly done: WeakMap<object, SchemaNodeObjectJson>;
  readonly active: WeakSet<object>;
  nodes: number;
}

/** Converts one openAPIV3Schema (JSONSchemaProps) node and everything below it. */
export function convertOpenApiSchema(schema: unknown): SchemaNodeObjectJson {
  return convertNode(schema, 0, { done: new WeakMap(), active: new WeakSet(), nodes: 0 });
}

function convertNode(schema: unknown, depth: number, state: ConvertState): SchemaNodeObjectJson {
  if (!isRecord(schema) || depth > MAX_DEPTH || state.active.has(schema) || ++state.nodes > MAX_NODES) return { t: 'any' };
  const cached = state.done.get(schema);
  if (cached) return cached;
  state.active.add(schema);
  const out = convertFresh(schema, depth, state);
  state.active.delete(schema);
  state.done.set(schema, out);
  return out;
}

function convertFresh(schema: Record<string, unknown>, depth: number, state: ConvertState): SchemaNodeObjectJson {
  const out: SchemaNodeObjectJson = { t: 'any' };
  const description = text(schema.description);
  if (description) out.d = description;
  if (schema.nullable === true) out.n = 1;
  if ('default' in schema) out.df = schema.default;
  if (Array.isArray(schema.enum)) {
    out.e = schema.enum.filter((v): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v));
  }
  const type = text(schema.type);
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (schema['x-kubernetes-int-or-string'] === true) {
    out.t = 'int-or-string';
    return out;
  }
  if (type === 'object' || (!type && (isRecord(schema.properties) || schema['x-kubernetes-embedded-resource'] === true))) {
    out.t = 'object';
    if (isRecord(schema.properties)) {
      const p: Record<string, SchemaNodeJson> = {};
      for (const [key, child] of Object.entries(schema.properties)) p[key] = convertNode(child, depth + 1, state);
      out.p = p;
    }
    const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
    if (required.length) out.r = required;
    if (isRecord(schema.additionalProperties)) out.m = convertNode(schema.additionalProperties, depth + 1, state);
    else if (schema.additionalProperties === true) out.m = { t: 'any' };
    if (preserve) out.x = 1;
    if (schema['x-kubernetes-embedded-resource'] === true) {
      out.emb = 1;
      // An embedded object's metadata is validated as ObjectMeta.
      if (out.p && !out.p.metadata) out.p.metadata = OBJECT_META_DEFINITION;
    }
    const minP = num(schema.minProperties);
    if (minP !== undefined) out.minI = minP;
    return out;
  }
  if (!type) {
    // No type: only legal with x-kubernetes-preserve-unknown-fields (or int-or-string, handled above).
    return out;
  }
  switch (type) {
    case 'array':
      out.t = 'array';
      out.i = isRecord(schema.items) ? convertNode(schema.items, depth + 1, state) : { t: 'any' };
      if (num(schema.minItems) !== undefined) out.minI = num(schema.minItems);
      if (num(schema.maxItems) !== undefined) out.maxI = num(schema.maxItems);
      return out;
    case 'string':
      out.t = 'string';
      if (text(schema.format) === 'int-or-string') out.t = 'int-or-string';
      else if (text(schema.format)) out.f = text(schema.format);
      if (num(schema.minLength) !== undefined) out.minL = num(schema.minLength);
      if (num(schema.maxLength) !== undefined) out.maxL = num(schema.maxLength);
      if (text(schema.pattern)) out.pat = text(schema.pattern);
      return out;
    case 'integer':
    case 'number':
      out.t = type;
      if (num(schema.minimum) !== undefined) out.min = num(schema.minimum);
      if (num(schema.maximum) !== undefined) out.max = num(schema.maximum);
      return out;
    case 'boolean':
      out.t = 'boolean';
      return out;
    default:
      return out;
  }
}

/** The root of a custom resource: the version's schema plus apiVersion, kind and ObjectMeta metadata. */
function customResourceRoot(openApi: unknown): SchemaNodeJson {
  const root = convertOpenApiSchema(openApi);
  if (root.t !== 'object') return root;
  return {
    ...root,
    p: {
      ...root.p,
      apiVersion: { t: 'string' },
      kind: { t: 'string' },
      metadata: OBJECT_META_DEFINITION,
      // status is written by the controller; committed status is another rule's business.
      status: { t: 'any' },
    },
    r: root.r?.filter((r) => r !== 'apiVersion' && r !== 'kind' && r !== 'metadata' && r !== 'status'),
  };
}

/** Reads a CustomResourceDefinition object. Never throws. */
export function schemaFromCustomResourceDefinition(crd: unknown): CustomResourceSchemaResult {
  const problems: string[] = [];
  if (!isRecord(crd) || crd.kind !== 'CustomResourceDefinition' || !isRecord(crd.spec)) {
    return { problems: ['not a CustomResourceDefinition'] };
  }
  const spec = crd.spec;
  const names = isRecord(spec.names) ? spec.names : {};
  const group = text(spec.group);
  const kind = text(names.kind);
  if (!group || !kind) return { problems: ['spec.group and spec.names.kind are required'] };
  const versions: CustomResourceVersionSchema[] = [];
  const legacySchema = isRecord(spec.validation) ? spec.validation.openAPIV3Schema : undefined; // apiextensions v1beta1
  const rawVersions = Array.isArray(spec.versions) ? spec.versions : text(spec.version) ? [{ name: spec.version, served: true }] : [];
  for (const raw of rawVersions) {
    if (!isRecord(raw) || !text(raw.name)) {
      problems.push('a version without a name was skipped');
      continue;
    }
    const openApi = isRecord(raw.schema) ? raw.schema.openAPIV3Schema : legacySchema;
    versions.push({
      name: raw.name as string,
      apiVersion: `${group}/${raw.name as string}`,
      served: raw.served !== false,
      deprecated: raw.deprecated === true,
      deprecationWarning: text(raw.deprecationWarning),
      schema: isRecord(openApi) ? customResourceRoot(openApi) : undefined,
    });
  }
  if (!versions.length) problems.push('the CustomResourceDefinition declares no version');
  return {
    schema: { group, kind, plural: text(names.plural), scope: text(spec.scope), versions },
    problems,
  };
}
