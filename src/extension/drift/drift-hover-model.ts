// The hover on a drifted line, as Markdown: Git value, live value, who changed it (the managedFields entry:
// manager, operation, subresource, time absolute and relative), the suggested action with its reason, and
// command links. Pure (no `vscode` import).
//
// Exports:
// - `computeDriftHover(findings, options)`: `{ markdown, commands }` for the findings on one line, or
//   undefined when there is none; `commands` are the command ids the links use (the hover trusts only those).
// - `DRIFT_HOVER_COMMANDS`: every command id a drift hover may link to.
// - `commandLink(title, command, argument)`: a `[title](command:id?encoded-args)` link.
// - `findingsOnLine(findings, line)`: the findings of one line, by binary search over the sorted findings.
import type { DriftLineFinding } from './drift-store.js';
import { driftCommandArgument } from './drift-decoration-model.js';
import { formatManager, formatRelativeTime, formatSuggestedAction, formatValue } from './drift-format.js';

export const DRIFT_SHOW_DIFF_COMMAND = 'gitopsAuthoring.drift.showDiff';
export const DRIFT_COPY_KEY_COMMAND = 'gitopsAuthoring.drift.copyResourceKey';
export const COMMIT_LIVE_CHANGE_COMMAND = 'gitopsAuthoring.writeBack.commitLiveChange';
export const DRIFT_HOVER_COMMANDS: readonly string[] = [DRIFT_SHOW_DIFF_COMMAND, DRIFT_COPY_KEY_COMMAND, COMMIT_LIVE_CHANGE_COMMAND];

export interface DriftHover {
  readonly markdown: string;
  readonly commands: readonly string[];
}

export interface DriftHoverOptions {
  readonly now: number;
  /** '' when the environment is the whole repository (then no environment line). */
  readonly environmentName: (environmentId: string) => string;
  readonly environmentContext?: (environmentId: string) => string | undefined;
}

export function commandLink(title: string, command: string, argument: unknown): string {
  return `[${escapeMarkdown(title)}](command:${command}?${encodeURIComponent(JSON.stringify([argument]))})`;
}

export function findingsOnLine(findings: readonly DriftLineFinding[], line: number): readonly DriftLineFinding[] {
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((findings[mid] as DriftLineFinding).line < line) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < findings.length && (findings[end] as DriftLineFinding).line === line) end++;
  return findings.slice(lo, end);
}

export function computeDriftHover(findings: readonly DriftLineFinding[], options: DriftHoverOptions): DriftHover | undefined {
  if (findings.length === 0) return undefined;
  const sections = findings.map((finding) => sectionOf(finding, options));
  return { markdown: sections.join('\n\n---\n\n'), commands: DRIFT_HOVER_COMMANDS };
}

function sectionOf(finding: DriftLineFinding, options: DriftHoverOptions): string {
  const { resource, field } = finding;
  const lines: string[] = [`**Drift** — ${escapeMarkdown(resource.label)}`];
  const envName = options.environmentName(finding.environmentId);
  const context = options.environmentContext?.(finding.environmentId);
  if (envName || context) lines.push(`Environment: ${escapeMarkdown(envName || '(repository)')}${context ? ` (context ${escapeMarkdown(context)})` : ''}`);
  if (field) {
    lines.push(`Field: ${codeSpan(field.path)}`);
    if (field.change === 'changed-default') lines.push(`Git: not set (server default ${codeSpan(formatHoverValue(field.gitDefault))})`);
    else if (field.change === 'added-live') lines.push('Git: not declared (added live)');
    else lines.push(`Git: ${codeSpan(formatHoverValue(field.gitValue))}`);
    lines.push(`Live: ${codeSpan(formatHoverValue(field.liveValue))}`);
    const who = field.attribution;
    if (who) {
      const parts = [formatManager(who), who.operation];
      if (who.time) {
        const ago = formatRelativeTime(who.time, options.now);
        parts.push(ago ? `${who.time} (${ago})` : who.time);
      }
      lines.push(`Changed by ${escapeMarkdown(parts.join(', '))}`);
    } else {
      lines.push('Changed by: unknown (no managedFields entry owns this field)');
    }
    lines.push(`Suggested: ${escapeMarkdown(formatSuggestedAction(field.suggestedAction))} — ${escapeMarkdown(field.actionReason)}`);
  } else {
    const what = resource.status === 'Missing' ? 'Missing in cluster' : resource.status === 'Orphan' ? 'Orphan: live, not in Git' : resource.status;
    lines.push(resource.reason ? `${what} — ${escapeMarkdown(resource.reason)}` : what);
    for (const m of resource.liveOnlyMetadata ?? []) {
      const who = m.attribution ? ` (${escapeMarkdown(formatManager(m.attribution))})` : '';
      lines.push(`Live only, not counted: ${codeSpan(`${m.path} = ${formatHoverValue(m.liveValue)}`)}${who}`);
    }
  }
  const argument = driftCommandArgument(finding);
  const commit = field && resource.status === 'Drifted' ? ` · ${commandLink('Commit to Git', COMMIT_LIVE_CHANGE_COMMAND, argument)}` : '';
  lines.push(`${commandLink('Show diff', DRIFT_SHOW_DIFF_COMMAND, argument)} · ${commandLink('Copy resource key', DRIFT_COPY_KEY_COMMAND, argument)}${commit}`);
  // Two spaces before a newline: one paragraph, one line each.
  return lines.join('  \n');
}

/** Longer than the tree's short form (a hover has room) but still bounded. */
function formatHoverValue(value: unknown): string {
  if (value === undefined) return formatValue(undefined);
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const oneLine = text.replace(/\r?\n/g, '↵');
  return oneLine.length > 200 ? `${oneLine.slice(0, 199)}…` : oneLine;
}

/** An inline code span that survives backticks in the value. */
function codeSpan(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escapes what Markdown reads inside a line (our lines never start with user text, so `-`, `#`, `.` stay). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~$]/g, (c) => `\\${c}`);
}
