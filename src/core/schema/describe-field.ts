// Field information for hovers and completion: what a path in an object is, and which fields an object takes.
import type { CompiledNode } from './compiled-schema.js';
import { typeLabel } from './compiled-schema.js';
import type { KindSchema } from './schema-registry.js';

export interface FieldDescription {
  readonly description?: string;
  /** A short type label: `integer`, `[]Container`, `map[string]string`, `PodSpec`. */
  readonly type: string;
  readonly enum?: readonly unknown[];
  readonly default?: unknown;
  readonly required?: boolean;
  readonly format?: string;
}

export interface FieldInfo {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly description?: string;
  readonly enum?: readonly unknown[];
}

interface Located {
  readonly node: CompiledNode;
  readonly propertyDescription?: number | string;
  readonly required?: boolean;
}

const MAX_PATH = 128;

function locate(schema: KindSchema, path: readonly (string | number)[]): Located | undefined {
  let current: Located = { node: schema.root };
  if (path.length > MAX_PATH) return undefined;
  for (const segment of path) {
    const node = current.node;
    if (typeof segment === 'number') {
      if (node.type !== 'array' || !node.items) return undefined;
      current = { node: node.items.get() };
      continue;
    }
    const slot = node.properties?.get(segment);
    if (slot) {
      current = { node: slot.node.get(), propertyDescription: slot.description, required: slot.required };
      continue;
    }
    if (node.mapValues) {
      current = { node: node.mapValues.get() };
      continue;
    }
    if (node.type === 'array' && node.items && /^\d+$/.test(segment)) {
      current = { node: node.items.get() };
      continue;
    }
    return undefined;
  }
  return current;
}

/** Describes the field at `path` (property names and array indexes from the object root); undefined if unknown. */
export function describeField(schema: KindSchema, path: readonly (string | number)[]): FieldDescription | undefined {
  try {
    const found = locate(schema, path);
    if (!found) return undefined;
    const { node } = found;
    return {
      description: schema.describe(found.propertyDescription) ?? schema.describe(node.description),
      type: typeLabel(node),
      enum: node.enumValues ? [...node.enumValues] : undefined,
      default: node.defaultValue,
      required: found.required,
      format: node.format,
    };
  } catch {
    return undefined;
  }
}

/** The fields the object at `path` takes (for completion), sorted required first then by name. */
export function listFields(schema: KindSchema, path: readonly (string | number)[]): FieldInfo[] {
  try {
    const found = locate(schema, path);
    let node = found?.node;
    if (node?.type === 'array' && node.items) node = node.items.get();
    if (!node?.properties) return [];
    const out: FieldInfo[] = [];
    for (const [name, slot] of node.properties) {
      const child = slot.node.get();
      out.push({
        name,
        type: typeLabel(child),
        required: slot.required,
        description: schema.describe(slot.description) ?? schema.describe(child.description),
        enum: child.enumValues ? [...child.enumValues] : undefined,
      });
    }
    if (node.embedded) {
      for (const name of ['apiVersion', 'kind', 'metadata']) if (!node.properties.has(name)) out.push({ name, type: name === 'metadata' ? 'ObjectMeta' : 'string', required: false });
    }
    return out.sort((a, b) => Number(b.required) - Number(a.required) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}
