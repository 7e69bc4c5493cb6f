import { isRecord } from '../resource/manifest-resource.js';
import type { ResourceKey } from '../resource/resource-key.js';
import type { SourceLocation } from './drift-types.js';
import { parseJsonPointer } from './field-path.js';
import { compileJq, type CompiledJq } from './jq-subset.js';
import { doesTargetFieldMatch } from '../kustomize/target-pattern.js';

/**
 * One ignore rule, whichever dialect it was written in: Argo CD `ignoreDifferences` (exact group/kind/name/
 * namespace; jsonPointers, jqPathExpressions, managedFieldsManagers) or Flux's `{paths, target}` (target
 * fields are regular expressions; paths are JSON pointers).
 */
export interface IgnoreRule {
  readonly dialect: 'argocd' | 'flux';
  /** Where the rule was read: an Application/Kustomization in the repo, or 'settings'. */
  readonly origin: SourceLocation | 'settings';
  readonly target: IgnoreTarget;
  readonly pointers: readonly (readonly string[])[];
  readonly jq: readonly CompiledJq[];
  readonly managers: readonly string[];
  /** Problems reading the rule (an unsupported jq expression), shown to the user instead of silently ignored. */
  readonly problems: readonly string[];
}

export interface IgnoreTarget {
  readonly group?: string;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  /** Flux targets match by regular expression (anchored), Argo CD's by equality. */
  readonly regex: boolean;
  readonly labelSelector?: string;
}

/** Reads an Argo CD `ignoreDifferences` list (from an Application spec or settings). */
export function readArgoIgnoreDifferences(list: unknown, origin: IgnoreRule['origin']): IgnoreRule[] {
  if (!Array.isArray(list)) return [];
  const out: IgnoreRule[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const problems: string[] = [];
    const jq: CompiledJq[] = [];
    for (const expr of strings(item.jqPathExpressions)) {
      try {
        jq.push(compileJq(expr));
      } catch (error) {
        problems.push(`jqPathExpression '${expr}' is outside the supported subset: ${(error as Error).message}`);
      }
    }
    out.push({
      dialect: 'argocd', origin, problems, jq,
      target: { ...opt('group', item.group), ...opt('kind', item.kind), ...opt('name', item.name), ...opt('namespace', item.namespace), regex: false },
      pointers: strings(item.jsonPointers).map(parseJsonPointer),
      managers: strings(item.managedFieldsManagers),
    });
  }
  return out;
}

/** Reads Flux rules: `[{paths: [...], target: {group, version, kind, name, namespace, labelSelector}}]`. */
export function readFluxIgnoreRules(list: unknown, origin: IgnoreRule['origin']): IgnoreRule[] {
  if (!Array.isArray(list)) return [];
  const out: IgnoreRule[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const t = isRecord(item.target) ? item.target : {};
    out.push({
      dialect: 'flux', origin, problems: [], jq: [], managers: [],
      target: { ...opt('group', t.group), ...opt('kind', t.kind), ...opt('name', t.name), ...opt('namespace', t.namespace), ...opt('labelSelector', t.labelSelector), regex: true },
      pointers: strings(item.paths).map(parseJsonPointer),
    });
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function opt<K extends string>(name: K, value: unknown): { [P in K]?: string } {
  return (typeof value === 'string' && value !== '' ? { [name]: value } : {}) as { [P in K]?: string };
}

function matchesField(pattern: string | undefined, value: string, regex: boolean): boolean {
  if (pattern === undefined) return true;
  if (!regex) return pattern === value;
  return doesTargetFieldMatch(pattern, [value]) === true;
}

export function ruleTargets(rule: IgnoreRule, key: ResourceKey, labels: Readonly<Record<string, string>>): boolean {
  const t = rule.target;
  if (!matchesField(t.group, key.group, t.regex) || !matchesField(t.kind, key.kind, t.regex)) return false;
  if (!matchesField(t.name, key.name, t.regex) || !matchesField(t.namespace, key.namespace, t.regex)) return false;
  if (t.labelSelector) {
    for (const term of t.labelSelector.split(',')) {
      const [k, v] = term.split('=').map((s) => s.trim());
      if (!k) continue;
      if (v === undefined ? !(k in labels) : labels[k] !== v) return false;
    }
  }
  return true;
}
