import type { Finding } from '../../core/findings/finding.js';
import { describeSkippedFiles, formatSummaryLine, type CheckedFile, type LintSummary } from '../lint-summary.js';

const COLORS: Record<Finding['severity'], string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };

/** `path:line:column: severity: message (rule-id)` lines, 1-based like compilers print them, then the summary. */
export function formatText(files: readonly CheckedFile[], summary: LintSummary, color: boolean, chartTemplateDirs: readonly string[] = []): string {
  const out: string[] = [];
  for (const file of files) {
    if (file.unreadable) out.push(`${file.path}: error: could not read file (${file.unreadable})`);
    for (const f of file.findings) {
      const severity = color ? `${COLORS[f.severity]}${f.severity}\x1b[0m` : f.severity;
      out.push(`${f.path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${severity}: ${f.message} (${f.ruleId})`);
      for (const r of f.related ?? []) out.push(`    ${r.path}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
    }
  }
  out.push(...describeSkippedFiles(files, chartTemplateDirs));
  out.push(formatSummaryLine(summary));
  return out.join('\n') + '\n';
}
