// The problems under the editor: one line per finding; a click puts the cursor on it.
import type { PlaygroundFinding } from './lint-protocol.js';

export function renderProblems(list: HTMLElement, findings: readonly PlaygroundFinding[], reveal: (finding: PlaygroundFinding) => void): void {
  list.replaceChildren(...findings.map((finding) => {
    const item = document.createElement('li');
    item.className = `severity-${finding.severity}`;
    item.textContent = `${finding.range.start.line + 1}:${finding.range.start.character + 1}  ${finding.severity}  ${finding.message}  [${finding.ruleId}]`;
    item.addEventListener('click', () => reveal(finding));
    return item;
  }));
}

export function describeFindings(findings: readonly PlaygroundFinding[], resourceCount: number, engineMillis: number): string {
  const objects = `${resourceCount} object${resourceCount === 1 ? '' : 's'}`;
  const problems = findings.length === 0 ? 'no problems' : `${findings.length} problem${findings.length === 1 ? '' : 's'}`;
  return `${objects}, ${problems} (${engineMillis.toFixed(1)} ms)`;
}
