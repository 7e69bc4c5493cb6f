import { isRecord, type KubeObject } from '../resource/manifest-resource.js';
import { formatResourceKey, resourceKeyId, type ResourceKey } from '../resource/resource-key.js';
import { diffAddedLive } from './diff-added-live.js';
import { diffDeclared } from './diff-declared.js';
import { diffRemoved } from './diff-removed.js';
import { DriftStatus, DriftStrategy, FieldChange, type FieldDrift, type PathSegment, type ResourceDrift, type SourceLocation } from './drift-types.js';
import { formatFieldPath, isPointerPrefix, toJsonPointer } from './field-path.js';
import { resolvePath } from './resolve-path.js';
import { ruleTargets, type IgnoreRule } from './ignore-rules.js';
import { hideServerDefaults } from './hide-server-defaults.js';
import { findOwner, ownsPath, readManagedFields, type ManagedFieldsEntry } from './managed-fields.js';
import { maskSecretField } from './mask-secrets.js';
import { alignServedVersion, normalizeDesired, normalizeLive, readLastApplied } from './normalize-object.js';
import { isPersonTool } from './person-tools.js';
import type { RawDiff } from './raw-diff.js';
import { DEFAULT_AGENT_MANAGERS, suggestAction } from './suggest-action.js';

/** An object Git declares, with its identity resolved (namespace filled in) and a way back to its source. */
export interface DesiredObject {
  readonly key: ResourceKey;
  readonly object: KubeObject;
  /** Where the object is declared. */
  readonly source?: SourceLocation;
  /** Source of the value at a path of `object` (Git's list indexes); the nearest parent when not set itself. */
  locate?(path: readonly (string | number)[]): SourceLocation | undefined;
  /** For kustomize generator output (`app-config-5f7b9c8d2k`): the name before the content hash. */
  readonly generatorBaseName?: string;
  /** For kustomize output: where the object came from (write-back plans its edit in the right layer from it). */
  readonly origin?: KustomizeOrigin;
}

/** Kustomize's build metadata for one rendered object, repository-relative. */
export interface KustomizeOrigin {
  /** The kustomization directory that was rendered (the environment's root). */
  readonly root?: string;
  /** The file that declares the object. */
  readonly originPath?: string;
  /** The kustomization whose generator made it. */
  readonly generatedBy?: string;
  /** Kustomization files whose transformers changed it, innermost first. */
  readonly transformedIn: readonly string[];
}

export interface DriftOptions {
  readonly ignoreRules?: readonly IgnoreRule[];
  /** Field managers of the GitOps agent (their Apply entries give the three-way base). */
  readonly agentManagers?: readonly string[];
  /** resourceKeyId()s of objects a HorizontalPodAutoscaler scales. */
  readonly hpaTargets?: ReadonlySet<string>;
  readonly strategy?: DriftStrategy;
  /** Field managers to count as a person's tools besides the built-in list (person-tools.ts). */
  readonly personTools?: readonly string[];
  /** Labels and annotations a person added live count as drift (else they are listed, not counted). */
  readonly countLiveOnlyMetadata?: boolean;
}

/** Compares one desired object with its live counterpart (either may be absent). Never throws. */
export function computeResourceDrift(desired: DesiredObject | undefined, live: KubeObject | undefined, options: DriftOptions = {}): ResourceDrift {
  const key = desired?.key ?? keyOfLive(live);
  const base = {
    key, id: formatResourceKey(key), strategy: options.strategy ?? DriftStrategy.Normalized,
    ...(desired?.source ? { source: desired.source } : {}),
    ...(desired || live ? { apiVersion: (desired?.object ?? live)?.apiVersion } : {}),
  };
  if (!desired && !live) return { ...base, status: DriftStatus.Unknown, reason: 'neither in Git nor live', fields: [], ignoredFields: 0 };
  if (!desired) return { ...base, status: DriftStatus.Orphan, reason: 'live, marked as deployed by GitOps, but not in Git', fields: [], ignoredFields: 0 };
  if (!live) return { ...base, status: DriftStatus.Missing, reason: 'in Git, not in the cluster', fields: [], ignoredFields: 0 };

  try {
    return compare(desired, live, options, base);
  } catch (error) {
    return { ...base, status: DriftStatus.Unknown, reason: `comparison failed: ${error instanceof Error ? error.message : String(error)}`, fields: [], ignoredFields: 0 };
  }
}

type ResultBase = Omit<ResourceDrift, 'status' | 'fields' | 'ignoredFields'>;

function compare(desired: DesiredObject, live: KubeObject, options: DriftOptions, base: ResultBase): ResourceDrift {
  const { key } = desired;
  const git = normalizeDesired(desired.object, key.namespace);
  const liveNorm = normalizeLive(live);
  alignServedVersion(git, liveNorm);
  const agentManagers = options.agentManagers ?? DEFAULT_AGENT_MANAGERS;
  const agentEntries = readManagedFields(live).filter((e) => agentManagers.includes(e.manager));
  const raw: RawDiff[] = [
    ...diffDeclared(key.group, key.kind, git, liveNorm),
    ...diffRemoved(key.group, key.kind, git, liveNorm, gitsLastApplied(live, agentManagers), agentEntries),
  ];
  return finish(desired, git, live, liveNorm, raw, options, base);
}

/**
 * Exact strategy: `dryRun` is the object as the server would store it after applying Git now (server-side
 * dry-run apply). Every difference between it and live is drift: no defaults table, no three-way guesses.
 */
export function computeExactResourceDrift(desired: DesiredObject, dryRun: KubeObject, live: KubeObject, options: DriftOptions = {}): ResourceDrift {
  const { key } = desired;
  const base: ResultBase = { key, id: formatResourceKey(key), strategy: DriftStrategy.ServerDryRun, apiVersion: desired.object.apiVersion, ...(desired.source ? { source: desired.source } : {}) };
  try {
    const wanted = normalizeLive(dryRun);
    const liveNorm = normalizeLive(live);
    const raw: RawDiff[] = [...diffDeclared(key.group, key.kind, wanted, liveNorm)];
    // What live has and the applied result would not: removed by the apply (Git dropped it).
    for (const d of diffDeclared(key.group, key.kind, liveNorm, wanted)) {
      if (d.change !== FieldChange.MissingLive) continue;
      raw.push({ segments: d.segments, ...(d.gitPath ? { livePath: d.gitPath } : {}), keyPath: d.keyPath, change: FieldChange.RemovedFromGit, liveValue: d.gitValue });
    }
    // Paths found in the dry-run result index its lists; the source is found in the Git object by keys.
    const git = normalizeDesired(desired.object, key.namespace);
    const byKeys = raw.map((d) => ({ ...d, gitPath: d.gitPath ? resolvePath(git, d.segments)?.path : undefined }));
    return finish(desired, git, live, liveNorm, byKeys, options, base);
  } catch (error) {
    return { ...base, status: DriftStatus.Unknown, reason: `comparison failed: ${error instanceof Error ? error.message : String(error)}`, fields: [], ignoredFields: 0 };
  }
}

function finish(desired: DesiredObject, git: Record<string, unknown>, live: KubeObject, liveNorm: Record<string, unknown>, raw: readonly RawDiff[], options: DriftOptions, base: ResultBase): ResourceDrift {
  const { key } = desired;
  const managed = readManagedFields(live);
  const agentManagers = options.agentManagers ?? DEFAULT_AGENT_MANAGERS;
  const isPerson = (manager: string) => isPersonTool(manager, options.personTools, agentManagers);

  const labels = readLabels(live);
  const rules = (options.ignoreRules ?? []).filter((r) => ruleTargets(r, key, labels));
  const ignoredPointers = rules.flatMap((r) => [...r.pointers, ...r.jq.flatMap((q) => [...q.evaluate(liveNorm), ...q.evaluate(git)].map((p) => p.map(String)))]);
  const ignoredManagers = new Set(rules.flatMap((r) => r.managers));
  const scaled = options.hpaTargets?.has(resourceKeyId(key)) ?? false;

  let withoutDefaults: Record<string, unknown> | undefined;
  // Without a GitOps agent's entry, `kubectl apply` is what deploys Git: the defaults the server filled in
  // when it applied are its fields, not a person's additions (what it applied beyond Git is three-way drift).
  const deployedByKubectlApply = !managed.some((e) => agentManagers.includes(e.manager)) && readLastApplied(live) !== undefined;
  const added = diffAddedLive({
    group: key.group, kind: key.kind, git, live: liveNorm, known: raw,
    entries: deployedByKubectlApply ? managed.filter((e) => e.manager !== 'kubectl-client-side-apply') : managed,
    isPerson,
    liveWithoutDefaults: () => (withoutDefaults ??= hideServerDefaults(key.group, key.kind, liveNorm, git)),
  });
  const removal = removalWitness(managed, live, liveNorm, agentManagers, isPerson);

  const toField = (d: RawDiff): FieldDrift | undefined => {
    const attribution = d.change === FieldChange.MissingLive ? undefined : findOwner(managed, d.segments, liveNorm);
    const pointerPath = (d.livePath ?? d.gitPath ?? []).map(String);
    const gitPointer = d.gitPath?.map(String);
    const hitByPointer = ignoredPointers.some((p) => isPointerPrefix(p, pointerPath) || (gitPointer !== undefined && isPointerPrefix(p, gitPointer)));
    if (hitByPointer || (attribution && ignoredManagers.has(attribution.manager))) return undefined;
    const isReplicas = pointerPath.length === 2 && pointerPath[0] === 'spec' && pointerPath[1] === 'replicas';
    const removedBy = d.change === FieldChange.MissingLive ? removal(d.segments) : undefined;
    const { action, reason } = suggestAction({
      change: d.change, scaledByHpa: scaled && isReplicas, agentManagers,
      ...(options.personTools ? { personTools: options.personTools } : {}),
      ...(attribution ? { attribution } : {}),
      ...(removedBy !== undefined ? { removedBy } : {}),
    });
    const source = desired.locate?.(d.gitPath ?? nearestGitPath(git, d)) ?? desired.source;
    return maskSecretField(key, {
      path: formatFieldPath(d.segments),
      pointer: toJsonPointer(d.livePath ?? d.gitPath ?? []),
      segments: d.segments,
      change: d.change,
      ...(d.gitValue !== undefined ? { gitValue: d.gitValue } : {}),
      ...(d.liveValue !== undefined ? { liveValue: d.liveValue } : {}),
      ...(d.gitDefault !== undefined ? { gitDefault: d.gitDefault } : {}),
      ...(source ? { source } : {}),
      ...(attribution ? { attribution } : {}),
      suggestedAction: action,
      actionReason: reason,
    });
  };

  const counted = [...raw, ...added.fields, ...(options.countLiveOnlyMetadata ? added.metadata : [])];
  const fields: FieldDrift[] = [];
  let ignored = 0;
  for (const d of counted) {
    const field = toField(d);
    if (field) fields.push(field);
    else ignored++;
  }
  const listed = options.countLiveOnlyMetadata ? [] : added.metadata.flatMap((d) => toField(d) ?? []);
  const metadata = listed.length > 0 ? { liveOnlyMetadata: listed.map((f) => ({ ...f, actionReason: `${f.actionReason} (live-only metadata: not counted as drift)` })) } : {};
  if (fields.length === 0) return { ...base, status: DriftStatus.Synced, fields, ignoredFields: ignored, ...metadata };
  const first = fields[0] as FieldDrift;
  const more = fields.length > 1 ? ` and ${fields.length - 1} more` : '';
  const what = first.change === FieldChange.AddedLive ? 'added live' : first.change === FieldChange.ChangedDefault ? 'changed from its default' : 'differs';
  return { ...base, status: DriftStatus.Drifted, reason: `${first.path} ${what}${more}`, fields, ignoredFields: ignored, ...metadata };
}

/**
 * For a field Git sets and live lacks: undefined when Git's value was never applied (Git changed since the
 * last sync), '' when it was applied and then removed live by someone managedFields does not record (a
 * removal leaves no owner), or the one person's tool that wrote to the object after the last sync.
 */
function removalWitness(entries: readonly ManagedFieldsEntry[], live: KubeObject, liveNorm: unknown, agentManagers: readonly string[], isPerson: (m: string) => boolean) {
  const lastApplied = gitsLastApplied(live, agentManagers);
  const deployers = entries.filter((e) => e.subresource !== 'status' && (agentManagers.includes(e.manager) || (lastApplied !== undefined && e.manager === 'kubectl-client-side-apply')));
  const lastDeploy = deployers.reduce((t, e) => ((e.time ?? '') > t ? (e.time ?? '') : t), '');
  const after = entries.filter((e) => e.subresource !== 'status' && e.operation === 'Update' && !deployers.includes(e) && isPerson(e.manager) && (e.time ?? '') >= lastDeploy);
  const suspect = after.length === 1 ? (after[0] as ManagedFieldsEntry).manager : '';
  const appliers = deployers.filter((e) => e.operation === 'Apply');
  return (segments: readonly PathSegment[]): string | undefined => {
    const applied = (lastApplied !== undefined && resolvePath(lastApplied, segments) !== undefined) || appliers.some((e) => ownsPath(e.fieldsV1, segments, liveNorm));
    return applied ? suspect : undefined;
  };
}

const LAST_APPLIED_FIELD = 'f:kubectl.kubernetes.io/last-applied-configuration';

/**
 * The last-applied annotation when it records what Git deployed: written by the GitOps agent (Argo CD's
 * client-side apply), or by `kubectl apply` on an object no agent deploys. A person's `kubectl apply` over an
 * object the agent deploys writes it too; then it says what that person applied, not what Git used to
 * declare, and is no three-way base (its extra fields are people's additions, found through managedFields).
 */
function gitsLastApplied(live: KubeObject, agentManagers: readonly string[]): unknown {
  const lastApplied = readLastApplied(live);
  const entries = readManagedFields(live);
  if (lastApplied === undefined || !entries.some((e) => agentManagers.includes(e.manager))) return lastApplied;
  const owners = entries.filter((e) => e.fieldsV1?.['f:metadata']?.['f:annotations']?.[LAST_APPLIED_FIELD] !== undefined);
  return owners.some((e) => agentManagers.includes(e.manager)) ? lastApplied : undefined;
}

/** For a field Git no longer sets: the deepest parent Git still has (list items matched by key). */
function nearestGitPath(git: unknown, d: RawDiff): (string | number)[] {
  for (let n = d.segments.length - 1; n > 0; n--) {
    const found = resolvePath(git, d.segments.slice(0, n));
    if (found) return found.path;
  }
  return [];
}

function readLabels(object: unknown): Record<string, string> {
  const metadata = isRecord(object) && isRecord(object.metadata) ? object.metadata : undefined;
  const labels = isRecord(metadata?.labels) ? metadata.labels : {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function keyOfLive(live: KubeObject | undefined): ResourceKey {
  const metadata = isRecord(live?.metadata) ? live.metadata : {};
  const apiVersion = live?.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  return {
    group: slash === -1 ? '' : apiVersion.slice(0, slash),
    kind: live?.kind ?? '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
    name: typeof metadata.name === 'string' ? metadata.name : '',
  };
}

