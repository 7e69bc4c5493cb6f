// Messages between the page and the lint worker (structured-clone data only).
import type { Severity } from '../core/findings/finding.js';
import type { Range } from '../core/text/range.js';

export interface LintRequest {
  readonly id: number;
  readonly text: string;
  readonly kubernetesVersion: string;
  /** Rule ids the user turned off. */
  readonly disabledRules: readonly string[];
}

export interface PlaygroundEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface PlaygroundFix {
  readonly title: string;
  readonly edits: readonly PlaygroundEdit[];
  /** The rule's first own fix (applied by "quick fix" without a choice). */
  readonly isPreferred: boolean;
  /** A "suppress this rule here" fix rather than a correction. */
  readonly isSuppression: boolean;
}

export interface PlaygroundFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly fixes: readonly PlaygroundFix[];
}

export interface ObjectKind {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface LintResponse {
  readonly type: 'lint';
  readonly id: number;
  /** The apiVersion/kind pairs the text declares (for the editor's schema). */
  readonly kinds: readonly ObjectKind[];
  readonly findings: readonly PlaygroundFinding[];
  readonly resourceCount: number;
  /** Time spent in the engine, in milliseconds. */
  readonly engineMillis: number;
}

/** A JSON Schema for the kinds the text declares (monaco-yaml's completion and hover), sent when they change. */
export interface SchemaResponse {
  readonly type: 'schema';
  readonly jsonSchema: unknown;
}

export type WorkerMessage = LintResponse | SchemaResponse;
