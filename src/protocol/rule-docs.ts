// Where a diagnostic's `codeDescription.href` points: the rule's section in docs/rules.md (generated from the
// rule list, one `## <rule-id>` heading per rule).
export const RULE_DOCS_BASE_URL = 'https://github.com/gitops-authoring/gitops-authoring/blob/main/docs/rules.md';

export function ruleDocsUrl(ruleId: string): string {
  return `${RULE_DOCS_BASE_URL}#${ruleId}`;
}

/** Diagnostic `source`, shown by editors next to the message. */
export const DIAGNOSTIC_SOURCE = 'gitops-authoring';
