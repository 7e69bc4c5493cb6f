// Kubernetes label selectors (metav1.LabelSelector): matchLabels ANDed with matchExpressions.
import { isRecord } from './manifest-resource.js';

export type Labels = Readonly<Record<string, string>>;

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly SelectorRequirement[];
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** String labels of a `labels` mapping (numbers and booleans as YAML writes them unquoted are stringified). */
export function readLabels(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

/**
 * Reads a LabelSelector. Undefined when it cannot be evaluated (not a mapping, unknown operator, malformed
 * requirement): a rule must stay silent on what it does not understand.
 */
export function readLabelSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const matchExpressions: SelectorRequirement[] = [];
  if (value.matchExpressions !== undefined && value.matchExpressions !== null) {
    if (!Array.isArray(value.matchExpressions)) return undefined;
    for (const raw of value.matchExpressions) {
      if (!isRecord(raw) || typeof raw.key !== 'string' || typeof raw.operator !== 'string' || !OPERATORS.has(raw.operator)) return undefined;
      const values = Array.isArray(raw.values) ? raw.values.filter((v) => v !== null && v !== undefined).map(String) : [];
      matchExpressions.push({ key: raw.key, operator: raw.operator as SelectorRequirement['operator'], values });
    }
  }
  return { matchLabels: readLabels(value.matchLabels), matchExpressions };
}

export function requirementMatches(requirement: SelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = labels[requirement.key];
  switch (requirement.operator) {
    case 'In': return has && requirement.values.includes(value as string);
    case 'NotIn': return !has || !requirement.values.includes(value as string);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
  }
}

/** An empty selector matches everything (as the API server treats it). */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  return selector.matchExpressions.every((r) => requirementMatches(r, labels));
}

/** A Service-style equality selector (a plain map) matches when every pair is present. */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** Flux post-build substitutions (`${VAR}`) are resolved later: such values cannot be compared now. */
export function hasSubstitution(value: string): boolean {
  return value.includes('${');
}
