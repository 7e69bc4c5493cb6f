// The live side of a Git ↔ live diff, without the values the API server filled in where Git says nothing
// (Deployment `progressDeadlineSeconds: 600`, container `terminationMessagePath`, …): a person reading the
// diff sees what differs, not what the server always adds. Only known defaults (server-defaults.ts) are
// hidden, and only where Git leaves the field out; a value a person set live is never hidden.
import { isRecord } from '../resource/manifest-resource.js';
import { isEmptyValue } from './value-equality.js';
import { itemKey, listSemanticsAt, sameKey } from './list-semantics.js';
import { serverDefault } from './server-defaults.js';

export function hideServerDefaults(group: string, kind: string, live: Record<string, unknown>, git: Record<string, unknown> | undefined): Record<string, unknown> {
  return pruneMap(group, kind, live, git, []);
}

function pruneMap(group: string, kind: string, live: Record<string, unknown>, git: Record<string, unknown> | undefined, path: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(live)) {
    const here = [...path, key];
    const gitValue = git?.[key];
    if (gitValue === undefined && isDefault(group, kind, here, value, live)) continue;
    const pruned = pruneValue(group, kind, value, gitValue, here);
    // A map that held only defaults (`strategy: {rollingUpdate: {…}}`) goes too, unless Git declares it.
    if (gitValue === undefined && isRecord(value) && Object.keys(value).length > 0 && isRecord(pruned) && Object.keys(pruned).length === 0) continue;
    out[key] = pruned;
  }
  return out;
}

function pruneValue(group: string, kind: string, value: unknown, gitValue: unknown, path: readonly string[]): unknown {
  if (isRecord(value)) return pruneMap(group, kind, value, isRecord(gitValue) ? gitValue : undefined, path);
  if (Array.isArray(value)) {
    const semantics = listSemanticsAt(kind, group, path);
    const gitItems = Array.isArray(gitValue) ? gitValue : [];
    return value.map((item, i) => {
      if (!isRecord(item)) return item;
      const gitItem = semantics.type === 'map' ? counterpart(item, gitItems, semantics.keys) : gitItems[i];
      return pruneMap(group, kind, item, isRecord(gitItem) ? gitItem : undefined, [...path, '*']);
    });
  }
  return value;
}

function counterpart(item: Record<string, unknown>, gitItems: readonly unknown[], keys: readonly string[]): unknown {
  const key = itemKey(item, keys);
  if (!key) return undefined;
  return gitItems.find((g) => {
    const k = itemKey(g, keys);
    return k !== undefined && sameKey(k, key);
  });
}

function isDefault(group: string, kind: string, path: readonly string[], value: unknown, parent: Record<string, unknown>): boolean {
  const d = serverDefault(group, kind, path, parent);
  if (d === undefined) return false;
  if (isRecord(d)) return isRecord(value) && isEmptyValue(value);
  return JSON.stringify(d) === JSON.stringify(value);
}
