// The imperative intents done through Git (Scale, Set Image, Edit Field): what a person types, checked before
// anything is planned, and the fields of the Git object the prompts offer. Pure (unit-tested in plain Node).
import { isRecord } from '../../core/resource/manifest-resource.js';
import { podSpecPath } from '../../core/resource/pod-template.js';
import type { WriteBackIntent } from '../../protocol/writeback-messages.js';

/** A validator answers undefined for good input, else what is wrong (the input box shows it). */
export type Validation = string | undefined;

export function validateReplicas(text: string): Validation {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return 'Replicas must be a whole number, 0 or more.';
  if (Number(trimmed) > 1_000_000) return 'That is more replicas than a cluster runs: at most 1000000.';
  return undefined;
}

/** `registry[:port]/path[:tag][@sha256:digest]`, as a container runtime reads it. */
const IMAGE_REFERENCE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9.-]*[a-zA-Z0-9])?(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export function validateImage(text: string): Validation {
  const trimmed = text.trim();
  if (trimmed === '') return 'Type an image reference, e.g. ghcr.io/acme/api:1.9.0.';
  if (/\s/.test(trimmed)) return 'An image reference has no spaces.';
  if (!IMAGE_REFERENCE.test(trimmed)) return `${trimmed} is not an image reference (registry/name:tag or name@sha256:digest, lower-case name).`;
  return undefined;
}

/**
 * A field path as drift spells it: `.spec.replicas`, `.metadata.annotations["example.com/x"]`,
 * `.spec.template.spec.containers[name="app"].image`, `.spec.ports[0].port`.
 */
const PATH_SEGMENT = /\.[A-Za-z_][A-Za-z0-9_]*|\["(?:[^"\\]|\\.)*"\]|\[\d+\]|\[[A-Za-z_][\w]*=(?:"(?:[^"\\]|\\.)*"|-?\d+)(?:,[A-Za-z_][\w]*=(?:"(?:[^"\\]|\\.)*"|-?\d+))*\]/y;

export function validateFieldPath(text: string): Validation {
  const trimmed = text.trim();
  if (!trimmed.startsWith('.')) return 'A field path starts with a dot: .spec.replicas';
  PATH_SEGMENT.lastIndex = 0;
  let at = 0;
  while (at < trimmed.length) {
    PATH_SEGMENT.lastIndex = at;
    const match = PATH_SEGMENT.exec(trimmed);
    if (!match) return `Cannot read the path at "${trimmed.slice(at)}": use .key, ["key.with.dots"], [0] or [name="app"].`;
    at = PATH_SEGMENT.lastIndex;
  }
  if (/^\.(apiVersion|kind)$|^\.metadata\.(name|namespace)$/.test(trimmed)) return `${trimmed} is the object's identity: changing it makes another object, not an edit.`;
  if (trimmed === '.status' || trimmed.startsWith('.status.') || trimmed.startsWith('.status[')) return 'status is written by the cluster, never by Git.';
  return undefined;
}

/** The value typed for Edit Field: JSON when it reads as JSON (`5`, `true`, `"5"`, `{"a":1}`), else the text as a string. */
export function parseFieldValue(text: string): { readonly value: unknown } | { readonly problem: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { problem: 'Type a value: 5, true, "quoted text", {"key": "value"}, or plain text.' };
  try {
    return { value: JSON.parse(trimmed) as unknown };
  } catch {
    if (/^[[{"]/.test(trimmed)) return { problem: `${trimmed} starts like JSON but is not valid JSON.` };
    return { value: trimmed };
  }
}

/** How a value is prefilled in the input box (the reverse of `parseFieldValue`). */
export function formatFieldValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return /^(?:-?\d|true$|false$|null$|[[{"])/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

export function scaleIntent(replicasText: string): WriteBackIntent {
  return { kind: 'scale', path: '.spec.replicas', value: Number(replicasText.trim()) };
}

export function setImageIntent(target: ImageTarget, image: string): WriteBackIntent {
  return { kind: 'set-image', path: target.path, value: image.trim() };
}

export function editFieldIntent(path: string, value: unknown): WriteBackIntent {
  return { kind: 'edit-field', path: path.trim(), value };
}

/** Kinds whose Git object has `.spec.replicas` (a Scale via Git target). */
export const SCALABLE_KINDS: readonly string[] = ['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'];

export interface ImageTarget {
  /** `app`, or `app (init)` for an init container. */
  readonly label: string;
  readonly image?: string;
  /** `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
}

/** The containers of a workload's Git object whose image Set Image via Git can change. */
export function imageTargetsOf(kind: string, object: unknown): ImageTarget[] {
  const specPath = podSpecPath(kind);
  if (!specPath || !isRecord(object)) return [];
  let spec: unknown = object;
  for (const key of specPath) spec = isRecord(spec) ? spec[key] : undefined;
  if (!isRecord(spec)) return [];
  const prefix = specPath.map((k) => `.${String(k)}`).join('');
  const targets: ImageTarget[] = [];
  for (const type of ['containers', 'initContainers'] as const) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((container, index) => {
      if (!isRecord(container)) return;
      const name = typeof container.name === 'string' ? container.name : undefined;
      const selector = name !== undefined ? `[name=${JSON.stringify(name)}]` : `[${index}]`;
      targets.push({
        label: `${name ?? `#${index}`}${type === 'initContainers' ? ' (init)' : ''}`,
        ...(typeof container.image === 'string' ? { image: container.image } : {}),
        path: `${prefix}.${type}${selector}.image`,
      });
    });
  }
  return targets;
}

/** `.spec.replicas` of a Git object, for the Scale prompt's prefill. */
export function replicasOf(object: unknown): number | undefined {
  const spec = isRecord(object) ? object.spec : undefined;
  const replicas = isRecord(spec) ? spec.replicas : undefined;
  return typeof replicas === 'number' ? replicas : undefined;
}
