// The pull request's title and body: the drift story of a codified change (which resource, which fields, Git
// → live values, who changed them live and when, in which cluster context), built from the EditPlan and the
// drift that prompted it. Secret values never appear; credential-shaped text is redacted.
import type { Attribution } from '../drift/drift-types.js';
import type { EditPlan, PlannedField } from '../edit/edit-plan.js';
import { redactCredentials } from './redact-credentials.js';

/** Who changed a field live, from the drift's managedFields attribution. */
export interface LiveChangeStory {
  readonly path: string;
  readonly manager: string;
  readonly operation?: string;
  readonly subresource?: string;
  readonly time?: string;
}

/** Who changed each field live, from the drift's attribution (fields without one are left out). */
export function liveChangeStoriesOf(fields: readonly { readonly path: string; readonly attribution?: Attribution }[]): LiveChangeStory[] {
  return fields.flatMap((f) => (f.attribution ? [{
    path: f.path,
    manager: f.attribution.manager,
    ...(f.attribution.operation ? { operation: f.attribution.operation } : {}),
    ...(f.attribution.subresource ? { subresource: f.attribution.subresource } : {}),
    ...(f.attribution.time ? { time: f.attribution.time } : {}),
  }] : []));
}

export interface PullRequestContext {
  /** `Deployment shop/api-server`. */
  readonly resource: string;
  /** True for a Secret (or anything whose values must not be shown): values are replaced by a marker. */
  readonly isSecret?: boolean;
  readonly clusterContext?: string;
  readonly environment?: string;
  readonly liveChanges?: readonly LiveChangeStory[];
  /** A link to the diff (the compare page), when known. */
  readonly diffUrl?: string;
  /** The tool's name and version, for the footer. */
  readonly generator?: string;
}

export interface PullRequestText {
  readonly title: string;
  readonly body: string;
}

const HIDDEN = '(hidden)';

export function pullRequestTextOf(plan: EditPlan, context: PullRequestContext): PullRequestText {
  const title = redactCredentials((plan.commitMessage.split('\n')[0] ?? '').trim() || `Codify live change: ${context.resource}`);
  const lines: string[] = [];
  const where = [context.environment ? `environment **${cell(context.environment)}**` : '', context.clusterContext ? `cluster context \`${code(context.clusterContext)}\`` : ''].filter((s) => s !== '');
  lines.push(`Codifies a live change to **${cell(context.resource)}**${where.length > 0 ? ` (${where.join(', ')})` : ''} so that Git declares what the cluster runs. Merging it makes the drift Synced; without it, the next reconcile reverts the live change.`);
  lines.push('');
  if (plan.fields.length > 0) {
    lines.push('| Field | Git | Live (written) | File | Changed live by |', '| --- | --- | --- | --- | --- |');
    for (const field of plan.fields) lines.push(fieldRow(field, context));
    lines.push('');
  }
  if (plan.refused.length > 0) {
    lines.push('Not codified:');
    for (const r of plan.refused) lines.push(`- \`${code(r.path)}\`: ${cell(r.reason)}`);
    lines.push('');
  }
  if (context.diffUrl) lines.push(`[Compare the branch](${context.diffUrl})`, '');
  lines.push(`<sub>Opened by ${cell(context.generator ?? 'GitOps Authoring')} (codify live change).</sub>`);
  return { title, body: redactCredentials(lines.join('\n')) };
}

function fieldRow(field: PlannedField, context: PullRequestContext): string {
  const show = (v: unknown) => (context.isSecret ? HIDDEN : v === undefined ? '(absent)' : `\`${code(JSON.stringify(v))}\``);
  const story = context.liveChanges?.find((c) => c.path === field.path);
  const who = story ? `${cell(story.manager)}${story.subresource ? ` (${cell(story.subresource)})` : ''}${story.time ? ` at ${cell(story.time)}` : ''}` : '';
  return `| \`${code(field.path)}\` | ${show(field.from)} | ${show(field.to)} | \`${code(field.file)}\` (${cell(field.layer)}) | ${who} |`;
}

/** Text inside a table cell: no pipe or line break ends it early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** Text inside backticks. */
function code(text: string): string {
  return cell(text).replace(/`/g, "'");
}
