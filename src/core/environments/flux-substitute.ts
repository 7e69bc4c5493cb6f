import type { DesiredObject } from '../drift/compute-resource-drift.js';
import { isRecord, type KubeObject } from '../resource/manifest-resource.js';

/** Flux Kustomization `spec.postBuild`: variables substituted into the rendered objects before apply. */
export interface FluxPostBuild {
  readonly substitute: Readonly<Record<string, string>>;
  /** `substituteFrom` ConfigMaps/Secrets live in the cluster: their values are not in the repository. */
  readonly hasSubstituteFrom: boolean;
}

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[=-])([^}]*))?\}/g;
const UNKNOWN = Symbol('unknown');

export function readFluxPostBuild(spec: Record<string, unknown>): FluxPostBuild | undefined {
  const postBuild = isRecord(spec.postBuild) ? spec.postBuild : undefined;
  if (!postBuild) return undefined;
  const substitute: Record<string, string> = {};
  if (isRecord(postBuild.substitute)) for (const [k, v] of Object.entries(postBuild.substitute)) substitute[k] = String(v);
  return { substitute, hasSubstituteFrom: Array.isArray(postBuild.substituteFrom) && postBuild.substituteFrom.length > 0 };
}

function substituteString(text: string, post: FluxPostBuild): string | typeof UNKNOWN {
  let unknown = false;
  const out = text.replace(VARIABLE, (_m, name: string, op: string | undefined, fallback: string | undefined) => {
    const value = post.substitute[name];
    if (value !== undefined && !(op?.startsWith(':') && value === '')) return value;
    if (op !== undefined) return fallback ?? '';
    // Not set in the repository: from substituteFrom (unknowable here), else Flux substitutes ''.
    if (post.hasSubstituteFrom) unknown = true;
    return '';
  });
  return unknown ? UNKNOWN : out;
}

function substituteValue(value: unknown, post: FluxPostBuild): unknown {
  if (typeof value === 'string') return value.includes('${') ? substituteString(value, post) : value;
  if (Array.isArray(value)) return value.map((v) => substituteValue(v, post)).filter((v) => v !== UNKNOWN);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = substituteValue(v, post);
      if (s !== UNKNOWN) out[k] = s;
    }
    return out;
  }
  return value;
}

/**
 * What Flux applies: `${VAR}`, `${VAR:=default}`, `${VAR:-default}` replaced from `postBuild.substitute`.
 * A value depending on a variable only the cluster knows (substituteFrom) is left out of the comparison
 * rather than guessed. Objects annotated `kustomize.toolkit.fluxcd.io/substitute: disabled` are untouched.
 */
export function applyFluxPostBuild(desired: readonly DesiredObject[], post: FluxPostBuild | undefined): DesiredObject[] {
  if (!post) return [...desired];
  return desired.map((d) => {
    const annotations = isRecord(d.object.metadata) && isRecord(d.object.metadata.annotations) ? d.object.metadata.annotations : {};
    if (annotations['kustomize.toolkit.fluxcd.io/substitute'] === 'disabled') return d;
    const object = substituteValue(d.object, post) as KubeObject;
    return { ...d, object, key: substitutedKey(d, object) };
  });
}

/** Names and namespaces hold variables too (`name: ${APP}`, `namespace: ${CLUSTER_NAME}`): the key follows. */
function substitutedKey(d: DesiredObject, object: KubeObject): DesiredObject['key'] {
  const meta = isRecord(object.metadata) ? object.metadata : {};
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : d.key.name;
  const namespace = d.key.namespace !== '' && typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : d.key.namespace;
  return name === d.key.name && namespace === d.key.namespace ? d.key : { ...d.key, name, namespace };
}
