import type { Finding, Severity } from '../../core/findings/finding.js';
import type { RuleMeta } from '../../core/lint/rule.js';
import type { Range } from '../../core/text/range.js';
import type { CheckedFile } from '../lint-summary.js';

export const RULES_DOC_URL = 'https://github.com/gitops-authoring/gitops-authoring/blob/main/docs/rules.md';

const LEVEL: Record<Severity | 'off', string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note', off: 'none' };

function region(range: Range) {
  // SARIF counts lines and columns from 1; columns in UTF-16 code units (the default columnKind).
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function location(path: string, range: Range, message?: string) {
  return {
    physicalLocation: { artifactLocation: { uri: encodeURI(path), uriBaseId: '%SRCROOT%' }, region: region(range) },
    ...(message ? { message: { text: message } } : {}),
  };
}

/** SARIF 2.1.0 as GitHub code scanning reads it: rule metadata in the driver, results with regions. */
export function formatSarif(files: readonly CheckedFile[], catalog: readonly RuleMeta[], toolVersion: string): string {
  const findings: Finding[] = files.flatMap((f) => f.findings);
  const rules = catalog.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.title },
    fullDescription: { text: r.rationale },
    help: { text: `${r.rationale}\n\n${r.remediation}`, markdown: `${r.rationale}\n\n**Fix:** ${r.remediation}` },
    helpUri: `${RULES_DOC_URL}#${r.id}`,
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = findings.map((f) => ({
    ruleId: f.ruleId,
    ...(index.has(f.ruleId) ? { ruleIndex: index.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.path, f.range)],
    ...(f.related?.length ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r.path, r.range, r.message) })) } : {}),
  }));
  const artifacts = files.filter((f) => f.unreadable).map((f) => ({ location: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' } }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'gitops-authoring', version: toolVersion, informationUri: 'https://github.com/gitops-authoring/gitops-authoring', rules } },
      ...(artifacts.length ? { artifacts } : {}),
      results,
      columnKind: 'utf16CodeUnits',
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
