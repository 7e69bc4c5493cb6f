import type { FieldDrift, ResourceDrift } from './drift-types.js';

/** A scoped ignore rule for one drifted field, written in both dialects, ready to paste. */
export interface IgnoreRuleSuggestion {
  /** An entry for an Argo CD Application's `spec.ignoreDifferences`. */
  readonly argocd: string;
  /** An entry for a Flux Kustomization's `spec.driftIgnoreRules` (HelmRelease: `spec.driftDetection.ignore`). */
  readonly flux: string;
}

export function suggestIgnoreRule(resource: ResourceDrift, field: FieldDrift): IgnoreRuleSuggestion {
  const { group, kind, name, namespace } = resource.key;
  const keyed = field.segments.some((s) => typeof s !== 'string' && s.key);
  const pointer = pointerByKeys(field);
  const argoLines = [
    ...(group ? [`- group: ${group}`, `  kind: ${kind}`] : [`- kind: ${kind}`]),
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    ...(keyed ? ['  jqPathExpressions:', `    - '${toJq(field)}'`] : ['  jsonPointers:', `    - ${pointer}`]),
  ];
  // Flux paths are JSON pointers: list items by index, so keyed items use the live index (and say so).
  const fluxLines = [
    '- paths:',
    `    - ${field.pointer}`,
    '  target:',
    ...(group ? [`    group: ${group}`] : []),
    `    kind: ${kind}`,
    `    name: ${name}`,
    ...(namespace ? [`    namespace: ${namespace}`] : []),
  ];
  return { argocd: argoLines.join('\n') + '\n', flux: fluxLines.join('\n') + '\n' };
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
