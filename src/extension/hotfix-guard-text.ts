// The hotfix guard's words, free of `vscode` (unit-tested in plain Node): the live changes a person made that
// merging a planned commit would revert, and the two ways on.
import type { HotfixWarning } from '../core/edit/hotfix-guard.js';
import { formatValue } from './drift/drift-format.js';

export const COMMIT_LIVE_FIRST = 'Commit the Live Change First';
export const CONTINUE_ANYWAY = 'Continue Anyway';

export function hotfixWarningText(warnings: readonly HotfixWarning[]): { readonly message: string; readonly detail: string } {
  const count = warnings.reduce((n, w) => n + w.fields.length, 0);
  const message = count === 1
    ? `Merging this would revert a live change Git does not have (${warnings[0]?.label} ${warnings[0]?.fields[0]?.path}).`
    : `Merging this would revert ${count} live changes Git does not have.`;
  const lines = warnings.flatMap((w) => w.fields.map((f) => `${w.label} ${f.path}: ${formatValue(f.gitValue)} in Git, ${formatValue(f.liveValue)} live (${f.changedBy}${f.time ? `, ${f.time}` : ''})`));
  return { message, detail: [...lines, '', 'Once merged, the GitOps agent applies Git again and undoes these. Commit the live change first to keep it.'].join('\n') };
}
