import type { Range } from '../text/range.js';

export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** A text replacement in one file, as core plans it; adapters turn it into a WorkspaceEdit or a file write. */
export interface TextEdit {
  readonly path: string;
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Set for fixes that only point the way (e.g. "encrypt with SOPS") and carry no edit. */
  readonly advice?: string;
}

export interface RelatedLocation {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** One problem found in a repository file: a YAML error, a schema violation or a GitOps rule. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** Repository-relative POSIX path of the file. */
  readonly path: string;
  readonly range: Range;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}
