// managedFields bookkeeping as the API server's field manager does it: one entry per manager, operation
// and subresource; Update entries gain the fields they changed, Apply entries own exactly their config.
import { FieldSet, fieldSetOf, formatPath } from './field-set.js';
import { compareObjects, toFieldSet } from './field-walk.js';
import type { SchemaNode } from './schema.js';
import { ApiError } from './status-errors.js';
import { deepClone, deepEqual, isObject, type JsonObject, type JsonValue, type KubeObject } from './types.js';

export type Operation = 'Apply' | 'Update';

interface Entry {
  manager: string;
  operation: Operation;
  subresource: string;
  apiVersion: string;
  time: string;
  set: FieldSet;
}

export interface ManagerIdentity {
  manager: string;
  subresource: string;
  apiVersion: string;
}

/** Fields the field manager never tracks (its StripMeta list). */
const STRIPPED = fieldSetOf(
  [['f:apiVersion'], ['f:kind'], ['f:metadata'], ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', `f:${f}`])],
);

function entryKey(manager: string, operation: string, subresource: string): string {
  return JSON.stringify([manager, operation, subresource]);
}

export function decodeManagedFields(value: JsonValue | undefined): Map<string, Entry> {
  const out = new Map<string, Entry>();
  if (!Array.isArray(value)) return out;
  for (const raw of value) {
    if (!isObject(raw)) continue;
    const e: Entry = {
      manager: String(raw.manager ?? ''),
      operation: raw.operation === 'Apply' ? 'Apply' : 'Update',
      subresource: String(raw.subresource ?? ''),
      apiVersion: String(raw.apiVersion ?? ''),
      time: String(raw.time ?? ''),
      set: FieldSet.fromFieldsV1(raw.fieldsV1),
    };
    out.set(entryKey(e.manager, e.operation, e.subresource), e);
  }
  return out;
}

export function encodeManagedFields(entries: Map<string, Entry>): JsonObject[] {
  const list = [...entries.values()].filter((e) => !e.set.isEmpty());
  list.sort((p, q) => {
    if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
    const pt = Math.floor(Date.parse(p.time) / 1000) || 0;
    const qt = Math.floor(Date.parse(q.time) / 1000) || 0;
    if (pt !== qt) return pt - qt;
    if (p.manager !== q.manager) return p.manager < q.manager ? -1 : 1;
    if (p.apiVersion !== q.apiVersion) return p.apiVersion < q.apiVersion ? -1 : 1;
    return p.subresource < q.subresource ? -1 : p.subresource > q.subresource ? 1 : 0;
  });
  return list.map((e) => {
    const o: JsonObject = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion, time: e.time, fieldsType: 'FieldsV1', fieldsV1: e.set.toFieldsV1() };
    if (e.subresource) o.subresource = e.subresource;
    return o;
  });
}

function nowTime(): string {
  return new Date().toISOString().replace(/\.\d+Z$/, 'Z');
}

function withoutManagedFields(obj: JsonObject): JsonObject {
  const copy = deepClone(obj);
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

function comparison(schema: SchemaNode, live: JsonObject, next: JsonObject, ignored: FieldSet) {
  const c = compareObjects(schema, withoutManagedFields(live), withoutManagedFields(next));
  const clean = (s: FieldSet) => s.difference(STRIPPED).withoutPrefixes(ignored);
  return { added: clean(c.added), modified: clean(c.modified), removed: clean(c.removed) };
}

/**
 * Records an Update by `who`: the managedFields a request carries replace the live ones when set
 * (that is how clients migrate ownership), a [{}] list resets them; otherwise the live ones are kept.
 */
export function recordUpdate(schema: SchemaNode, live: JsonObject, next: KubeObject, who: ManagerIdentity, ignored: FieldSet): void {
  const requested = next.metadata.managedFields;
  let entries: Map<string, Entry>;
  if (who.subresource === '' && Array.isArray(requested) && requested.length === 1 && isObject(requested[0]) && Object.keys(requested[0]).length === 0) {
    entries = new Map();
  } else if (who.subresource === '' && Array.isArray(requested) && requested.length > 0) {
    entries = decodeManagedFields(requested);
  } else {
    entries = decodeManagedFields(isObject(live.metadata) ? live.metadata.managedFields : undefined);
  }
  const c = comparison(schema, live, next, ignored);
  const changed = c.added.union(c.modified);
  for (const e of entries.values()) e.set = e.set.difference(changed).difference(c.removed);
  if (!changed.isEmpty()) {
    const key = entryKey(who.manager, 'Update', who.subresource);
    const previous = entries.get(key);
    entries.set(key, {
      manager: who.manager,
      operation: 'Update',
      subresource: who.subresource,
      apiVersion: who.apiVersion,
      time: nowTime(),
      set: previous ? previous.set.union(changed) : changed,
    });
  }
  setManagedFields(next, entries);
}

function setManagedFields(obj: KubeObject, entries: Map<string, Entry>): void {
  const encoded = encodeManagedFields(entries);
  if (encoded.length > 0) obj.metadata.managedFields = encoded;
  else delete obj.metadata.managedFields;
}

export interface ApplyInput {
  schema: SchemaNode;
  live: KubeObject;
  /** live merged with the configuration (before pruning). */
  merged: KubeObject;
  config: JsonObject;
  who: ManagerIdentity;
  force: boolean;
  ignored: FieldSet;
  /** Removes the value at a field path from an object. */
  removePath: (obj: JsonObject, path: string[]) => void;
}

/** Server-side apply ownership: conflicts, pruning of fields the applier stopped setting, the new entry. */
export function recordApply(input: ApplyInput): KubeObject {
  const { schema, live, config, who, force, ignored } = input;
  const entries = decodeManagedFields(live.metadata.managedFields);
  const key = entryKey(who.manager, 'Apply', who.subresource);
  const newSet = toFieldSet(schema, config).difference(STRIPPED).withoutPrefixes(ignored);
  const previous = entries.get(key);
  const next = deepClone(input.merged);
  if (previous) {
    let others = new FieldSet();
    for (const [k, e] of entries) if (k !== key) others = others.union(e.set);
    const dropped = previous.set.difference(newSet);
    for (const path of dropped.paths().sort((a, b) => a.length - b.length)) {
      if (others.hasPrefix(path) || newSet.hasPrefix(path)) continue;
      input.removePath(next, path);
    }
  }
  const c = comparison(schema, live, next, ignored);
  const changed = c.added.union(c.modified);
  const conflicts: { manager: string; paths: string[][] }[] = [];
  for (const [k, e] of entries) {
    if (k === key) continue;
    const clash = e.set.intersection(changed);
    if (!clash.isEmpty()) conflicts.push({ manager: printManager(e), paths: clash.paths() });
  }
  if (conflicts.length > 0 && !force) throw applyConflict(conflicts);
  for (const [k, e] of entries) if (k !== key) e.set = e.set.difference(changed).difference(c.removed);
  const objectChanged = !deepEqual(withoutManagedFields(live), withoutManagedFields(next));
  entries.set(key, {
    manager: who.manager,
    operation: 'Apply',
    subresource: who.subresource,
    apiVersion: who.apiVersion,
    time: objectChanged || !previous ? nowTime() : previous.time,
    set: newSet,
  });
  setManagedFields(next, entries);
  return next;
}

/** How the API server names a manager in conflicts: name, subresource, and the version of an Update. */
function printManager(e: Entry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

function applyConflict(conflicts: { manager: string; paths: string[][] }[]): ApiError {
  const causes = conflicts.flatMap((c) => c.paths.map((p) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.manager}`, field: formatPath(p) })));
  const count = causes.length;
  let message: string;
  if (count === 1 && causes[0]) message = `Apply failed with 1 conflict: ${causes[0].message}: ${causes[0].field}`;
  else {
    const lines = conflicts.map((c) => `conflicts with ${c.manager}:\n${c.paths.map((p) => `- ${formatPath(p)}`).join('\n')}`);
    message = `Apply failed with ${count} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, { causes });
}
