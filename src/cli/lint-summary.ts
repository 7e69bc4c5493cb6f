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
  /** Documents skipped as Go/Helm templates (`{{ … }}` outside strings): not YAML until rendered. */
  readonly templateDocuments: number;
  /** Named on the command line (or `-`), not found in a directory: its being skipped is worth a line. */
  readonly isNamed?: boolean;
}

const RENDER_HINT = 'not YAML until rendered; lint the output of `helm template`';

/**
 * One line per template file and per Helm chart `templates/` directory that was left out, and per file named
 * on the command line that holds no Kubernetes object, so that nothing passes in silence (or fails with
 * dozens of YAML errors). Files found in a directory without an object (values, CI files) are only counted.
 */
export function describeSkippedFiles(files: readonly CheckedFile[], chartTemplateDirs: readonly string[]): string[] {
  const lines: string[] = [];
  for (const dir of chartTemplateDirs) lines.push(`${dir}/: skipped: Helm chart templates, ${RENDER_HINT}`);
  for (const file of files) {
    if (file.templateDocuments > 0) {
      const what = file.resourceCount === 0 ? 'Go/Helm template' : `${file.templateDocuments} Go/Helm template document${file.templateDocuments === 1 ? '' : 's'}`;
      lines.push(`${file.path}: skipped: ${what}, ${RENDER_HINT}`);
    } else if (file.isNamed && isSkipped(file)) {
      lines.push(`${file.path}: skipped: no Kubernetes object in it (an object needs apiVersion and kind)`);
    }
  }
  return lines;
}

/** Excluded by configuration, or holding no Kubernetes object and no finding (templates, other YAML). */
function isSkipped(file: CheckedFile): boolean {
  return file.ignored || (file.resourceCount === 0 && !file.unreadable && file.findings.length === 0);
}

export function summarize(files: readonly CheckedFile[]): LintSummary {
  let resources = 0, valid = 0, invalid = 0, errors = 0, skipped = 0;
  const bySeverity = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const file of files) {
    for (const f of file.findings) bySeverity[f.severity]++;
    if (file.unreadable || file.findings.some((f) => f.severity === 'error' && (f.ruleId === PARSE_RULE_ID || f.ruleId === LIMIT_RULE_ID))) errors++;
    if (isSkipped(file)) skipped++;
    resources += file.resourceCount;
    const bad = countObjectsWithErrors(file);
    invalid += bad;
    valid += file.objectLines.length - bad;
  }
  return { resources, files: files.length, valid, invalid, errors, skipped, findingsBySeverity: bySeverity };
}

/**
 * Objects with an error-severity finding on one of their lines. Linear in objects plus errors (sorted once):
 * a file of 100,000 objects with a warning each was quadratic when every object scanned every finding.
 */
function countObjectsWithErrors(file: CheckedFile): number {
  const errorLines = file.findings.filter((f) => f.severity === 'error').map((f) => f.range.start.line).sort((a, b) => a - b);
  if (errorLines.length === 0) return 0;
  const objects = [...file.objectLines].sort((a, b) => a.start - b.start);
  let bad = 0;
  for (const object of objects) {
    if (hasLineWithin(errorLines, object.start, object.end)) bad++;
  }
  return bad;
}

/** Whether the sorted `lines` hold one in [start, end] (binary search for the first line ≥ start). */
function hasLineWithin(lines: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((lines[mid] as number) < start) low = mid + 1;
    else high = mid;
  }
  return low < lines.length && (lines[low] as number) <= end;
}

export function formatSummaryLine(s: LintSummary): string {
  return `${s.resources} resources in ${s.files} files — ${s.valid} valid, ${s.invalid} invalid, ${s.errors} errors, ${s.skipped} skipped`;
}
