/**
 * The JSON format of the generated schema data in `src/core/schema/data/` and of schemas built from
 * CustomResourceDefinitions at run time. Kept deliberately small: the validator compiles it lazily.
 * See src/core/schema/README.md for the layout of the files.
 */

/** Bumped whenever the generated files change shape; the registry refuses other formats. */
export const SCHEMA_DATA_FORMAT = 1;

/**
 * A schema node. A bare string is a reference to a named definition (`io.k8s.api.core.v1.PodSpec`),
 * resolved against the Kubernetes version being validated.
 */
export type SchemaNodeJson = string | SchemaNodeObjectJson;

export type SchemaNodeType =
  | 'object'
  | 'array'
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'int-or-string'
  | 'quantity'
  | 'any';

export interface SchemaNodeObjectJson {
  t: SchemaNodeType;
  /** Description: a number is an id in the description table (lazily loaded), a string is inline text. */
  d?: number | string;
  /** object: declared properties. */
  p?: Record<string, SchemaNodeJson>;
  /** object: descriptions of the properties (the property's own text, not its type's). */
  pd?: Record<string, number | string>;
  /** object: required property names. */
  r?: string[];
  /** object: schema of the values of a map (`additionalProperties`). */
  m?: SchemaNodeJson;
  /** object: x-kubernetes-preserve-unknown-fields — keys not in `p` are accepted without checks. */
  x?: 1;
  /** object: x-kubernetes-embedded-resource — apiVersion, kind and metadata are accepted. */
  emb?: 1;
  /** array: the item schema. */
  i?: SchemaNodeJson;
  /** allowed values. */
  e?: (string | number | boolean | null)[];
  /** string format (`byte`, `date-time`, …). */
  f?: string;
  /** nullable: an explicit null is a value (otherwise null means "absent", as the API server treats it). */
  n?: 1;
  /** default value (CRD schemas only; shown in hovers). */
  df?: unknown;
  /** numeric bounds, string and array lengths, pattern (CRD schemas only). */
  min?: number;
  max?: number;
  minL?: number;
  maxL?: number;
  minI?: number;
  maxI?: number;
  pat?: string;
}

/** `index.json`: what the data contains. Loaded first, tiny. */
export interface SchemaIndexJson {
  format: number;
  kubernetesVersions: string[];
  defaultKubernetesVersion: string;
  /** chunk id of the per-version index (`SchemaVersionIndexJson`). */
  versionChunks: Record<string, string>;
  /** descriptions are stored `descriptionChunkSize` per chunk, chunk id `desc-<n>`. */
  descriptionChunkSize: number;
  descriptionCount: number;
  /** bundled CRDs: apiVersion → kind → where its schema lives. Independent of the Kubernetes version. */
  crds: Record<string, Record<string, { chunk: string; root: string; project: string }>>;
  sources: Record<string, string>;
  /**
   * Built-in kinds a newer Kubernetes serves than the newest bundled version (apiVersion → kinds), and where
   * that list comes from: at the newest version such an object is "not validated" (info), not an unknown kind.
   */
  newerKinds?: { source: string; kinds: Record<string, string[]> };
}

/** `k8s-<version>.json`: the built-in kinds of one Kubernetes version. */
export interface SchemaVersionIndexJson {
  kubernetesVersion: string;
  /** apiVersion → kind → definition name of the kind's root. */
  kinds: Record<string, Record<string, string>>;
  /** definition group (name up to the last dot) → chunk id holding that group's definitions. */
  groups: Record<string, string>;
}

/** A definitions chunk. */
export interface SchemaDefinitionsChunkJson {
  defs: Record<string, SchemaNodeJson>;
}

/** The group part of a definition name: `io.k8s.api.core.v1.PodSpec` → `io.k8s.api.core.v1`. */
export function definitionGroup(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(0, dot);
}
