// Write-back plans from a running drift service: the server (Commit Live Change, Scale/Set Image/Edit Field
// via Git) and the CLI (`codify`) call these with a resource id (`resourceKeyId`) and get a PlanOutcome.
import { autoscaledReplicasRefusal } from '../../core/edit/autoscaled-replicas.js';
import type { LayerChoice, PlanOutcome } from '../../core/edit/edit-plan.js';
import { planCodify } from '../../core/edit/plan-codify.js';
import { planIntent, type Intent } from '../../core/edit/plan-intent.js';
import { resourceKeyId } from '../../core/resource/resource-key.js';
import type { DriftService } from '../drift/drift-service-api.js';

export interface CodifyOptions {
  /** FieldDrift paths (`.spec.replicas`); undefined: every drifted field of the resource. */
  readonly fields?: readonly string[];
  readonly layer?: LayerChoice;
}

export interface IntentOptions {
  /** Field path (`.spec.replicas`, `.spec.template.spec.containers[name="app"].image`). */
  readonly path: string;
  readonly value: unknown;
  readonly layer?: LayerChoice;
  /** Scale, Set Image or Edit Field; default from the path. */
  readonly intent?: Intent;
}

/** The live values of a resource's drifted fields written back to Git, planned in the right layer. */
export function planCodifyFromDrift(service: DriftService, resourceId: string, options: CodifyOptions = {}): PlanOutcome {
  const found = service.desiredOf(resourceId);
  if (!found) return { kind: 'refused', reason: `${resourceId} is not in the desired state of this environment` };
  if (!found.result) return { kind: 'refused', reason: `${resourceId} has no drift result yet (the cluster is still being read)` };
  return planCodify({
    index: found.index, desired: found.desired, drift: found.result, context: service.context,
    ...(found.environment ? { environment: found.environment } : {}),
    ...(options.fields ? { fields: options.fields } : {}),
    ...(options.layer ? { layer: options.layer } : {}),
  });
}

/** A value a person gives for one field (scale, set image, edit field), planned like a codified live change. */
export function planIntentFromDrift(service: DriftService, resourceId: string, options: IntentOptions): PlanOutcome {
  const found = service.desiredOf(resourceId);
  if (!found) return { kind: 'refused', reason: `${resourceId} is not in the desired state of this environment` };
  if (options.path === '.spec.replicas') {
    const autoscalers = service.results().filter((r) => r.key.kind === 'HorizontalPodAutoscaler' || r.key.kind === 'ScaledObject').flatMap((r) => service.desiredOf(resourceKeyId(r.key))?.desired ?? []);
    const refusal = autoscaledReplicasRefusal(found.desired.key, autoscalers);
    if (refusal) return { kind: 'refused', reason: refusal };
  }
  return planIntent({
    index: found.index, desired: found.desired, path: options.path, value: options.value, context: service.context,
    ...(found.environment ? { environment: found.environment } : {}),
    ...(options.layer ? { layer: options.layer } : {}),
    ...(options.intent ? { intent: options.intent } : {}),
  });
}
