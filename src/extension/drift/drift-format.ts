// The short forms the drift UI shows (tree descriptions, decoration after-texts, hovers, CodeLens), written once
// so every surface says the same thing. Pure: no `vscode`; time is passed in (`now`, ms since the epoch).
//
// Exports:
// - `fieldNameOf(path)`: last segment of a human field path (`replicas`, `image`, `containers[name="app"]`).
// - `formatValue(value)`: strings unquoted, others as JSON, one line, cut to 40 chars with `…`; absent `(none)`.
// - `formatManager(attribution)`: `kubectl (scale)`, `kubectl-set`.
// - `formatRelativeTime(iso, now)`: `just now`, `N s ago`, `N min ago`, `N h ago`, `N d ago`.
// - `formatFieldValues(field)`: `3 → 5`, `added live: DEBUG=1`, `(default: None) → ClientIP`.
// - `formatFieldChange(field, now)`: `3 → 5 · kubectl (scale) · 4 min ago`.
// - `formatFieldSummary(field, now)`: `replicas 3 → 5 · kubectl (scale) · 4 min ago`.
// - `formatResourceDescription(resource, now)`: the tree description of a resource.
// - `formatStatusLine(resource)`: status word and reason (`Missing · not in the cluster`).
// - `formatAfterText(resource, field, now)`: decoration text (` → 5 · kubectl (scale) · 4 min ago`, ` Missing in cluster`,
//   ` Unknown: <reason>`).
// - `formatCodeLensTitle(resource, field)`: `Drift: replicas 3 → 5 (kubectl scale)`.
// - `formatSuggestedAction(action)`: the action in words.
// - `folderNameOf(folderUri)`: last path segment of a folder URI, decoded.
import type { DriftFieldView, DriftResourceView } from '../../protocol/drift-messages.js';
import { describeFieldChange } from '../../core/drift/describe-field-change.js';
import type { Attribution, SuggestedAction } from '../../core/drift/drift-types.js';

export const VALUE_MAX_LENGTH = 40;
export const NONE_TEXT = '(none)';
/** Reasons in after-texts are cut (the hover has them whole). */
export const REASON_MAX_LENGTH = 60;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `.spec.replicas` → `replicas`; `.spec.containers[name="app"].image` → `image`; `.data["a.b"]` → `a.b`. */
export function fieldNameOf(path: string): string {
  const segments = splitFieldPath(path);
  const last = segments.at(-1);
  if (last === undefined) return path;
  if (!last.startsWith('[')) return last;
  if (last.startsWith('["')) {
    try {
      return JSON.parse(last.slice(1, -1)) as string;
    } catch {
      return last;
    }
  }
  // A list item: name it by its list (`containers[name="app"]`).
  const list = segments.at(-2);
  return list !== undefined && !list.startsWith('[') ? `${list}${last}` : last;
}

/** Splits `.a.b[0]["x.y"][name="app"]` into `a`, `b`, `[0]`, `["x.y"]`, `[name="app"]`. */
function splitFieldPath(path: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < path.length) {
    const ch = path[i];
    if (ch === '.') {
      let j = i + 1;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      if (j > i + 1) out.push(path.slice(i + 1, j));
      i = j;
    } else if (ch === '[') {
      let j = i + 1;
      let inString = false;
      while (j < path.length) {
        const c = path[j];
        if (inString) {
          if (c === '\\') j++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === ']') break;
        j++;
      }
      out.push(path.slice(i, j + 1));
      i = j + 1;
    } else {
      let j = i;
      while (j < path.length && path[j] !== '.' && path[j] !== '[') j++;
      out.push(path.slice(i, j));
      i = j;
    }
  }
  return out;
}

export function formatValue(value: unknown): string {
  if (value === undefined) return NONE_TEXT;
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return cut(text.replace(/\r?\n/g, '↵'), VALUE_MAX_LENGTH);
}

export function formatManager(attribution: Attribution): string {
  return attribution.subresource ? `${attribution.manager} (${attribution.subresource})` : attribution.manager;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Relative age of an RFC 3339 time; undefined when the time cannot be read. */
export function formatRelativeTime(iso: string, now: number): string | undefined {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return undefined;
  const age = now - then;
  if (age < 5 * SECOND) return 'just now'; // also a clock a little ahead of ours
  if (age < MINUTE) return `${Math.floor(age / SECOND)} s ago`;
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`;
  return `${Math.floor(age / DAY)} d ago`;
}

/** `kubectl (scale) · 4 min ago`, or what of it is known ('' when nothing). */
export function formatWhoAndWhen(attribution: Attribution | undefined, now: number): string {
  if (!attribution) return '';
  const when = attribution.time ? formatRelativeTime(attribution.time, now) : undefined;
  return when ? `${formatManager(attribution)} · ${when}` : formatManager(attribution);
}

/** `3 → 5`, `added live: DEBUG=1`, `(default: None) → ClientIP` (values cut as formatValue cuts them). */
export function formatFieldValues(field: DriftFieldView): string {
  return describeFieldChange(field, formatValue, false);
}

export function formatFieldChange(field: DriftFieldView, now: number): string {
  const values = formatFieldValues(field);
  const who = formatWhoAndWhen(field.attribution, now);
  return who ? `${values} · ${who}` : values;
}

export function formatFieldSummary(field: DriftFieldView, now: number): string {
  return `${fieldNameOf(field.path)} ${formatFieldChange(field, now)}`;
}

export function formatStatusLine(resource: DriftResourceView): string {
  return resource.reason ? `${resource.status} · ${resource.reason}` : resource.status;
}

export function formatResourceDescription(resource: DriftResourceView, now: number): string {
  const first = resource.fields[0];
  if (resource.status !== 'Drifted' || !first) return formatStatusLine(resource);
  const more = resource.fields.length - 1;
  return more > 0 ? `${formatFieldSummary(first, now)} (+${more} more)` : formatFieldSummary(first, now);
}

/** The text after a drifted line; never a line break (nothing may shift). */
export function formatAfterText(resource: DriftResourceView, field: DriftFieldView | undefined, now: number): string {
  if (field) {
    const who = formatWhoAndWhen(field.attribution, now);
    const live = field.change === 'added-live' ? formatFieldValues(field) : `→ ${formatValue(field.liveValue)}`;
    return who ? ` ${live} · ${who}` : ` ${live}`;
  }
  if (resource.status === 'Missing') return ' Missing in cluster';
  if (resource.status === 'Orphan') return ' Orphan: live, not in Git';
  if (resource.status === 'Unknown') return resource.reason ? ` Unknown: ${cut(resource.reason.replace(/\s+/g, ' '), REASON_MAX_LENGTH)}` : ' Unknown';
  return ` ${resource.status}`;
}

export function formatCodeLensTitle(resource: DriftResourceView, field: DriftFieldView | undefined): string {
  if (!field) return resource.status === 'Missing' ? `Drift: ${resource.label} missing in cluster` : `Drift: ${resource.label} ${resource.status.toLowerCase()}`;
  const who = field.attribution ? ` (${field.attribution.manager}${field.attribution.subresource ? ` ${field.attribution.subresource}` : ''})` : '';
  return `Drift: ${fieldNameOf(field.path)} ${formatFieldValues(field)}${who}`;
}

export function formatSuggestedAction(action: SuggestedAction): string {
  switch (action) {
    case 'commit':
      return 'commit the live value to Git';
    case 'ignore':
      return 'add an ignore rule';
    case 'revert':
      return 'revert to Git (let the GitOps agent apply it again)';
  }
}

export function folderNameOf(folderUri: string): string {
  const path = folderUri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || folderUri;
  } catch {
    return last || folderUri;
  }
}
