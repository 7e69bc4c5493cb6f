// `gitops-authoring codify`: the drift of an environment written back to Git from the command line (a cron
// job that turns live changes into reviewed pull requests). The same plans as the editor's "Commit Live
// Change to Git": planned in the right layer, written, committed on a new branch, pushed, a pull request.
import { resolve } from 'node:path';
import { LayerChoice, type EditPlan, type PlanOutcome } from '../core/edit/edit-plan.js';
import { branchNameFrom, isValidBranchName } from '../core/edit/branch-name.js';
import { DriftStatus, type ResourceDrift } from '../core/drift/drift-types.js';
import { resourceKeyId } from '../core/resource/resource-key.js';
import { renderUnifiedDiff } from '../core/writeback/unified-diff.js';
import { parseWriteBackSettings } from '../core/writeback/write-back-settings.js';
import { apiBaseProblem } from '../core/writeback/pull-request-target.js';
import { mergeEditPlans } from '../core/writeback/merge-edit-plans.js';
import { driftHashOf } from '../core/writeback/drift-hash.js';
import { liveChangeStoriesOf } from '../core/writeback/pull-request-text.js';
import { loadWorkspace } from '../adapters/fs/load-workspace.js';
import type { LiveDriftService } from '../adapters/drift/drift-service.js';
import { GitRefusal } from '../adapters/git/git-writeback-api.js';
import { planCodifyFromDrift } from '../adapters/writeback/plan-from-drift.js';
import { PlanApplyError } from '../adapters/writeback/apply-plan-to-files.js';
import { previewCodify, runCodify, type CodifyMode, type CodifyResult } from '../adapters/writeback/run-codify.js';
import { chooseEnvironment, readRepositoryConfig, readSettings, startCliDriftService, waitForCluster, type DriftCliIo } from './drift-command.js';
import { UsageError, type ParsedArgs } from './parse-args.js';


const PROVIDERS = ['github', 'gitlab'] as const;
const LAYERS: readonly string[] = Object.values(LayerChoice);

/** One resource's plan, and what the pull request says about who changed it. */
interface ResourcePlan {
  readonly drift: ResourceDrift;
  readonly plan: EditPlan;
}

/**
 * `codify [repo] [--env NAME] [--resource KIND/NAMESPACE/NAME] [--field PATH] [--layer environment|base]
 * [--branch NAME] [--push] [--pr github|gitlab] [--dry-run]`: exit 0 when there is nothing to codify, 1 when
 * changes were written (with `--dry-run`: when there are changes to write), 2 on refusals and errors.
 */
export async function runCodifyCommand(args: ParsedArgs, io: DriftCliIo): Promise<number> {
  const processEnv = io.env ?? process.env;
  const options = readOptions(args, processEnv);
  const root = resolve(args.positionals[0] ?? '.');
  const workspace = loadWorkspace(root);
  const repositoryConfig = readRepositoryConfig(root); // read once: drift settings and writeBack both live in it
  const settings = readSettings(args.options.get('settings'), root, () => repositoryConfig);
  const writeBack = parseWriteBackSettings(repositoryConfig?.writeBack);
  for (const p of [...settings.problems, ...writeBack.problems]) io.stderr(`gitops-authoring codify: settings: ${p}\n`);
  const { env, withRules } = chooseEnvironment(args, workspace.index.resources, settings, io, 'codify');

  let service: LiveDriftService;
  try {
    service = await startCliDriftService(args, root, workspace.index, withRules, processEnv, options.timeoutSeconds);
  } catch (error) {
    return fail(io, error);
  }
  try {
    const clusterFailure = await waitForCluster(service, options.timeoutSeconds);
    if (clusterFailure) return fail(io, clusterFailure);
    const candidates = selectResources(service.results(), options.resource);
    const unknown = options.resource ? [] : service.results().filter((r) => r.status === DriftStatus.Unknown);
    if (unknown.length > 0) io.stderr(`gitops-authoring codify: ${unknown.length} resource${unknown.length === 1 ? '' : 's'} could not be compared, so whether ${unknown.length === 1 ? 'it has' : 'they have'} drifted is not known: ${unknown.slice(0, 5).map((r) => `${displayName(r)} (${r.reason ?? 'Unknown'})`).join('; ')}${unknown.length > 5 ? `; and ${unknown.length - 5} more (see: gitops-authoring drift)` : ''}\n`);
    if (candidates.length === 0 && unknown.length > 0) {
      io.stdout(`Nothing codified: no compared resource has drifted, ${unknown.length} could not be compared (context ${service.context}${env ? `, environment ${env.name}` : ''}).\n`);
      return 2;
    }
    if (candidates.length === 0) {
      io.stdout(`Nothing to codify: ${options.resource ? `${options.resource} has no drift` : 'no resource has drifted'} (context ${service.context}${env ? `, environment ${env.name}` : ''}).\n`);
      return 0;
    }
    const { plans, refusals } = planResources(service, candidates, options);
    for (const r of refusals) io.stderr(`gitops-authoring codify: ${r}\n`);
    if (plans.length === 0) return refusals.length > 0 ? 2 : 0;

    const merged = mergeEditPlans(plans.map((p) => ({ label: displayName(p.drift), plan: p.plan })), `Codify live changes: ${plans.length} resources (${service.context}${env ? `, ${env.name}` : ''})`);
    if (!merged) return 0;
    const { plan } = merged;
    const kept = plans.filter((p) => merged.kept.some((k) => k.plan === p.plan));
    for (const label of merged.postponed) io.stderr(`gitops-authoring codify: ${label}: left for the next run (its edits meet another resource's); run codify again after this change\n`);
    const originals = new Map<string, string>();
    for (const file of plan.files) {
      const text = workspace.index.files.get(file.path)?.text;
      if (text !== undefined) originals.set(file.path, text);
    }
    for (const line of plan.summary) io.stdout(`${line}\n`);
    for (const r of plan.refused) io.stderr(`gitops-authoring codify: not codified: ${r.path}: ${r.reason}\n`);
    if (options.dryRun) {
      const diff = renderUnifiedDiff(previewCodify({ root, plan, originals }));
      io.stdout(diff);
      return diff === '' ? 0 : 1;
    }
    const first = kept[0] as ResourcePlan;
    const branch = options.branch ?? branchNameFrom(writeBack.branchTemplate, {
      kind: kept.length === 1 ? first.drift.key.kind : 'drift',
      namespace: first.drift.key.namespace,
      name: kept.length === 1 ? first.drift.key.name : (env?.name ?? 'all'),
      ...(env ? { env: env.name } : {}),
      field: first.plan.fields[0]?.path.split('.').pop()?.replace(/\[.*$/, '') ?? 'field',
      date: new Date(),
      hash: driftHashOf(kept.map((p) => ({ resourceId: resourceKeyId(p.drift.key), fields: p.plan.fields.map((f) => ({ path: f.path, value: f.to })) }))),
    });
    const result = await runCodify({
      root, plan, originals, branch, mode: options.mode, processEnv,
      story: {
        resource: kept.length === 1 ? displayName(first.drift) : `${kept.length} resources`,
        clusterContext: service.context,
        ...(env ? { environment: env.name } : {}),
        ...(kept.length === 1 ? { liveChanges: liveChangeStoriesOf(first.drift.fields) } : {}),
        generator: `gitops-authoring ${io.version}`,
      },
      pullRequest: {
        ...(options.provider ? { provider: options.provider } : {}),
        ...(options.apiUrl ? { apiBase: options.apiUrl } : {}),
        token: (provider) => (provider === 'github' ? processEnv.GITHUB_TOKEN ?? processEnv.GH_TOKEN : processEnv.GITLAB_TOKEN),
      },
    });
    return report(io, result);
  } catch (error) {
    if (error instanceof GitRefusal && error.reason === 'branch-exists' && !options.branch && /\{hash\}/.test(writeBack.branchTemplate)) return alreadyCodified(io, error);
    return fail(io, error);
  } finally {
    service.stop();
  }
}

interface CodifyCliOptions {
  readonly resource?: string;
  readonly field?: string;
  readonly layer?: LayerChoice;
  readonly branch?: string;
  readonly mode: CodifyMode;
  readonly provider?: (typeof PROVIDERS)[number];
  /** The forge's API base for `provider`: `--api-url`, else GITHUB_API_URL / GITLAB_API_URL (never a repository file). */
  readonly apiUrl?: string;
  readonly dryRun: boolean;
  readonly timeoutSeconds: number;
}

function readOptions(args: ParsedArgs, processEnv: NodeJS.ProcessEnv): CodifyCliOptions {
  if (args.positionals.length > 1) throw new UsageError('codify takes one repository path');
  const value = (name: string) => {
    const v = args.options.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const timeoutSeconds = Number(value('timeout') ?? 30);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError('--timeout must be a number of seconds');
  const layer = value('layer');
  if (layer !== undefined && !LAYERS.includes(layer)) throw new UsageError(`--layer must be one of ${LAYERS.join(', ')}`);
  const provider = value('pr');
  if (provider !== undefined && !(PROVIDERS as readonly string[]).includes(provider)) throw new UsageError(`--pr must be one of ${PROVIDERS.join(', ')}`);
  const branch = value('branch');
  if (branch !== undefined && !isValidBranchName(branch)) throw new UsageError(`--branch '${branch}' is not a valid branch name`);
  const resource = value('resource');
  if (resource !== undefined && !/^[^/\s]+\/([^/\s]*\/)?[^/\s]+$/.test(resource)) throw new UsageError('--resource must be KIND/NAMESPACE/NAME (or KIND/NAME for a cluster-scoped kind)');
  const field = value('field');
  const apiUrl = value('api-url') ?? (provider === 'github' ? processEnv.GITHUB_API_URL : provider === 'gitlab' ? processEnv.GITLAB_API_URL : undefined);
  if (value('api-url') !== undefined && provider === undefined) throw new UsageError('--api-url needs --pr github|gitlab');
  const apiProblem = apiUrl ? apiBaseProblem(apiUrl) : undefined;
  if (apiProblem) throw new UsageError(`${value('api-url') !== undefined ? '--api-url' : `${provider === 'github' ? 'GITHUB' : 'GITLAB'}_API_URL`}: ${apiProblem}`);
  return {
    ...(resource ? { resource } : {}),
    ...(field ? { field } : {}),
    ...(layer ? { layer: layer as LayerChoice } : {}),
    ...(branch ? { branch } : {}),
    mode: provider ? 'branch+push+pr' : args.options.has('push') ? 'branch+push' : 'commit',
    ...(provider ? { provider: provider as (typeof PROVIDERS)[number] } : {}),
    ...(apiUrl ? { apiUrl } : {}),
    dryRun: args.options.has('dry-run'),
    timeoutSeconds,
  };
}

/** Drifted resources, or the one `--resource` names (a UsageError when the environment has no such resource). */
function selectResources(results: readonly ResourceDrift[], resource: string | undefined): ResourceDrift[] {
  if (resource === undefined) return results.filter((r) => r.status === DriftStatus.Drifted);
  const parts = resource.split('/');
  const [kind, namespace, name] = parts.length === 2 ? [parts[0], '', parts[1]] : parts;
  const found = results.filter((r) => r.key.kind.toLowerCase() === kind?.toLowerCase() && r.key.namespace === namespace && r.key.name === name);
  if (found.length === 0) throw new UsageError(`no resource ${resource} in this environment (see: gitops-authoring drift)`);
  const unknown = found.find((r) => r.status === DriftStatus.Unknown);
  if (unknown) throw new Error(`${resource} cannot be compared now: ${unknown.reason ?? 'Unknown'}`);
  return found.filter((r) => r.status === DriftStatus.Drifted);
}

function planResources(service: LiveDriftService, candidates: readonly ResourceDrift[], options: CodifyCliOptions): { plans: ResourcePlan[]; refusals: string[] } {
  const plans: ResourcePlan[] = [];
  const refusals: string[] = [];
  for (const drift of candidates) {
    const fields = options.field ? [options.field] : undefined;
    if (fields && !drift.fields.some((f) => f.path === options.field)) {
      refusals.push(`${displayName(drift)}: no drifted field ${options.field} (drifted: ${drift.fields.map((f) => f.path).join(', ')})`);
      continue;
    }
    const outcome: PlanOutcome = planCodifyFromDrift(service, resourceKeyId(drift.key), { ...(fields ? { fields } : {}), ...(options.layer ? { layer: options.layer } : {}) });
    if (outcome.kind === 'refused') refusals.push(`${displayName(drift)}: ${outcome.reason}`);
    else if (outcome.kind === 'choose-layer') refusals.push(`${displayName(drift)}: ${outcome.question} (shared with ${outcome.sharedWith.join(', ')}): choose with --layer environment or --layer base`);
    else if (outcome.plan.files.length === 0) refusals.push(`${displayName(drift)}: nothing could be planned: ${outcome.plan.refused.map((r) => `${r.path}: ${r.reason}`).join('; ')}`);
    else plans.push({ drift, plan: outcome.plan });
  }
  return { plans, refusals };
}

function displayName(drift: ResourceDrift): string {
  return `${drift.key.kind} ${drift.key.namespace ? `${drift.key.namespace}/` : ''}${drift.key.name}`;
}

function report(io: DriftCliIo, result: CodifyResult): number {
  const { commit } = result;
  io.stdout(`Wrote ${result.changes.map((c) => c.path).join(', ')}; committed ${commit.commit.slice(0, 12)} on branch ${commit.branch} (from ${commit.baseBranch}).\n`);
  if (commit.pushed && commit.remote) io.stdout(`Pushed ${commit.branch} to ${commit.remote.name}.\n`);
  const pr = result.pullRequest;
  if (!pr) return 1;
  if (pr.kind === 'opened') {
    io.stdout(pr.existed ? `A pull request for ${commit.branch} was already open${pr.url ? `: ${pr.url}` : ''}.\n` : `Opened pull request${pr.number !== undefined ? ` #${pr.number}` : ''}: ${pr.url ?? ''}\n`);
    return 1;
  }
  if (pr.kind === 'compare') {
    io.stdout(`Open the pull request in a browser (${pr.reason}): ${pr.url}\n`);
    return 1;
  }
  if (pr.kind === 'unavailable') {
    io.stderr(`gitops-authoring codify: no pull request: ${pr.reason}\n`);
    return 2;
  }
  io.stderr(`gitops-authoring codify: the pull request could not be opened: ${pr.message}${pr.compareUrl ? `; open it in a browser: ${pr.compareUrl}` : ''}\n`);
  return 2;
}

/** The branch named by the drift's hash exists: this very drift was codified before and waits for review. */
function alreadyCodified(io: DriftCliIo, error: GitRefusal): number {
  const branch = /branch named (\S+?):? /.exec(`${error.message} `)?.[1]?.replace(/[.:]$/, '') ?? 'its branch';
  const remote = /^(\S+) already has a branch named/.exec(error.message)?.[1];
  io.stderr(`gitops-authoring codify: refused: this drift (the same resources, fields and live values) was already codified on branch ${branch}${remote ? ` on ${remote}` : ''}: review or merge the pull request opened from ${branch}, or delete the branch to codify it again.\n`);
  return 2;
}

function fail(io: DriftCliIo, error: unknown): number {
  const prefix = error instanceof GitRefusal ? 'refused: ' : error instanceof PlanApplyError ? 'not written: ' : '';
  io.stderr(`gitops-authoring codify: ${prefix}${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
}
