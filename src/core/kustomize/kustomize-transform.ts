// What one kustomization's built-in transformers do to the objects it renders: names (`namePrefix`,
// `nameSuffix`), namespace (`namespace:`), labels (`commonLabels`, `labels:` with `includeSelectors` /
// `includeTemplates`), annotations (`commonAnnotations`), images (`images:`) and replicas (`replicas:`).
// Only what rules judge; patches are merged elsewhere (strategic-merge.ts).
import { readLabels, type Labels } from '../resource/label-selector.js';
import { isRecord } from '../resource/manifest-resource.js';
import { parseImageReference } from '../edit/image-reference.js';

export interface ImageOverride {
  /** The image name it matches (repository without tag or digest). */
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
}

export interface KustomizeTransform {
  /** The kustomization's directory (named in findings: "in overlay …"). */
  readonly dir: string;
  readonly namePrefix: string;
  readonly nameSuffix: string;
  readonly namespace?: string;
  /** Added to every object's `metadata.labels`. */
  readonly labels: Labels;
  /** Added to selectors (workloads' `spec.selector.matchLabels`, a Service's `spec.selector`) and pod templates. */
  readonly selectorLabels: Labels;
  /** Added to pod templates (a superset of `selectorLabels`). */
  readonly templateLabels: Labels;
  readonly annotations: Labels;
  readonly images: readonly ImageOverride[];
  readonly replicas: readonly { readonly name: string; readonly count: number }[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The transform a kustomization (or Component) document declares; undefined when it declares none. */
export function readKustomizeTransform(dir: string, value: unknown): KustomizeTransform | undefined {
  if (!isRecord(value)) return undefined;
  const common = readLabels(value.commonLabels);
  const labels: Record<string, string> = { ...common };
  const selectorLabels: Record<string, string> = { ...common };
  const templateLabels: Record<string, string> = { ...common };
  if (Array.isArray(value.labels)) {
    for (const entry of value.labels) {
      if (!isRecord(entry)) continue;
      const pairs = readLabels(entry.pairs);
      Object.assign(labels, pairs);
      // kustomize: includeSelectors adds to selectors and templates; includeTemplates to templates only.
      if (entry.includeSelectors === true) Object.assign(selectorLabels, pairs);
      if (entry.includeSelectors === true || entry.includeTemplates === true) Object.assign(templateLabels, pairs);
    }
  }
  const images: ImageOverride[] = [];
  if (Array.isArray(value.images)) {
    for (const entry of value.images) {
      if (!isRecord(entry) || typeof entry.name !== 'string' || entry.name === '') continue;
      const tag = typeof entry.newTag === 'number' ? String(entry.newTag) : entry.newTag;
      images.push({
        name: entry.name,
        ...(typeof entry.newName === 'string' && entry.newName !== '' ? { newName: entry.newName } : {}),
        ...(typeof tag === 'string' && tag !== '' ? { newTag: tag } : {}),
        ...(typeof entry.digest === 'string' && entry.digest !== '' ? { digest: entry.digest } : {}),
      });
    }
  }
  const replicas: { name: string; count: number }[] = [];
  if (Array.isArray(value.replicas)) {
    for (const entry of value.replicas) {
      if (isRecord(entry) && typeof entry.name === 'string' && typeof entry.count === 'number') replicas.push({ name: entry.name, count: entry.count });
    }
  }
  const transform: KustomizeTransform = {
    dir,
    namePrefix: text(value.namePrefix),
    nameSuffix: text(value.nameSuffix),
    ...(typeof value.namespace === 'string' && value.namespace !== '' ? { namespace: value.namespace } : {}),
    labels,
    selectorLabels,
    templateLabels,
    annotations: readLabels(value.commonAnnotations),
    images,
    replicas,
  };
  return isIdentity(transform) ? undefined : transform;
}

function isIdentity(t: KustomizeTransform): boolean {
  return t.namePrefix === '' && t.nameSuffix === '' && t.namespace === undefined && Object.keys(t.labels).length === 0
    && Object.keys(t.annotations).length === 0 && t.images.length === 0 && t.replicas.length === 0;
}

/**
 * A container image after the `images:` transformers, innermost kustomization first (an outer entry matches the
 * name an inner one gave). Within one kustomization every entry applies in order, each to the image as the entries
 * before it left it (as kustomize does: `newName` then an entry for the new name chains; for one name the last wins). `setIn` is the directory of the last kustomization that changed it.
 */
export function transformImage(image: string, transforms: readonly KustomizeTransform[]): { image: string; setIn?: string } {
  let current = image;
  let setIn: string | undefined;
  for (const t of transforms) {
    for (const override of t.images) {
      const parts = parseImageReference(current);
      if (parts.name !== override.name) continue;
      const name = override.newName ?? parts.name;
      // A digest replaces tag and digest; a new tag keeps no old digest.
      const next = override.digest ? `${name}@${override.digest}`
        : override.newTag ? `${name}:${override.newTag}`
        : `${name}${parts.tag !== undefined ? `:${parts.tag}` : ''}${parts.digest ? `@${parts.digest}` : ''}`;
      if (next !== current) setIn = t.dir;
      current = next;
    }
  }
  return { image: current, ...(setIn !== undefined ? { setIn } : {}) };
}
