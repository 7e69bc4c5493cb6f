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

/** One fix made of every given edit, or none when any edit could not be planned (a partial fix would be wrong). */
export function fixOf(title: string, ...edits: (TextEdit | undefined)[]): Fix[] {
  const real = edits.filter((e): e is TextEdit => e !== undefined);
  return real.length === edits.length && real.length > 0 ? [{ title, edits: real }] : [];
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
