import { formatScalarLike } from '../edit/format-scalar.js';
import type { FieldDrift, ResourceDrift } from './drift-types.js';

/** A scoped ignore rule for one drifted field, written in both dialects, ready to paste. */
export interface IgnoreRuleSuggestion {
  /** An entry for an Argo CD Application's `spec.ignoreDifferences`. */
  readonly argocd: string;
  /** An entry for a Flux Kustomization's `spec.driftIgnoreRules` (HelmRelease: `spec.driftDetection.ignore`). */
  readonly flux: string;
}

/** One entry of Argo CD's `ignoreDifferences`: exact group/kind/name/namespace, and what to ignore. */
export interface ArgoIgnoreEntry {
  readonly group?: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly jsonPointers?: readonly string[];
  readonly jqPathExpressions?: readonly string[];
  readonly managedFieldsManagers?: readonly string[];
}

/** One Flux drift ignore rule: JSON pointers and a target whose fields are (anchored) regular expressions. */
export interface FluxIgnoreEntry {
  readonly paths: readonly string[];
  readonly target: { readonly group?: string; readonly kind: string; readonly name: string; readonly namespace?: string };
}

export interface IgnoreRuleEntries {
  readonly argocd: ArgoIgnoreEntry;
  readonly flux: FluxIgnoreEntry;
}

export interface SuggestIgnoreOptions {
  /** Argo CD: ignore everything the field's manager owns on the object (`managedFieldsManagers`) instead of the path. */
  readonly byManager?: boolean;
}

export function suggestIgnoreRule(resource: ResourceDrift, field: FieldDrift): IgnoreRuleSuggestion {
  const entries = suggestIgnoreRuleEntries(resource, field);
  return { argocd: ignoreEntryLines(entries.argocd).join('\n') + '\n', flux: ignoreEntryLines(entries.flux).join('\n') + '\n' };
}

/** The rule for one field as data, in both dialects (what `suggestIgnoreRule` writes and the ignore-rule planner inserts). */
export function suggestIgnoreRuleEntries(resource: ResourceDrift, field: FieldDrift, options: SuggestIgnoreOptions = {}): IgnoreRuleEntries {
  const { group, kind, name, namespace } = resource.key;
  const keyed = field.segments.some((s) => typeof s !== 'string' && s.key);
  const manager = options.byManager ? field.attribution?.manager : undefined;
  const what = manager ? { managedFieldsManagers: [manager] } : keyed ? { jqPathExpressions: [toJq(field)] } : { jsonPointers: [pointerByKeys(field)] };
  const argocd: ArgoIgnoreEntry = { ...(group ? { group } : {}), kind, name, ...(namespace ? { namespace } : {}), ...what };
  // Flux paths are JSON pointers: list items by index, so keyed items use the live index. Target fields are
  // regular expressions: names are escaped so that `api.v2` does not also match `apixv2`.
  const flux: FluxIgnoreEntry = {
    paths: [field.pointer],
    target: { ...(group ? { group: escapeRegex(group) } : {}), kind, name: escapeRegex(name), ...(namespace ? { namespace: escapeRegex(namespace) } : {}) },
  };
  return { argocd, flux };
}

/**
 * An entry as block-style YAML lines starting with `- ` (a list item), unindented: string lists as block
 * lists, the Flux target as a nested mapping, jq expressions single-quoted as Argo CD's documentation writes them.
 */
export function ignoreEntryLines(entry: ArgoIgnoreEntry | FluxIgnoreEntry): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (Array.isArray(value)) {
      lines.push(`${key}:`, ...value.map((v: string) => `  - ${scalar(v, key === 'jqPathExpressions')}`));
    } else if (typeof value === 'object' && value !== null) {
      lines.push(`${key}:`, ...Object.entries(value as Record<string, string>).map(([k, v]) => `  ${k}: ${scalar(v, false)}`));
    } else lines.push(`${key}: ${scalar(String(value), false)}`);
  }
  return lines.map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`));
}

/** A list item's text for one value appended to an existing list (`- /spec/replicas`). */
export function ignoreValueText(value: string, isJq: boolean): string {
  return scalar(value, isJq);
}

function scalar(value: string, quoted: boolean): string {
  return formatScalarLike(quoted ? "''" : '', value) ?? JSON.stringify(value);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function pointerByKeys(field: FieldDrift): string {
  return field.segments.map((s) => '/' + (typeof s === 'string' ? s.replace(/~/g, '~0').replace(/\//g, '~1') : String(s.index))).join('');
}

/** `.spec.template.spec.containers[] | select(.name == "app") | .image` */
function toJq(field: FieldDrift): string {
  const parts: string[] = [];
  let current = '';
  for (const s of field.segments) {
    if (typeof s === 'string') current += /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `.${JSON.stringify(s)}`;
    else if (s.key) {
      parts.push(`${current}[]`, `select(${Object.entries(s.key).map(([k, v]) => `.${k} == ${JSON.stringify(v)}`).join(' and ')})`);
      current = '';
    } else current += `[${s.index}]`;
  }
  if (current) parts.push(current);
  return parts.join(' | ');
}
