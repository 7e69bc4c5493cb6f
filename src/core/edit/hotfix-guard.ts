// The hotfix guard: before a planned change is committed (or its pull request opened), find the resources it
// changes whose live state carries a change a person made (a hotfix: `kubectl scale`, `kubectl edit`, k9s, …)
// that Git does not have and the plan does not bring into Git either. Merging the change makes the GitOps agent
// apply Git again, which reverts that hotfix: say so before it happens, with "commit the live change first".
import type { FieldDrift, ResourceDrift } from '../drift/drift-types.js';
import { SuggestedAction } from '../drift/drift-types.js';
import { formatResourceKey, resourceKeyId } from '../resource/resource-key.js';
import { isBefore, type Range } from '../text/range.js';
import type { EditPlan } from './edit-plan.js';

/** One live field a person changed that merging the plan would revert. Values are masked for Secrets. */
export interface RevertedHotfixField {
  readonly path: string;
  readonly pointer: string;
  readonly gitValue?: unknown;
  readonly liveValue?: unknown;
  /** `kubectl (scale)`: the field manager (and subresource) that made the live change. */
  readonly changedBy: string;
  readonly time?: string;
}

export interface HotfixWarning {
  /** `resourceKeyId` of the resource (the drift results' id in the protocol). */
  readonly resourceId: string;
  /** `Deployment.apps shop/api-server`. */
  readonly label: string;
  readonly fields: readonly RevertedHotfixField[];
  /** One sentence for the warning dialog. */
  readonly message: string;
}

export interface HotfixGuardInput {
  /** The current drift results of the environment the plan is for. */
  readonly results: readonly ResourceDrift[];
  readonly plan: Pick<EditPlan, 'files' | 'fields'>;
  /** Resources (`resourceKeyId`) the plan was made for: they change even when no edit touches their own file (an overlay's `images:`). */
  readonly resourceIds?: readonly string[];
}

/** The hotfixes merging `plan` would revert, one warning per resource; empty when there is nothing to fear. */
export function findRevertedHotfixes(input: HotfixGuardInput): HotfixWarning[] {
  const planned = new Set(input.resourceIds ?? []);
  const warnings: HotfixWarning[] = [];
  for (const resource of input.results) {
    const id = resourceKeyId(resource.key);
    if (!planned.has(id) && !isTouchedByPlan(resource, input.plan)) continue;
    const fields = resource.fields.filter((f) => isPersonChange(f) && !isCarriedByPlan(f, input.plan)).map(toRevertedField);
    if (fields.length === 0) continue;
    const label = formatResourceKey(resource.key);
    const what = fields.map((f) => `${f.path} (${f.changedBy})`).join(', ');
    warnings.push({
      resourceId: id,
      label,
      fields,
      message: `Merging this change would revert a live change Git does not have: ${label} ${what}. Commit the live change first.`,
    });
  }
  return warnings;
}

/** A live value a person's tool wrote (drift suggests committing it): a hotfix, not a controller's value. */
export function isPersonChange(field: FieldDrift): boolean {
  return field.suggestedAction === SuggestedAction.Commit && field.attribution !== undefined;
}

/** The plan writes exactly the live value to this path: the hotfix goes into Git with it. */
function isCarriedByPlan(field: FieldDrift, plan: Pick<EditPlan, 'fields'>): boolean {
  return plan.fields.some((p) => p.path === field.path && isSameJson(p.to, field.liveValue));
}

/**
 * A planned edit lands inside the text that declares the resource (its document in its file), or in a file
 * that sets one of its fields (an overlay patch).
 */
function isTouchedByPlan(resource: ResourceDrift, plan: Pick<EditPlan, 'files'>): boolean {
  const source = resource.source;
  // Files other than the declaring one that set a field (an overlay patch): any edit there changes the resource.
  const patchFiles = new Set(resource.fields.map((f) => f.source?.path).filter((p): p is string => p !== undefined && p !== source?.path));
  return plan.files.some((file) => {
    if (patchFiles.has(file.path)) return true;
    if (!source || source.path !== file.path) return false;
    return file.create === true || file.edits.some((e) => overlaps(e.range, source.range));
  });
}

/** Ranges overlap or touch (an insertion right after the object's last line still edits the object). */
function overlaps(a: Range, b: Range): boolean {
  return !isBefore(a.end, b.start) && !isBefore(b.end, a.start);
}

function toRevertedField(field: FieldDrift): RevertedHotfixField {
  const a = field.attribution;
  return {
    path: field.path,
    pointer: field.pointer,
    ...(field.gitValue !== undefined ? { gitValue: field.gitValue } : {}),
    ...(field.liveValue !== undefined ? { liveValue: field.liveValue } : {}),
    changedBy: a ? (a.subresource ? `${a.manager} (${a.subresource})` : a.manager) : 'unknown',
    ...(a?.time ? { time: a.time } : {}),
  };
}

function isSameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => isSameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
