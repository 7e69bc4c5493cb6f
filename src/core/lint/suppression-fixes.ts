// "Suppress this rule here" as fixes: a comment above the finding's line, or an annotation on the object.
// The language server offers them as code actions, the playground as Monaco quick fixes.
import { addAnnotationEdit, commentAboveLineEdit } from '../edit/yaml-text-edits.js';
import type { Finding, Fix } from '../findings/finding.js';
import { LIMIT_RULE_ID, PARSE_RULE_ID } from '../manifest/parse-manifest.js';
import type { ManifestResource } from '../resource/manifest-resource.js';
import { SUPPRESSION_ANNOTATION_PREFIX, SUPPRESSION_COMMENT } from './suppression.js';

const NOT_SUPPRESSIBLE = new Set([PARSE_RULE_ID, LIMIT_RULE_ID]);

/** The suppression fixes for a finding in `text` (none for YAML syntax and file limits); `resource` is the object at the finding. */
export function planSuppressionFixes(finding: Finding, text: string, resource: ManifestResource | undefined): Fix[] {
  if (NOT_SUPPRESSIBLE.has(finding.ruleId)) return [];
  const comment = commentAboveLineEdit(finding.path, text, finding.range.start.line, `${SUPPRESSION_COMMENT} ${finding.ruleId}`);
  const fixes: Fix[] = [{ title: `Suppress '${finding.ruleId}' on this line (comment)`, edits: [comment] }];
  const annotation = resource && addAnnotationEdit(resource, SUPPRESSION_ANNOTATION_PREFIX + finding.ruleId, 'Reason: explain why this is acceptable');
  if (resource && annotation) fixes.push({ title: `Suppress '${finding.ruleId}' for ${resource.kind}/${resource.name || '(unnamed)'} (annotation)`, edits: [annotation] });
  return fixes;
}
