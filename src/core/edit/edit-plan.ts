// The contract of a planned change to the repository: what write-back ("commit the live change to Git"), the
// imperative intents done through Git (scale, set image, edit a field) and "add ignore rule" produce, and what
// the Git adapter, the CLI and the extension consume. A plan is pure data: text edits per file against the
// texts it was planned from, a human summary, and a commit message. Nothing here touches a file or a repository.
import type { TextEdit } from '../findings/finding.js';

/** The edits of one repository-relative file (POSIX path), non-overlapping, against its text at planning time. */
export interface FileEditPlan {
  readonly path: string;
  readonly edits: readonly TextEdit[];
  /** True when the plan creates the file (a new overlay patch); its one edit holds the whole text. */
  readonly create?: boolean;
}

/** One field the plan writes, for summaries, commit messages and pull-request bodies. */
export interface PlannedField {
  /** Human path: `.spec.replicas`, `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
  /** Git's value before the edit (undefined when Git did not declare the field). Never a Secret value. */
  readonly from?: unknown;
  /** The value written. Never a Secret value. */
  readonly to: unknown;
  /** The file the value is written to, and what it is there (`overlay patch`, `kustomization images:` …). */
  readonly file: string;
  readonly layer: string;
}

export interface EditPlan {
  readonly files: readonly FileEditPlan[];
  readonly fields: readonly PlannedField[];
  /** One line per field, for a confirmation or `--dry-run`: `.spec.replicas 3 → 5 in overlays/prod/kustomization.yaml (replicas:)`. */
  readonly summary: readonly string[];
  /** First line: `Codify live change: Deployment shop/api-server .spec.replicas 3 → 5 (kubectl scale, prod-eu)`; then a body. */
  readonly commitMessage: string;
  /** Fields that could not be planned, each with the reason (the rest of the plan still stands). */
  readonly refused: readonly PlanRefusal[];
}

export interface PlanRefusal {
  readonly path: string;
  readonly reason: string;
}

/** Where a value shared by several environments is written, when a person must choose. */
export const LayerChoice = {
  /** A new or extended patch in the drifted environment's overlay (the default). */
  Environment: 'environment',
  /** The shared base, which changes every environment built from it. */
  Base: 'base',
} as const;
export type LayerChoice = (typeof LayerChoice)[keyof typeof LayerChoice];

/**
 * The outcome of planning: a plan; or a question (only a base sets the field and other environments share it)
 * to ask and plan again with the answer; or a refusal of the whole request with the reason.
 */
export type PlanOutcome =
  | { readonly kind: 'plan'; readonly plan: EditPlan }
  | { readonly kind: 'choose-layer'; readonly question: string; readonly sharedWith: readonly string[] }
  | { readonly kind: 'refused'; readonly reason: string };
