import type { TextEdit } from '../../findings/finding.js';
import type { ManifestResource } from '../../resource/manifest-resource.js';
import { isRecord } from '../../resource/manifest-resource.js';
import { fixOf } from '../../findings/finding.js';
import type { Rule } from '../rule.js';

/** `status: {}` and controller-gen's CRD stub (`acceptedNames: {kind: "", plural: ""}`, `conditions: []`) say nothing. */
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.values(value).every(isEmptyValue);
  return false;
}

/**
 * Deletes the `status` member's whole lines (key line through its last value line). Undefined when the member
 * does not start its own line (flow style `{..., status: …}`), where a line deletion would cut other members.
 */
export function deleteMemberLinesEdit(resource: ManifestResource, key: string): TextEdit | undefined {
  const located = resource.document.locator.locate([...resource.basePath, key]);
  if (!located?.key) return undefined;
  const lines = resource.file.lines;
  const first = located.key.start.line;
  if (lines.lineText(first).slice(0, located.key.start.character).trim() !== '') return undefined;
  let last = located.value.end.character === 0 && located.value.end.line > first ? located.value.end.line - 1 : located.value.end.line;
  // Trailing blank or comment-only lines after the value belong to whatever follows; keep them.
  while (last > first && lines.lineText(last).trim() === '') last--;
  const lastText = lines.lineText(last);
  // Something after the value on its last line (e.g. `}` of an enclosing flow mapping): do not touch.
  if (last === located.value.end.line && lastText.slice(located.value.end.character).replace(/\s*(#.*)?$/, '') !== '') return undefined;
  const end = last + 1 < lines.lineCount ? { line: last + 1, character: 0 } : { line: last, character: lastText.length };
  const start = end.character !== 0 && first > 0
    ? { line: first - 1, character: lines.lineText(first - 1).length } // last line of the file: eat the newline before instead
    : { line: first, character: 0 };
  return { path: resource.file.path, range: { start, end }, newText: '' };
}

export const statusInGitRule: Rule = {
  meta: {
    id: 'status-in-git',
    title: 'No status in Git',
    rationale: 'The cluster writes `status`; a committed copy (usually from `kubectl get -o yaml`) is ignored on apply, goes stale at once and makes diffs noisy. Empty stubs (`status: {}`, controller-gen\'s empty CRD status) are not flagged.',
    remediation: 'Delete the `status` block (the quick fix does it); export manifests with `kubectl neat` or without `-o yaml` artefacts.',
    defaultSeverity: 'warning',
  },
  check(resource, context) {
    if (!('status' in resource.object) || isEmptyValue(resource.object.status)) return;
    context.report({
      path: ['status'],
      message: `${resource.kind} '${resource.name}' commits a 'status' block: the cluster owns it.`,
      fixes: fixOf('Remove the status block', deleteMemberLinesEdit(resource, 'status')),
    });
  },
};
