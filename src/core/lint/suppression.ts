import type { Finding } from '../findings/finding.js';
import { isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import type { LineIndex } from '../text/line-index.js';

/** Object annotation that silences a rule: `ignore-check.gitops-authoring.dev/<rule-id>: "<reason>"`. */
export const SUPPRESSION_ANNOTATION_PREFIX = 'ignore-check.gitops-authoring.dev/';
/** Comment on the line above a finding (or above the object's first line): `# gitops-authoring-ignore <rule-id>[, …]`. */
export const SUPPRESSION_COMMENT = 'gitops-authoring-ignore';

const COMMENT_PATTERN = new RegExp(`#\\s*${SUPPRESSION_COMMENT}\\s+([\\w.,/ -]+?)\\s*(?:--.*)?$`);

export function isSuppressedByAnnotation(resource: ManifestResource, ruleId: string): boolean {
  const metadata = resource.object.metadata;
  if (!isRecord(metadata) || !isRecord(metadata.annotations)) return false;
  return Object.prototype.hasOwnProperty.call(metadata.annotations, SUPPRESSION_ANNOTATION_PREFIX + ruleId);
}

/** Rule ids named by a suppression comment on a line, if any. */
export function suppressedOnLine(lineText: string): readonly string[] {
  const m = COMMENT_PATTERN.exec(lineText);
  if (!m || m[1] === undefined) return [];
  return m[1].split(/[,\s]+/).filter((s) => s !== '');
}

/** A finding is suppressed by a comment on the line above it, or on the line above its object's first line. */
export function isSuppressedByComment(finding: Finding, lines: LineIndex, objectStartLine: number | undefined): boolean {
  const candidates = [finding.range.start.line - 1];
  if (objectStartLine !== undefined) candidates.push(objectStartLine - 1);
  for (const line of candidates) {
    if (line < 0) continue;
    const ids = suppressedOnLine(lines.lineText(line));
    if (ids.includes(finding.ruleId) || ids.includes('all')) return true;
  }
  return false;
}
