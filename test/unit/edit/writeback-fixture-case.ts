// One write-back case: test/fixtures/writeback/<case>/{repo/, live/, case.yaml, expected.diff}. The desired
// state is built as the drift service builds it (real kustomize for kustomizations, Flux postBuild applied),
// drift computed against live/, and the plan made exactly as planCodifyFromDrift/planIntentFromDrift do.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { buildDesiredState } from '../../../src/adapters/kustomize/build-desired-state.js';
import type { KustomizeAvailability } from '../../../src/adapters/kustomize/find-kustomize.js';
import { DriftPairing } from '../../../src/core/drift/drift-pairing.js';
import type { DesiredObject } from '../../../src/core/drift/compute-resource-drift.js';
import type { ResourceDrift } from '../../../src/core/drift/drift-types.js';
import type { EditPlan, LayerChoice, PlanOutcome } from '../../../src/core/edit/edit-plan.js';
import { planHelmValues } from '../../../src/core/edit/helm-values-edit.js';
import { planCodify } from '../../../src/core/edit/plan-codify.js';
import { planIntent } from '../../../src/core/edit/plan-intent.js';
import { detectEnvironments } from '../../../src/core/environments/detect-environments.js';
import type { Environment } from '../../../src/core/environments/environment.js';
import { applyFluxPostBuild } from '../../../src/core/environments/flux-substitute.js';
import { namespaceRulesFor } from '../../../src/core/environments/namespace-rules.js';
import type { KubeObject, ManifestResource } from '../../../src/core/resource/manifest-resource.js';
import { LineIndex } from '../../../src/core/text/line-index.js';
import type { WorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';

export const WRITEBACK_FIXTURES = join(process.cwd(), 'test/fixtures/writeback');

export interface WriteBackCase {
  readonly description: string;
  /** Another fixture repository to use instead of `repo/` (relative to the case), e.g. the demo repository. */
  readonly repo?: string;
  /** resourceKeyId of the drifted resource: `apps/Deployment/shop/api-server`. */
  readonly resource: string;
  /** Environment name (Flux / Argo CD detection); else `scope` is compared. */
  readonly environment?: string;
  readonly scope?: string;
  readonly fields?: readonly string[];
  readonly layer?: LayerChoice;
  /** An imperative intent instead of codifying drift. */
  readonly intent?: { readonly path: string; readonly value: unknown };
  /**
   * An object a Helm chart renders (Helm output is not rendered here, so the case gives its drift): the
   * HelmRelease/Application (`resource`), the rendered object's field, its Git value and its live value.
   */
  readonly helm?: { readonly kind: string; readonly namespace: string; readonly name: string; readonly path: string; readonly git: unknown; readonly live: unknown };
  readonly context?: string;
  /** `plan` (default), `choose-layer` or `refused`. */
  readonly expect?: PlanOutcome['kind'];
  /** A substring of the refusal reason or the question. */
  readonly reason?: string;
  /** The commit message's first line. */
  readonly commit?: string;
}

export interface DriftState {
  readonly index: WorkspaceIndex;
  readonly environment?: Environment;
  readonly pairing: DriftPairing;
}

export function readCase(dir: string): WriteBackCase {
  const doc = parseAllDocuments(readFileSync(join(dir, 'case.yaml'), 'utf8'))[0];
  const c = doc?.toJS() as WriteBackCase | undefined;
  if (!doc || doc.errors.length > 0 || typeof c?.resource !== 'string') throw new Error(`${dir}/case.yaml: ${doc?.errors[0]?.message ?? 'no resource'}`);
  return c;
}

export function readLiveObjects(dir: string): KubeObject[] {
  const liveDir = join(dir, 'live');
  return filesUnder(liveDir).flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as KubeObject).filter(Boolean));
}

/** The drift of `repoRoot` against `live`, built as the drift service builds it. */
export async function driftOf(repoRoot: string, c: WriteBackCase, live: readonly KubeObject[], kustomize: KustomizeAvailability): Promise<DriftState> {
  const { index } = loadWorkspace(repoRoot);
  const environment = c.environment ? detectEnvironments(index.resources).find((e) => e.name === c.environment) : undefined;
  if (c.environment && !environment) throw new Error(`environment ${c.environment} not detected`);
  const state = await buildDesiredState(repoRoot, index, environment?.path ?? c.scope ?? '', namespaceRulesFor(environment, 'default'), kustomize, environment?.recurse ?? true);
  if (state.problems.length > 0) throw new Error(state.problems.join('\n'));
  const desired: DesiredObject[] = applyFluxPostBuild(state.desired, environment?.postBuild);
  const pairing = new DriftPairing({ desired, options: { ignoreRules: environment?.ignoreRules ?? [], ...(environment ? { agentManagers: environment.agentManagers } : {}) } }, live);
  return { index, pairing, ...(environment ? { environment } : {}) };
}

/** The result of `id`; for generator output whose hash changed with the edit, the one of the same generator. */
export function resultOf(state: DriftState, id: string): ResourceDrift | undefined {
  const idOf = (r: ResourceDrift) => `${r.key.group}/${r.key.kind}/${r.key.namespace}/${r.key.name}`;
  const hashless = (s: string) => s.replace(/-[a-z0-9]{10}$/, '');
  return state.pairing.results().find((r) => idOf(r) === id) ?? state.pairing.results().find((r) => r.status !== 'Orphan' && hashless(idOf(r)) === hashless(id));
}

/** The plan for the case, as plan-from-drift makes it from a drift service. */
export function planCase(state: DriftState, c: WriteBackCase): PlanOutcome {
  if (c.helm) {
    const release = releaseOf(state, c.resource);
    if (!release) return { kind: 'refused', reason: `${c.resource} is not in the repository` };
    return planHelmValues({ release, key: { group: 'apps', kind: c.helm.kind, namespace: c.helm.namespace, name: c.helm.name }, path: c.helm.path, from: c.helm.git, to: c.helm.live, ...(c.context ? { context: c.context } : {}) });
  }
  const desired = state.pairing.desiredOf(c.resource);
  if (!desired) return { kind: 'refused', reason: `${c.resource} is not in the desired state` };
  const target = { index: state.index, desired, ...(state.environment ? { environment: state.environment } : {}), ...(c.layer ? { layer: c.layer } : {}), ...(c.context ? { context: c.context } : {}) };
  if (c.intent) return planIntent({ ...target, path: c.intent.path, value: c.intent.value });
  const drift = resultOf(state, c.resource);
  if (!drift) return { kind: 'refused', reason: 'no result' };
  return planCodify({ ...target, drift, ...(c.fields ? { fields: c.fields } : {}) });
}

/** The HelmRelease / Application `id` names, as the repository declares it. */
export function releaseOf(state: DriftState, id: string): ManifestResource | undefined {
  return state.index.resources.find((r) => `${r.key.group}/${r.key.kind}/${r.key.namespace}/${r.key.name}` === id);
}

/** Applies the plan to a copy of the repository; returns the copy's root and the unified diff (git diff). */
export function applyToCopy(repoRoot: string, plan: EditPlan): { readonly root: string; readonly diff: string } {
  const work = mkdtempSync(join(tmpdir(), 'ga-writeback-'));
  cpSync(repoRoot, join(work, 'before'), { recursive: true });
  cpSync(repoRoot, join(work, 'after'), { recursive: true });
  for (const file of plan.files) {
    const target = join(work, 'after', file.path);
    const text = file.create ? '' : readFileSync(target, 'utf8');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, applyEdits(text, file.edits));
  }
  let diff = '';
  try {
    execFileSync('git', ['-c', 'core.quotepath=off', 'diff', '--no-index', '--no-color', '--no-ext-diff', 'before', 'after'], { cwd: work, encoding: 'utf8' });
  } catch (error) {
    diff = (error as { stdout?: string }).stdout ?? '';
  }
  const normalized = diff.split('\n').filter((l) => !l.startsWith('index ')).join('\n').replace(/(^| )(a|b)\/(before|after)\//gm, '$1$2/');
  return { root: join(work, 'after'), diff: normalized };
}

/** Applies non-overlapping edits (positions against `text`). */
export function applyEdits(text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => lines.offsetAt(b.range.start) - lines.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, lines.offsetAt(e.range.start)) + e.newText + out.slice(lines.offsetAt(e.range.end));
  return out;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : /\.ya?ml$/.test(name) ? [p] : [];
  });
}
