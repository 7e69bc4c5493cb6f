import type { Finding } from '../core/findings/finding.js';
import type { LintFileResult } from '../core/lint/lint-engine.js';
import { LIMIT_RULE_ID, PARSE_RULE_ID } from '../core/manifest/parse-manifest.js';

/** Counts in the spirit of kubeconform's summary line. */
export interface LintSummary {
  readonly resources: number;
  readonly files: number;
  /** Objects with no error-severity finding. */
  readonly valid: number;
  /** Objects with at least one error-severity finding. */
  readonly invalid: number;
  /** Files that could not be read or parsed. */
  readonly errors: number;
  /** Files excluded by configuration, or holding no Kubernetes object (templates, other YAML). */
  readonly skipped: number;
  readonly findingsBySeverity: Readonly<Record<Finding['severity'], number>>;
}

export interface CheckedFile extends LintFileResult {
  /** Line ranges of each object, to attribute findings to objects. */
  readonly objectLines: readonly { readonly start: number; readonly end: number }[];
  readonly unreadable?: string;
}

export function summarize(files: readonly CheckedFile[]): LintSummary {
  let resources = 0, valid = 0, invalid = 0, errors = 0, skipped = 0;
  const bySeverity = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of files) {
    for (const f of file.findings) bySeverity[f.severity]++;
    if (file.unreadable || file.findings.some((f) => f.severity === 'error' && (f.ruleId === PARSE_RULE_ID || f.ruleId === LIMIT_RULE_ID))) errors++;
    if (file.ignored || (file.resourceCount === 0 && !file.unreadable && file.findings.length === 0)) skipped++;
    resources += file.resourceCount;
    for (const object of file.objectLines) {
      const bad = file.findings.some((f) => f.severity === 'error' && f.range.start.line >= object.start && f.range.start.line <= object.end);
      if (bad) invalid++;
      else valid++;
    }
  }
  return { resources, files: files.length, valid, invalid, errors, skipped, findingsBySeverity: bySeverity };
}

export function formatSummaryLine(s: LintSummary): string {
  return `${s.resources} resources in ${s.files} files — ${s.valid} valid, ${s.invalid} invalid, ${s.errors} errors, ${s.skipped} skipped`;
}
