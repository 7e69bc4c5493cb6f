import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config/lint-config.js';
import { readConfigFileText } from '../core/config/read-config-file.js';
import { countByStatus } from '../core/drift/compute-drift.js';
import { describeFieldChange, showPlain } from '../core/drift/describe-field-change.js';
import { DRIFT_STATUSES, DriftStatus, FieldChange, type FieldDrift, type ResourceDrift } from '../core/drift/drift-types.js';
import type { UnmanagedObject } from '../core/drift/unmanaged-objects.js';
import { detectEnvironments } from '../core/environments/detect-environments.js';
import { parseDriftSettings, withDriftSettings, type DriftSettings } from '../core/environments/drift-settings.js';
import type { Environment } from '../core/environments/environment.js';
import type { WorkspaceIndex } from '../core/workspace/workspace-index.js';
import { isRecord } from '../core/resource/manifest-resource.js';
import { loadWorkspace } from '../adapters/fs/load-workspace.js';
import { ClusterAccessError, ClusterStatus } from '../adapters/kube/cluster-status.js';
import { createDriftService, type LiveDriftService } from '../adapters/drift/drift-service.js';
import { DriftServiceError } from '../adapters/drift/drift-service-api.js';
import type { CliIo } from './lint-command.js';
import { UsageError, type ParsedArgs } from './parse-args.js';

const FORMATS = ['text', 'json'] as const;

export interface DriftCliIo extends CliIo {
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * `drift [repo-path] [--context C | --env NAME] [--kubeconfig F] [--format text|json]`: exit 0 when every
 * resource is Synced, 1 when any is Drifted/Missing/Orphan, 2 when anything is Unknown or the run failed
 * (cluster unreachable, unauthorized, kustomize missing) — never "in sync" by default.
 */
export async function runDrift(args: ParsedArgs, io: DriftCliIo): Promise<number> {
  const format = (args.options.get('format') ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for drift`);
  if (args.positionals.length > 1) throw new UsageError('drift takes one repository path');
  const timeoutSeconds = Number(args.options.get('timeout') ?? 30);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError('--timeout must be a number of seconds');
  const root = resolve(args.positionals[0] ?? '.');
  const workspace = loadWorkspace(root);
  const settings = readSettings(args.options.get('settings'), root);
  for (const p of settings.problems) io.stderr(`gitops-authoring drift: settings: ${p}\n`);
  const { env, withRules } = chooseEnvironment(args, workspace.index.resources, settings, io, 'drift');
  let service: LiveDriftService;
  try {
    service = await startCliDriftService(args, root, workspace.index, withRules, io.env, timeoutSeconds);
  } catch (error) {
    return fail(io, format, error, error instanceof DriftServiceError ? error.problem.context : undefined, env);
  }
  try {
    const clusterFailure = await waitForCluster(service, timeoutSeconds);
    if (clusterFailure) return fail(io, format, clusterFailure, service.context, env);
    let results = service.results();
    if (args.options.has('exact')) {
      // Apply as the environment's agent would (its field manager), so ownership comes out as it would.
      results = await service.exactResults(env?.agentManagers[0] ?? 'gitops-authoring');
    }
    const unmanaged = args.options.has('unmanaged') || settings.listUnmanaged ? { unmanaged: service.unmanaged() } : {};
    print(io, format, results, { context: service.context, env, clusterStatus: service.status, ...unmanaged });
    return exitCode(results);
  } catch (error) {
    return fail(io, format, error, service.context, env);
  } finally {
    service.stop();
  }
}

/**
 * The environment named by `--env` (a UsageError when there is none of that name), and the one the drift
 * service compares: it, with the settings' ignore rules added (or only those rules, without an environment).
 */
export function chooseEnvironment(args: ParsedArgs, resources: Parameters<typeof detectEnvironments>[0], settings: DriftSettings, io: CliIo, command: string): { env: Environment | undefined; withRules: Environment | undefined } {
  const environments = detectEnvironments(resources, settings.environments);
  const envName = args.options.get('env') as string | undefined;
  const env = envName ? environments.find((e) => e.name === envName) : undefined;
  if (envName && !env) throw new UsageError(`no environment '${envName}' (found: ${environments.map((e) => e.name).join(', ') || 'none'})`);
  if (!env && environments.length > 0) {
    io.stderr(`gitops-authoring ${command}: comparing the whole repository; its environments are ${environments.map((e) => `${e.name} (${e.path || '.'})`).join(', ')} — choose one with --env NAME\n`);
  }
  const withRules = withDriftSettings(env, settings);
  return { env, withRules };
}

/** The drift service the command line describes (`--kubeconfig`, `--context`, `--timeout`). */
export function startCliDriftService(args: ParsedArgs, root: string, index: WorkspaceIndex, env: Environment | undefined, processEnv: NodeJS.ProcessEnv | undefined, timeoutSeconds: number): Promise<LiveDriftService> {
  return createDriftService({
    root,
    index,
    ...(env ? { env } : {}),
    ...(typeof args.options.get('kubeconfig') === 'string' ? { kubeconfig: args.options.get('kubeconfig') as string } : {}),
    ...(typeof args.options.get('context') === 'string' ? { context: args.options.get('context') as string } : {}),
    ...(processEnv ? { processEnv } : {}),
    requestTimeoutMs: Math.min(timeoutSeconds * 1000, 30_000),
  });
}

/** Waits for the informers; answers a whole-cluster failure (unreachable, unauthorized) to report, else undefined. */
export async function waitForCluster(service: LiveDriftService, timeoutSeconds: number): Promise<ClusterAccessError | undefined> {
  try {
    await service.whenSynced(timeoutSeconds * 1000);
  } catch (error) {
    // Unsynced kinds are Unknown in the results; a whole-cluster failure is reported as the error it is.
    if (error instanceof ClusterAccessError && (error.status === ClusterStatus.Unreachable || error.status === ClusterStatus.Unauthorized)) return error;
  }
  return undefined;
}

/** The repository's `.gitops-authoring.yaml` as a mapping; undefined when there is none. */
export function readRepositoryConfig(root: string): Record<string, unknown> | undefined {
  const repoConfig = join(root, CONFIG_FILE_NAME);
  if (!existsSync(repoConfig)) return undefined;
  const read = readConfigFileText(CONFIG_FILE_NAME, readFileSync(repoConfig, 'utf8'));
  if ('problem' in read) throw new UsageError(`${repoConfig}: ${read.problem}`);
  return isRecord(read.value) ? read.value : undefined;
}

/** `--settings FILE` (the drift settings themselves), else the `drift:` section of the repository's config file. */
export function readSettings(path: string | true | undefined, root: string, repositoryConfig: () => Record<string, unknown> | undefined = () => readRepositoryConfig(root)): DriftSettings {
  if (typeof path !== 'string') return parseDriftSettings(repositoryConfig()?.drift);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--settings ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const read = readConfigFileText(path, text);
  if ('problem' in read) throw new UsageError(`--settings ${path}: ${read.problem}`);
  return parseDriftSettings(read.value);
}

export function exitCode(results: readonly ResourceDrift[]): number {
  if (results.some((r) => r.status === DriftStatus.Unknown)) return 2;
  if (results.some((r) => r.status !== DriftStatus.Synced)) return 1;
  return 0;
}

function fail(io: DriftCliIo, format: string, error: unknown, context: string | undefined, env: Environment | undefined): number {
  const message = error instanceof Error ? error.message : String(error);
  const access = error instanceof DriftServiceError ? error.cause : error;
  const status = error instanceof DriftServiceError ? error.problem.clusterStatus : error instanceof ClusterAccessError ? error.status : undefined;
  const installHint = access instanceof ClusterAccessError ? access.details.installHint : undefined;
  if (format === 'json') {
    io.stdout(JSON.stringify({ context, environment: env?.name, clusterStatus: status, error: message, ...(installHint ? { installHint } : {}), resources: [] }, null, 2) + '\n');
  }
  io.stderr(`gitops-authoring drift: ${status ? `${status}: ` : ''}${message}\n`);
  return 2;
}

interface RunInfo {
  readonly context: string;
  readonly env: Environment | undefined;
  readonly clusterStatus: ClusterStatus;
  /** Asked for (`--unmanaged`, `listUnmanaged`): live objects in the namespaces Git deploys to that nothing deploys. */
  readonly unmanaged?: readonly UnmanagedObject[];
}

function print(io: DriftCliIo, format: string, results: readonly ResourceDrift[], info: RunInfo): void {
  const counts = countByStatus(results);
  if (format === 'json') {
    io.stdout(JSON.stringify({
      context: info.context,
      ...(info.env ? { environment: info.env.name } : {}),
      clusterStatus: info.clusterStatus,
      summary: counts,
      resources: results.map((r) => ({
        ...r, fields: r.fields.map(({ segments: _s, ...f }) => f),
        ...(r.liveOnlyMetadata ? { liveOnlyMetadata: r.liveOnlyMetadata.map(({ segments: _s, ...f }) => f) } : {}),
      })),
      ...(info.unmanaged ? { unmanaged: info.unmanaged } : {}),
    }, null, 2) + '\n');
    return;
  }
  const lines: string[] = [];
  for (const r of results) {
    if (r.status === DriftStatus.Synced) continue;
    lines.push(`${r.status.padEnd(8)} ${r.id}${r.reason ? ` — ${r.reason}` : ''}${r.source ? `  (${r.source.path}:${r.source.range.start.line + 1})` : ''}`);
    for (const f of r.fields) lines.push(...formatField(f));
    for (const f of r.liveOnlyMetadata ?? []) lines.push(`           ${f.path}: live only (not counted): ${showPlain(f.liveValue)}${f.attribution ? ` — ${f.attribution.manager}` : ''}`);
    if (r.ignoredFields > 0) lines.push(`           (${r.ignoredFields} difference(s) ignored by rules)`);
  }
  for (const u of info.unmanaged ?? []) {
    const by = u.createdBy ? ` — created by ${u.createdBy.manager}${u.createdBy.time ? ` at ${u.createdBy.time}` : ''}` : '';
    lines.push(`${'Unmanaged'.padEnd(8)} ${u.id} — live in a namespace Git deploys to, not in Git, no GitOps mark (not counted)${by}`);
  }
  const summary = DRIFT_STATUSES.map((s) => `${counts[s]} ${s}`).join(', ');
  const strategies = [...new Set(results.map((r) => r.strategy))].join('+') || 'none';
  lines.push(`${results.length} resources — ${summary} (context ${info.context}${info.env ? `, environment ${info.env.name}` : ''}, cluster ${info.clusterStatus}, strategy ${strategies})`);
  io.stdout(lines.join('\n') + '\n');
}

function formatField(f: FieldDrift): string[] {
  const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));
  // A default and what a person added read as words (`(default: None) → live ClientIP`, `added live: DEBUG=1`).
  const values = f.change === FieldChange.AddedLive || f.change === FieldChange.ChangedDefault ? describeFieldChange(f) : describeFieldChange(f, show);
  const where = f.source ? `  [${f.source.path}:${f.source.range.start.line + 1}]` : '';
  const out = [`           ${f.path}: ${values}${where}`];
  const a = f.attribution;
  const who = a ? `by ${a.manager}${a.subresource ? ` (subresource ${a.subresource})` : ''} ${a.operation}${a.time ? ` at ${a.time}` : ''}; ` : '';
  out.push(`             ${who}suggest ${f.suggestedAction}: ${f.actionReason}`);
  return out;
}
