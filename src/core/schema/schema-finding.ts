import type { Severity } from '../findings/finding.js';

export type SchemaFindingCode =
  | 'unknown-field'
  | 'type'
  | 'enum'
  | 'required'
  | 'format'
  | 'range'
  | 'pattern'
  | 'unknown-kind'
  | 'removed-api'
  | 'deprecated-api'
  | 'limit';

/** One schema problem in an object. `path` leads from the document root to the offending key or value. */
export interface SchemaFinding {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly code: SchemaFindingCode;
  readonly severity: Severity;
  /** 'key' when the key itself is wrong (unknown field): the caller underlines the key, not the value. */
  readonly on?: 'key' | 'value';
  /** unknown-field: the closest allowed field name; removed/deprecated: the replacement apiVersion. */
  readonly suggestion?: string;
  /** required: the name of the missing field (the finding's path is the object that lacks it). */
  readonly field?: string;
}
