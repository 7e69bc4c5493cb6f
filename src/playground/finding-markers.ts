// Findings as Monaco markers: 0-based LSP positions to 1-based Monaco ones, the rule id as the marker's code
// with a link to the rule's section of the rules page.
import type { editor } from 'monaco-editor/editor/editor.api.js';
import type { Severity } from '../core/findings/finding.js';
import type { Range } from '../core/text/range.js';
import type { PlaygroundFinding } from './lint-protocol.js';
import type { monaco } from './monaco-editor-features.js';

/** The owner of our markers (monaco-yaml has its own), and the source they show. */
export const MARKER_OWNER = 'gitops-authoring';
export const MARKER_SOURCE = 'GitOps Authoring';

export function rulePageUrl(ruleId: string, pageUrl: string): string {
  return new URL(`rules.html#${encodeURIComponent(ruleId)}`, pageUrl).href;
}

export function toMonacoRange(range: Range): { startLineNumber: number; startColumn: number; endLineNumber: number; endColumn: number } {
  return { startLineNumber: range.start.line + 1, startColumn: range.start.character + 1, endLineNumber: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function toMarker(api: typeof monaco, finding: PlaygroundFinding, pageUrl: string): editor.IMarkerData {
  return {
    ...toMonacoRange(finding.range),
    severity: markerSeverity(api, finding.severity),
    message: finding.message,
    source: MARKER_SOURCE,
    code: { value: finding.ruleId, target: api.Uri.parse(rulePageUrl(finding.ruleId, pageUrl)) },
  };
}

function markerSeverity(api: typeof monaco, severity: Severity): number {
  switch (severity) {
    case 'error': return api.MarkerSeverity.Error;
    case 'warning': return api.MarkerSeverity.Warning;
    case 'info': return api.MarkerSeverity.Info;
    case 'hint': return api.MarkerSeverity.Hint;
  }
}

/** True when a marker Monaco hands back (in a code action context) is the one drawn for `finding`. */
export function isMarkerOf(marker: editor.IMarkerData, finding: PlaygroundFinding): boolean {
  const range = toMonacoRange(finding.range);
  const code = typeof marker.code === 'object' ? marker.code.value : marker.code;
  return code === finding.ruleId && marker.message === finding.message
    && marker.startLineNumber === range.startLineNumber && marker.startColumn === range.startColumn
    && marker.endLineNumber === range.endLineNumber && marker.endColumn === range.endColumn;
}
