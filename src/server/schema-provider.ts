// What hover and completion need from the schema layer. Declared here, on the consumer's side, so the server
// works (with empty answers) before any schema is wired in, and tests inject a small fake.
import type { ValuePath } from '../core/manifest/manifest-types.js';

export interface FieldInfo {
  readonly name: string;
  /** Display type: `string`, `integer`, `object`, `[]Container`, `map[string]string`, … */
  readonly type: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly (string | number | boolean)[];
  readonly required?: boolean;
}

export interface KindInfo {
  readonly apiVersion: string;
  readonly kind: string;
  readonly description?: string;
}

export interface SchemaProvider {
  /** The field at `path` inside an object of this apiVersion/kind (array indexes are numbers). */
  describeField(apiVersion: string, kind: string, path: ValuePath, kubernetesVersion: string): FieldInfo | undefined;
  /** The members a mapping at `path` may hold. */
  listFields(apiVersion: string, kind: string, path: ValuePath, kubernetesVersion: string): readonly FieldInfo[];
  /** Every apiVersion/kind pair known (built-in kinds and bundled CRDs). */
  listKinds(kubernetesVersion: string): readonly KindInfo[];
}

export const EMPTY_SCHEMA_PROVIDER: SchemaProvider = {
  describeField: () => undefined,
  listFields: () => [],
  listKinds: () => [],
};
