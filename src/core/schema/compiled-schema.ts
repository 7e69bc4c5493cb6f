// Schema nodes compiled for fast validation: allowed keys in a Map, enums in a Set, regexes built once.
// Compilation is lazy: a child (property, map value, array item, named definition) is compiled the first
// time validation or a hover reaches it, so the first Deployment costs only the definitions it touches.
import type { SchemaNodeJson, SchemaNodeObjectJson, SchemaNodeType } from './schema-data.js';

export interface CompiledNode {
  readonly type: SchemaNodeType;
  /** Name of the definition this node is (`io.k8s.api.core.v1.PodSpec`), when it is a named one. */
  readonly name?: string;
  readonly description?: number | string;
  readonly properties?: ReadonlyMap<string, PropertySlot>;
  readonly required?: readonly string[];
  readonly mapValues?: NodeHandle;
  readonly preserveUnknown: boolean;
  readonly embedded: boolean;
  readonly items?: NodeHandle;
  readonly enumValues?: ReadonlySet<unknown>;
  readonly format?: string;
  readonly nullable: boolean;
  readonly defaultValue?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: RegExp;
}

export interface PropertySlot {
  readonly node: NodeHandle;
  readonly description?: number | string;
  readonly required: boolean;
}

/** A lazily compiled node. */
export interface NodeHandle {
  get(): CompiledNode;
}

/** Resolves named definitions for one Kubernetes version (and, for CRD chunks, the chunk's own defs). */
export interface DefinitionResolver {
  resolve(name: string): CompiledNode | undefined;
}

const ANY: CompiledNode = { type: 'any', preserveUnknown: true, embedded: false, nullable: true };


const NODE_TYPES: ReadonlySet<string> = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean', 'int-or-string', 'quantity', 'any']);

class LazyHandle implements NodeHandle {
  private compiled: CompiledNode | undefined;
  constructor(
    private readonly json: SchemaNodeJson | undefined,
    private readonly resolver: DefinitionResolver,
  ) {}
  get(): CompiledNode {
    if (!this.compiled) this.compiled = compileNode(this.json, this.resolver);
    return this.compiled;
  }
}

export function handleFor(json: SchemaNodeJson | undefined, resolver: DefinitionResolver): NodeHandle {
  return new LazyHandle(json, resolver);
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function compilePattern(source: unknown): RegExp | undefined {
  if (typeof source !== 'string' || source.length > 1000) return undefined;
  try {
    return new RegExp(source, 'u');
  } catch {
    return undefined; // Go RE2 syntax JavaScript does not accept: skip the check rather than guess.
  }
}

/** Compiles one node. Unknown or malformed input compiles to "any": bad data never makes validation throw. */
export function compileNode(json: SchemaNodeJson | undefined, resolver: DefinitionResolver, name?: string): CompiledNode {
  if (typeof json === 'string') return resolver.resolve(json) ?? ANY;
  if (!json || typeof json !== 'object' || !NODE_TYPES.has((json as SchemaNodeObjectJson).t)) return ANY;
  const properties = new Map<string, PropertySlot>();
  const required = Array.isArray(json.r) ? json.r.filter((r): r is string => typeof r === 'string') : [];
  const requiredSet = new Set(required);
  if (json.p && typeof json.p === 'object') {
    for (const [key, child] of Object.entries(json.p)) {
      properties.set(key, {
        node: handleFor(child, resolver),
        description: json.pd?.[key],
        required: requiredSet.has(key),
      });
    }
  }
  return {
    type: json.t,
    name,
    description: json.d,
    properties: properties.size ? properties : undefined,
    required: required.length ? required : undefined,
    mapValues: json.m !== undefined ? handleFor(json.m, resolver) : undefined,
    preserveUnknown: json.x === 1 || json.t === 'any',
    embedded: json.emb === 1,
    items: json.i !== undefined ? handleFor(json.i, resolver) : undefined,
    enumValues: Array.isArray(json.e) ? new Set(json.e) : undefined,
    format: typeof json.f === 'string' ? json.f : undefined,
    nullable: json.n === 1,
    defaultValue: json.df,
    minimum: finiteNumber(json.min),
    maximum: finiteNumber(json.max),
    minLength: finiteNumber(json.minL),
    maxLength: finiteNumber(json.maxL),
    minItems: finiteNumber(json.minI),
    maxItems: finiteNumber(json.maxI),
    pattern: compilePattern(json.pat),
  };
}

/** A short type label for hovers and completion: `[]Container`, `map[string]string`, `PodSpec`, `integer`. */
export function typeLabel(node: CompiledNode, depth = 0): string {
  const isMap = node.type === 'object' && node.mapValues !== undefined && !node.properties;
  if (node.name && !isMap) {
    const cut = Math.max(node.name.lastIndexOf('.'), node.name.lastIndexOf(':'), node.name.lastIndexOf('/'));
    return node.name.slice(cut + 1);
  }
  if (depth > 4) return node.type;
  if (node.type === 'array') return `[]${node.items ? typeLabel(node.items.get(), depth + 1) : 'any'}`;
  if (isMap && node.mapValues) return `map[string]${typeLabel(node.mapValues.get(), depth + 1)}`;
  return node.type;
}
