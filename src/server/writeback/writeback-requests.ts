// The write-back requests (docs/lsp-extensions.md): plan from the running drift service of an environment,
// check Git before the extension applies the edit, then commit on a new branch, push and open a pull
// request. Every failure is an answer with a reason a person can act on; nothing here throws into the
// connection, and no token is ever logged.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { DriftService } from '../../adapters/drift/drift-service-api.js';
import { GitRefusal } from '../../adapters/git/git-writeback-api.js';
import { CONFIG_FILE_NAME } from '../../core/config/lint-config.js';
import { readConfigFileText } from '../../core/config/read-config-file.js';
import { isRecord } from '../../core/resource/manifest-resource.js';
import { parseWriteBackSettings } from '../../core/writeback/write-back-settings.js';
import { driftHashOf } from '../../core/writeback/drift-hash.js';
import type { PlanOutcome } from '../../core/edit/edit-plan.js';
import { formatResourceKey } from '../../core/resource/resource-key.js';
import {
  writeBackCommitRequest,
  writeBackPlanRequest,
  writeBackPreflightRequest,
  type WriteBackCommitParams,
  type WriteBackCommitResult,
  type WriteBackFileText,
  type WriteBackPlanParams,
  type WriteBackPlanResult,
  type WriteBackPreflightResult,
  type WriteBackRefusal,
  type WriteBackSubject,
} from '../../protocol/writeback-messages.js';
import type { DriftCoordinator } from '../drift/drift-coordinator.js';
import type { EnvironmentDrift } from '../drift/environment-drift.js';
import { parseResourceKeyId } from '../drift/environment-drift.js';
import type { WorkspaceFolder } from '../workspace-folder.js';
import type { WorkspaceSource } from '../workspace-source.js';
import { mergePlanOutcomes } from '../../core/writeback/merge-plan-outcomes.js';
import type { WriteBackBackend } from './writeback-backend.js';

export interface WriteBackRequestsOptions {
  readonly connection: Connection;
  readonly backend: WriteBackBackend | undefined;
  readonly drift: DriftCoordinator;
  readonly folders: () => readonly WorkspaceFolder[];
  readonly source: WorkspaceSource;
  readonly ready: Promise<void>;
  readonly log: (message: string) => void;
}

const UNAVAILABLE = 'This language server was built without write-back (no Git adapter): update the extension.';

export function registerWriteBackRequests(options: WriteBackRequestsOptions): void {
  const { connection } = options;
  connection.onRequest(writeBackPlanRequest, async (params) => {
    await options.ready;
    return planSafely(options, params);
  });
  connection.onRequest(writeBackPreflightRequest, async (params): Promise<WriteBackPreflightResult> => {
    await options.ready;
    const root = rootOf(options, params.folderUri);
    if (!options.backend) return refusal('unavailable', UNAVAILABLE);
    if (!root) return refusal('not-a-repository', `${params.folderUri} is not a folder of this workspace.`);
    try {
      const newBranch = options.backend.branchName(params.branchTemplate || repositoryBranchTemplate(options, root), params.subject);
      const result = await options.backend.preflight({ root, files: params.files, branch: newBranch, push: params.mode !== 'commit' });
      return { kind: 'ok', branch: result.branch, newBranch, ...(result.remote ? { remote: result.remote } : {}) };
    } catch (error) {
      return refusalOf(error, options.log, 'preflight');
    }
  });
  connection.onRequest(writeBackCommitRequest, async (params) => {
    await options.ready;
    return commitSafely(options, params);
  });
}

async function planSafely(options: WriteBackRequestsOptions, params: WriteBackPlanParams): Promise<WriteBackPlanResult> {
  const located = options.drift.locate(params.environmentId);
  const environment = located?.environment;
  const subject: WriteBackSubject = { ...subjectOf(params.resourceId), environment: environment?.name ?? '' };
  const refused = (reason: string): WriteBackPlanResult => ({ outcome: { kind: 'refused', reason }, folderUri: located?.folder.root ? pathToFileURL(located.folder.root).href : '', files: [], subject });
  if (!located || !environment) return refused('That environment is no longer known: refresh the Drift view and try again.');
  if (!options.backend) return refused(UNAVAILABLE);
  const source = environment.writeBackSource();
  if (!source) return refused(`Drift is not running for ${nameOf(environment)}: open the Drift view (write-back plans from the live state), wait until it is Connected, and try again.`);
  if (params.intent && !params.resourceId) return refused('Scale, Set Image and Edit Field act on one resource: pick one in the Drift view.');
  const ids = params.resourceId ? [params.resourceId] : source.driftedIds;
  const backend = options.backend;
  const outcomes = [];
  for (const id of ids) {
    const layer = params.layer ? { layer: params.layer } : {};
    let outcome: PlanOutcome;
    try {
      outcome = params.intent
        ? await backend.planIntent(source.service, id, { path: params.intent.path, value: params.intent.value, intent: params.intent.kind, ...layer })
        : await backend.planCodify(source.service, id, { ...(params.fields ? { fields: params.fields } : {}), ...layer });
    } catch (error) {
      options.log(`write-back: planning ${id} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      outcome = { kind: 'refused', reason: `planning failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    outcomes.push({ label: labelOf(id), outcome });
  }
  const outcome = mergePlanOutcomes(outcomes, environment.name);
  const folder = located.folder;
  const root = folder.root;
  if (!root) return refused('Write-back needs a workspace folder on disk.');
  const result = { outcome, folderUri: pathToFileURL(root).href, files: [] as WriteBackFileText[], subject: { ...subject, context: source.context } };
  if (outcome.kind !== 'plan') return result;
  const field = lastKeyOf(outcome.plan.fields[0]?.path);
  if (field) result.subject = { ...result.subject, field };
  // The same drift planned again names the same branch (`{hash}`): no second pull request for it.
  result.subject = { ...result.subject, hash: driftHashOf([{ resourceId: [...ids].sort().join(' '), fields: outcome.plan.fields.map((f) => ({ path: `${f.file}:${f.path}`, value: f.to })) }]) };
  const files: WriteBackFileText[] = [];
  for (const file of outcome.plan.files) {
    // The text the plan's offsets refer to: the drift service's index (it lags a save until drift catches
    // up), so the extension's stale check refuses rather than apply edits at shifted offsets.
    const text = file.create ? '' : plannedTextOf(source.service, ids, file.path) ?? folder.state.getOpen(file.path)?.file.text ?? options.source.readText(root, file.path);
    if (text === undefined) return refused(`${file.path} could not be read: the plan cannot be shown. Refresh the Drift view and try again.`);
    files.push({ path: file.path, uri: folder.uriOf(file.path), text });
  }
  return { ...result, files };
}

async function commitSafely(options: WriteBackRequestsOptions, params: WriteBackCommitParams): Promise<WriteBackCommitResult> {
  const backend = options.backend;
  if (!backend) return refusal('unavailable', UNAVAILABLE);
  const root = rootOf(options, params.folderUri);
  if (!root) return refusal('not-a-repository', `${params.folderUri} is not a folder of this workspace.`);
  let committed;
  try {
    committed = await backend.commit({ root, files: params.files, branch: params.branch, message: params.message, push: params.mode !== 'commit' });
  } catch (error) {
    return refusalOf(error, options.log, 'commit');
  }
  const result = {
    kind: 'committed' as const,
    branch: committed.branch,
    baseBranch: committed.baseBranch,
    commit: committed.commit,
    pushed: committed.pushed,
    ...(committed.remote ? { remote: committed.remote } : {}),
  };
  // The extension host opens the pull request (mode branch+push+pr) with its own token: none comes here.
  return result;
}

/** The file's text in the index the plans were made from (every resource of one service shares it). */
function plannedTextOf(service: DriftService, ids: readonly string[], path: string): string | undefined {
  for (const id of ids) {
    const text = service.desiredOf(id)?.index.files.get(path)?.text;
    if (text !== undefined) return text;
  }
  return undefined;
}

/** `writeBack.branchTemplate` of the repository's `.gitops-authoring.yaml`, else the default. */
function repositoryBranchTemplate(options: WriteBackRequestsOptions, root: string): string {
  const text = options.source.readText(root, CONFIG_FILE_NAME);
  const read = text === undefined ? undefined : readConfigFileText(CONFIG_FILE_NAME, text);
  const section = read && !('problem' in read) && isRecord(read.value) ? read.value.writeBack : undefined;
  return parseWriteBackSettings(section).branchTemplate;
}

/** The workspace folder root the URI names (never a directory outside the workspace). */
function rootOf(options: WriteBackRequestsOptions, folderUri: string): string | undefined {
  if (!folderUri.startsWith('file:')) return undefined;
  const path = fileURLToPath(folderUri);
  return options.folders().find((f) => f.root !== undefined && (f.root === path || pathToFileURL(f.root).href === folderUri))?.root;
}

function refusal(reason: string, message: string): WriteBackRefusal {
  return { kind: 'refused', reason, message };
}

function refusalOf(error: unknown, log: (message: string) => void, what: string): WriteBackRefusal {
  if (error instanceof GitRefusal || (error instanceof Error && error.name === 'GitRefusal' && 'reason' in error)) return refusal(String((error as GitRefusal).reason), error.message);
  log(`write-back: ${what} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  return refusal('error', `${what} failed: ${error instanceof Error ? error.message : String(error)}`);
}

function subjectOf(resourceId: string | undefined): Omit<WriteBackSubject, 'environment'> {
  const key = resourceId ? parseResourceKeyId(resourceId) : undefined;
  return key ? { kind: key.kind, ...(key.namespace ? { namespace: key.namespace } : {}), name: key.name } : {};
}

/** `.spec.template.spec.containers[name="api"].image` → `image`. */
function lastKeyOf(path: string | undefined): string | undefined {
  return path ? /\.([A-Za-z_][A-Za-z0-9_]*)(?:\[[^\]]*\])*$/.exec(path)?.[1] : undefined;
}

function labelOf(resourceId: string): string {
  const key = parseResourceKeyId(resourceId);
  return key ? formatResourceKey(key) : resourceId;
}

function nameOf(environment: EnvironmentDrift): string {
  return environment.name ? `environment ${environment.name}` : 'this repository';
}
