import { isRecord, type KubeObject } from '../resource/manifest-resource.js';
import { encodeBase64Utf8 } from './base64.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Annotations the server or a controller writes; never declared in Git, never drift. */
const SERVER_ANNOTATIONS = new Set([LAST_APPLIED, 'deployment.kubernetes.io/revision']);
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'];

/**
 * Deep copy without nulls: `field: null` (or `~`) in YAML means "not set". YAML 1.1 timestamps (an unquoted
 * `2024-05-01` read as a date) become the RFC 3339 string kubectl sends for them.
 */
function withoutNulls(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(withoutNulls);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
    return out;
  }
  return value;
}

function stripServerMetadata(object: Record<string, unknown>): void {
  delete object.status;
  const metadata = object.metadata;
  if (!isRecord(metadata)) return;
  for (const f of SERVER_METADATA) delete metadata[f];
  if (isRecord(metadata.annotations)) {
    for (const a of SERVER_ANNOTATIONS) delete metadata.annotations[a];
    if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
  }
}

/** Secret `stringData` is write-only: the server folds it into base64 `data`. Do the same to Git's side. */
function foldStringData(object: Record<string, unknown>): void {
  if (object.kind !== 'Secret' || !isRecord(object.stringData)) return;
  const data: Record<string, unknown> = isRecord(object.data) ? { ...object.data } : {};
  for (const [k, v] of Object.entries(object.stringData)) data[k] = encodeBase64Utf8(typeof v === 'string' ? v : String(v));
  object.data = data;
  delete object.stringData;
}

/** The desired object as the server would store it, as far as we compare it. */
export function normalizeDesired(object: KubeObject, namespace: string): Record<string, unknown> {
  const out = withoutNulls(object) as Record<string, unknown>;
  stripServerMetadata(out);
  foldStringData(out);
  // Cluster-scoped objects have no namespace, whatever the manifest says (the server drops it).
  if (isRecord(out.metadata)) {
    if (namespace) out.metadata.namespace = namespace;
    else delete out.metadata.namespace;
  }
  return out;
}

/** The live object without what the server owns (status, bookkeeping metadata). */
export function normalizeLive(object: KubeObject): Record<string, unknown> {
  const out = withoutNulls(object) as Record<string, unknown>;
  stripServerMetadata(out);
  return out;
}

/**
 * The API server serves an object in every version of its group and converts between them: drift reads it in
 * the version discovery prefers (Flux HelmRelease `v2`) while Git may write another (`v2beta2`). A difference
 * in the version alone is not drift; the live object is compared as read.
 */
export function alignServedVersion(git: Record<string, unknown>, live: Record<string, unknown>): void {
  const group = (v: unknown) => (typeof v === 'string' && v.includes('/') ? v.slice(0, v.indexOf('/')) : '');
  if (typeof git.apiVersion === 'string' && typeof live.apiVersion === 'string' && git.apiVersion !== live.apiVersion && group(git.apiVersion) === group(live.apiVersion)) {
    live.apiVersion = git.apiVersion;
  }
}

/** The object kubectl (or Argo CD's client-side apply) last applied, from its annotation. */
export function readLastApplied(object: unknown): Record<string, unknown> | undefined {
  const metadata = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
  const text = isRecord(metadata?.annotations) ? metadata.annotations[LAST_APPLIED] : undefined;
  if (typeof text !== 'string') return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (!isRecord(parsed)) return undefined;
    const out = withoutNulls(parsed) as Record<string, unknown>;
    foldStringData(out);
    return out;
  } catch {
    return undefined;
  }
}
