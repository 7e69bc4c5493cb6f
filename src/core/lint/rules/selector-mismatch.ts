import { hasSubstitution, readLabels, readLabelSelector, requirementMatches } from '../../resource/label-selector.js';
import { getAt, isRecord } from '../../resource/manifest-resource.js';
import { describeRendering, renderedObjectsOf } from '../../kustomize/kustomize-renderings.js';
import type { Rule } from '../rule.js';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

export const selectorMismatchRule: Rule = {
  meta: {
    id: 'selector-mismatch',
    title: 'Workload selector matches its pod template',
    rationale: 'The API server rejects a Deployment, StatefulSet, DaemonSet, ReplicaSet or Job whose `spec.selector` does not select its own `spec.template.metadata.labels`, so the sync fails. In a kustomize build it is judged as each overlay renders it (`commonLabels` and `labels:` with `includeSelectors` set both sides).',
    remediation: 'Make `spec.template.metadata.labels` carry every `matchLabels` pair and satisfy every `matchExpressions` requirement (remember the selector of an existing workload is immutable: change the labels, not the selector).',
    defaultSeverity: 'error',
    kinds: KINDS,
  },
  check(resource, context) {
    const raw = getAt(resource.object, ['spec', 'selector']);
    if (!isRecord(raw)) return; // Jobs generate their selector; a missing one is the schema's business
    if (resource.kind === 'Job' && getAt(resource.object, ['spec', 'manualSelector']) !== true && raw.matchLabels === undefined && raw.matchExpressions === undefined) return;
    const selector = readLabelSelector(raw);
    if (!selector) return;
    const template = getAt(resource.object, ['spec', 'template']);
    if (!isRecord(template)) return;
    const labelsValue = getAt(template, ['metadata', 'labels']);
    const labels = readLabels(labelsValue);
    if (Object.values(labels).some(hasSubstitution) || Object.values(selector.matchLabels).some(hasSubstitution)) return;
    const labelsPath = isRecord(labelsValue) ? ['spec', 'template', 'metadata', 'labels'] : ['spec', 'template', 'metadata'];

    // In kustomize builds, judged as each overlay renders it (labels added to selector and template); a fault
    // only some overlays have names them.
    const rendered = renderedObjectsOf(context.workspace, resource);
    const variants = rendered.length === 0
      ? [{ matchLabels: selector.matchLabels, labels, overlay: '' }]
      : rendered.map((r) => ({ matchLabels: { ...selector.matchLabels, ...r.addedSelectorLabels }, labels: r.templateLabels ?? labels, overlay: describeRendering(r.rendering) }));
    const faults = new Map<string, { path: (string | number)[]; message: string; overlays: string[] }>();
    const fault = (path: (string | number)[], message: string, overlay: string) => {
      const key = `${path.join('/')}\u0000${message}`;
      const found = faults.get(key) ?? { path, message, overlays: [] };
      found.overlays.push(overlay);
      faults.set(key, found);
    };
    for (const variant of variants) {
      for (const [key, value] of Object.entries(variant.matchLabels)) {
        if (variant.labels[key] === value) continue;
        // A pair an overlay adds is its own fault only if the overlay's template lacks it; its line is the selector.
        fault(key in selector.matchLabels ? ['spec', 'selector', 'matchLabels', key] : ['spec', 'selector'], key in variant.labels
          ? `Selector requires ${key}=${value}, but the pod template has ${key}=${variant.labels[key]}.`
          : `Selector requires ${key}=${value}, but the pod template has no '${key}' label.`, variant.overlay);
      }
      selector.matchExpressions.forEach((requirement, i) => {
        if (requirement.values.some(hasSubstitution) || requirementMatches(requirement, variant.labels)) return;
        fault(['spec', 'selector', 'matchExpressions', i], `Selector requirement '${requirement.key} ${requirement.operator}${requirement.values.length ? ` (${requirement.values.join(', ')})` : ''}' does not match the pod template (${describeLabel(variant.labels, requirement.key)}).`, variant.overlay);
      });
    }
    for (const f of faults.values()) {
      const where = f.overlays.length === variants.length ? '' : ` (in ${[...new Set(f.overlays)].join(', ')})`;
      context.report({ path: f.path, message: `${f.message}${where}`, related: [{ resource, path: labelsPath, message: 'The pod template labels' }] });
    }
  },
};

function describeLabel(labels: Readonly<Record<string, string>>, name: string): string {
  return name in labels ? `${name}=${labels[name]}` : `no '${name}' label`;
}
