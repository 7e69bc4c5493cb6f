// "Commit live change to Git": the drifted fields of one resource (all, or the ones asked for) written back to
// the repository as their live values, in the right layer (plan-write-back.ts), with a summary and a commit
// message that names the resource, the fields, Git → live, who changed them live and the cluster context.
import { DriftStatus, FieldChange, SuggestedAction, type FieldDrift, type ResourceDrift } from '../drift/drift-types.js';
import { formatFieldPath } from '../drift/field-path.js';
import { commitMessageFor, describeAttribution } from './describe-change.js';
import type { PlanOutcome } from './edit-plan.js';
import { outcomeOf, planWrites, type FieldRequest, type WriteBackTarget } from './plan-write-back.js';
import { pairRekeyedItems } from './rekeyed-list-item.js';
import { mergeSiblingInserts } from './sibling-inserts.js';

export interface CodifyRequest extends WriteBackTarget {
  readonly drift: ResourceDrift;
  /** FieldDrift paths to codify; undefined: every drifted field. */
  readonly fields?: readonly string[];
  /** kube context, for the commit message (`prod-eu`). */
  readonly context?: string;
}

export function planCodify(req: CodifyRequest): PlanOutcome {
  const { drift } = req;
  if (drift.status !== DriftStatus.Drifted) return { kind: 'refused', reason: `${drift.id} is ${drift.status}${drift.reason ? ` (${drift.reason})` : ''}: there is no live change to codify` };
  const unknown = (req.fields ?? []).filter((p) => !drift.fields.some((f) => f.path === p));
  if (unknown.length > 0) return { kind: 'refused', reason: `${drift.id} has no drifted field ${unknown.join(', ')}` };
  const chosen = req.fields ? drift.fields.filter((f) => req.fields?.includes(f.path)) : drift.fields;
  const owned = chosen.filter((f) => f.suggestedAction === SuggestedAction.Ignore);
  const fields = chosen.filter((f) => f.suggestedAction !== SuggestedAction.Ignore);
  const ownedRefusals = owned.map((f) => ({ path: f.path, reason: `${f.actionReason}: a controller sets it live, so Git should not; add an ignore rule instead` }));
  if (fields.length === 0) return { kind: 'refused', reason: ownedRefusals.map((r) => `${r.path}: ${r.reason}`).join('; ') || `${drift.id} has no drifted field` };

  const { rekeyed, held, rest: unpaired } = pairRekeyedItems(fields);
  const { merged, rest } = mergeSiblingInserts(unpaired, req.desired.object);
  const combined = [...rekeyed, ...merged];
  const planned = planWrites(req, [...rest.map(requestOf), ...combined.flatMap((r) => r.requests)]);
  if ('kind' in planned) return planned;
  const refused = [...ownedRefusals, ...held, ...planned.refused];
  const writtenPaths = new Set([...planned.fields.map((p) => p.path), ...combined.filter((r) => r.requests.every((q) => planned.fields.some((p) => p.path === formatFieldPath(q.segments)))).flatMap((r) => r.paths)]);
  const written = fields.filter((f) => writtenPaths.has(f.path));
  const who = [...new Set(written.map((f) => describeAttribution(f.attribution)).filter((w): w is string => w !== undefined))];
  const when = written.map((f) => f.attribution?.time).filter((t): t is string => t !== undefined).sort().at(-1);
  const body = [
    '',
    `Changed live${who.length > 0 ? ` by ${who.join(', ')}` : ''}${when ? ` at ${when}` : ''}${req.context ? ` in cluster context ${req.context}` : ''}${req.environment ? ` (environment ${req.environment.name})` : ''}.`,
  ];
  return outcomeOf(planned, refused, (done) => commitMessageFor('Codify live change', drift.key, done, [...who, req.context ?? ''], body, refused));
}

function requestOf(f: FieldDrift): FieldRequest {
  if (f.change === FieldChange.MissingLive) return { segments: f.segments, from: f.gitValue, remove: true };
  return { segments: f.segments, ...(f.gitValue !== undefined ? { from: f.gitValue } : {}), to: f.liveValue };
}
