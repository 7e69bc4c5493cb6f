import type { CheckedFile, LintSummary } from '../lint-summary.js';

/** Machine-readable results: ranges are 0-based (LSP), `line`/`column` 1-based for humans. */
export function formatJson(files: readonly CheckedFile[], summary: LintSummary, kubernetesVersion: string, chartTemplateDirs: readonly string[] = []): string {
  const report = {
    kubernetesVersion,
    summary,
    /** Helm chart `templates/` directories left out: Go templates are not YAML until rendered. */
    skippedChartTemplates: chartTemplateDirs,
    files: files.map((file) => ({
      path: file.path,
      resources: file.resourceCount,
      ignored: file.ignored,
      ...(file.unreadable ? { unreadable: file.unreadable } : {}),
      ...(file.templateDocuments > 0 ? { templateDocuments: file.templateDocuments } : {}),
      findings: file.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        message: f.message,
        line: f.range.start.line + 1,
        column: f.range.start.character + 1,
        range: f.range,
        related: f.related ?? [],
        fixes: (f.fixes ?? []).map((x) => ({ title: x.title, ...(x.advice ? { advice: x.advice } : {}), edits: x.edits })),
      })),
    })),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
