// What a drift command acts on, free of `vscode` so it is unit-tested in plain Node. Commands get a tree node,
// a `{ environmentId, resourceId?, pointer? }` object (hover links pass it JSON-encoded in a `command:` URI,
// which VS Code decodes), or, from elsewhere, that object as a JSON string.

export interface DriftTarget {
  readonly environmentId: string;
  readonly resourceId?: string;
  /** RFC 6901 pointer of a field inside the resource. */
  readonly pointer?: string;
}

/** The target in a command's first argument, or undefined when it names none. */
export function toDriftTarget(arg: unknown): DriftTarget | undefined {
  let value = arg;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.environmentId !== 'string') return undefined;
  const target: { environmentId: string; resourceId?: string; pointer?: string } = { environmentId: record.environmentId };
  if (typeof record.resourceId === 'string' && record.resourceId !== '') target.resourceId = record.resourceId;
  if (target.resourceId && typeof record.pointer === 'string') target.pointer = record.pointer;
  return target;
}

/** `group/kind/namespace/name`, as `resourceKeyId` spells it (the resource's id). */
export function resourceKeyText(key: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string }): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}
