import { hasSubstitution, readLabels, readLabelSelector, requirementMatches } from '../../resource/label-selector.js';
import { getAt, isRecord } from '../../resource/manifest-resource.js';
import type { Rule } from '../rule.js';

const KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];

export const selectorMismatchRule: Rule = {
  meta: {
    id: 'selector-mismatch',
    title: 'Workload selector matches its pod template',
    rationale: 'The API server rejects a Deployment, StatefulSet, DaemonSet, ReplicaSet or Job whose `spec.selector` does not select its own `spec.template.metadata.labels`, so the sync fails.',
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

    for (const [key, value] of Object.entries(selector.matchLabels)) {
      if (labels[key] === value) continue;
      context.report({
        path: ['spec', 'selector', 'matchLabels', key],
        message: key in labels
          ? `Selector requires ${key}=${value}, but the pod template has ${key}=${labels[key]}.`
          : `Selector requires ${key}=${value}, but the pod template has no '${key}' label.`,
        related: [{ resource, path: labelsPath, message: 'The pod template labels' }],
      });
    }
    selector.matchExpressions.forEach((requirement, i) => {
      if (requirement.values.some(hasSubstitution) || requirementMatches(requirement, labels)) return;
      const actual = describeLabel(labels, requirement.key);
      context.report({
        path: ['spec', 'selector', 'matchExpressions', i],
        message: `Selector requirement '${requirement.key} ${requirement.operator}${requirement.values.length ? ` (${requirement.values.join(', ')})` : ''}' does not match the pod template (${actual}).`,
        related: [{ resource, path: labelsPath, message: 'The pod template labels' }],
      });
    });
  },
};

function describeLabel(labels: Readonly<Record<string, string>>, name: string): string {
  return name in labels ? `${name}=${labels[name]}` : `no '${name}' label`;
}
