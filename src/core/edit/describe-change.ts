// The words of a plan: values, who changed a field live, the summary lines and the commit message.
import type { Attribution } from '../drift/drift-types.js';
import type { ResourceKey } from '../resource/resource-key.js';
import type { PlannedField, PlanRefusal } from './edit-plan.js';

const MAX_VALUE = 60;

/** A value for one line of text: `5`, `ghcr.io/acme/api:1.2`, `""`, `(unset)`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return '(unset)';
  const text = typeof value === 'string' ? (value === '' || /^\s|\s$|\n/.test(value) ? JSON.stringify(value) : value) : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** Who changed it live, as a person would say it: `kubectl scale`, `kubectl set`, `k9s`. */
export function describeAttribution(a: Attribution | undefined): string | undefined {
  if (!a) return undefined;
  const manager = a.manager.replace(/^kubectl-(client-side-)?/, 'kubectl ');
  return a.subresource ? `${manager} ${a.subresource}` : manager;
}

export function describeResource(key: ResourceKey): string {
  return `${key.kind} ${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
}

export function summaryLine(f: PlannedField): string {
  return `${f.path} ${describeValue(f.from)} → ${describeValue(f.to)} in ${f.file} (${f.layer})`;
}

/**
 * `Codify live change: Deployment shop/api-server .spec.replicas 3 → 5 (kubectl scale, prod-eu)`, then a body
 * with one line per field (where it is written) and the fields not planned.
 */
export function commitMessageFor(verb: string, key: ResourceKey, fields: readonly PlannedField[], context: readonly string[], body: readonly string[], refused: readonly PlanRefusal[]): string {
  const what = fields.length <= 2 ? fields.map((f) => `${f.path} ${describeValue(f.from)} → ${describeValue(f.to)}`).join(', ') : `${fields.length} fields`;
  const tail = context.filter((c) => c !== '');
  const headline = `${verb}: ${describeResource(key)} ${what}${tail.length > 0 ? ` (${tail.join(', ')})` : ''}`;
  const lines = [headline, '', ...fields.map((f) => `- ${summaryLine(f)}`), ...body, ...refused.map((r) => `- not written: ${r.path}: ${r.reason}`)];
  return lines.join('\n');
}
