// The imperative intents done declaratively: `kubectl scale`, `kubectl set image`, `kubectl edit` become one
// field written in Git, in the same layer a live change would be codified to. Nothing touches the cluster.
import { formatFieldPath } from '../drift/field-path.js';
import { resolvePath } from '../drift/resolve-path.js';
import { commitMessageFor, describeResource, describeValue } from './describe-change.js';
import type { PlanOutcome } from './edit-plan.js';
import { parseFieldPath } from './parse-field-path.js';
import { outcomeOf, planWrites, type WriteBackTarget } from './plan-write-back.js';

export const Intent = {
  Scale: 'scale',
  SetImage: 'set-image',
  EditField: 'edit-field',
} as const;
export type Intent = (typeof Intent)[keyof typeof Intent];

const VERBS: Record<Intent, string> = { 'scale': 'Scale via Git', 'set-image': 'Set image via Git', 'edit-field': 'Edit field via Git' };

export interface IntentRequest extends WriteBackTarget {
  /** Human field path (`.spec.replicas`, `.spec.template.spec.containers[name="app"].image`). */
  readonly path: string;
  readonly value: unknown;
  readonly intent?: Intent;
  readonly context?: string;
}

export function planIntent(req: IntentRequest): PlanOutcome {
  const segments = parseFieldPath(req.path);
  if (!segments || segments.length === 0) return { kind: 'refused', reason: `"${req.path}" is not a field path (write it like .spec.template.spec.containers[name="app"].image)` };
  const intent = req.intent ?? (req.path === '.spec.replicas' ? Intent.Scale : /\.image$/.test(req.path) ? Intent.SetImage : Intent.EditField);
  if (intent === Intent.Scale && (typeof req.value !== 'number' || !Number.isInteger(req.value) || req.value < 0)) return { kind: 'refused', reason: `replicas must be a whole number of 0 or more, not ${describeValue(req.value)}` };
  if (intent === Intent.SetImage && (typeof req.value !== 'string' || req.value.trim() === '' || /\s/.test(req.value))) return { kind: 'refused', reason: `an image is a reference like ghcr.io/acme/api:1.2, not ${describeValue(req.value)}` };
  const from = resolvePath(req.desired.object, segments)?.value;
  const path = formatFieldPath(segments);
  if (from !== undefined && JSON.stringify(from) === JSON.stringify(req.value)) return { kind: 'refused', reason: `Git already says ${path} ${describeValue(from)}: nothing to change` };
  const planned = planWrites(req, [{ segments, ...(from !== undefined ? { from } : {}), to: req.value }]);
  if ('kind' in planned) return planned;
  const body = ['', `Requested as ${VERBS[intent].toLowerCase()} of ${describeResource(req.desired.key)}${req.context ? ` for cluster context ${req.context}` : ''}${req.environment ? ` (environment ${req.environment.name})` : ''}; nothing was changed in the cluster.`];
  return outcomeOf(planned, planned.refused, (done) => commitMessageFor(VERBS[intent], req.desired.key, done, [req.context ?? ''], body, planned.refused));
}
