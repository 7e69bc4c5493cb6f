// Write-back on repositories nobody here wrote (test/fixtures/writeback-realworld/<repo>, each with its ORIGIN):
// the fixture is copied to a temp directory, applied to the test API server with the real kubectl as an agent
// would, watched by the real drift service; a test changes objects by hand with kubectl, plans with
// planCodifyFromDrift, writes the plan and proves the closed loop (the codified fields no longer drift against
// the same live objects).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createDriftService, type LiveDriftService } from '../../src/adapters/drift/drift-service.js';
import { loadWorkspace } from '../../src/adapters/fs/load-workspace.js';
import { Backoff } from '../../src/adapters/kube/backoff.js';
import { planCodifyFromDrift } from '../../src/adapters/writeback/plan-from-drift.js';
import type { FieldDrift, ResourceDrift } from '../../src/core/drift/drift-types.js';
import type { EditPlan, LayerChoice, PlanOutcome } from '../../src/core/edit/edit-plan.js';
import type { Environment } from '../../src/core/environments/environment.js';
import { applyFileEdits } from '../../src/core/writeback/apply-file-edits.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { TestCluster } from '../cluster/harness.js';

export const FIXTURES = join(process.cwd(), 'test/fixtures/writeback-realworld');

/** An environment as settings would name it (path and namespace), no agent of its own. */
export function environment(name: string, path: string, namespace?: string): Environment {
  return { name, path, ...(namespace ? { namespace } : {}), detectedFrom: 'settings', forceNamespace: false, ignoreRules: [], agentManagers: [] };
}

export interface RealWorldRepo {
  readonly dir: string;
  readonly service: LiveDriftService;
  read(path: string): string;
  /** Waits (with a deadline) for `check` over the service's results. */
  until(what: string, check: (results: readonly ResourceDrift[]) => boolean): Promise<void>;
  /** Waits until the resource shows drift in each of `paths`; answers its drift. */
  driftOf(id: string, paths: readonly string[]): Promise<ResourceDrift>;
  codify(id: string, options?: { fields?: string[]; layer?: LayerChoice }): PlanOutcome;
  /** Writes the plan's files into the copy. */
  write(plan: EditPlan): void;
  /** After `write`: the service rebuilds the desired state and the resource holds none of `paths` as drift. */
  closeLoop(id: string, paths: readonly string[]): Promise<void>;
  remove(): void;
}

/**
 * The fixture copied (then changed by `prepare`, as a person following its README would), `apply` run with
 * kubectl (`$DIR` is the copy), the drift service Synced on it.
 */
export async function openRealWorldRepo(cluster: TestCluster, fixture: string, env: Environment, apply: readonly string[][], prepare?: (edit: (path: string, change: (text: string) => string) => void) => void): Promise<RealWorldRepo> {
  const dir = mkdtempSync(join(tmpdir(), `ga-realworld-${fixture}-`));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  prepare?.((path, change) => writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8'))));
  for (const args of apply) await cluster.run(...args.map((a) => a.replace('$DIR', dir)));
  const service = await createDriftService({
    root: dir, index: loadWorkspace(dir).index, env, kubeconfig: cluster.handle.kubeconfigPath,
    processEnv: { PATH: process.env.PATH ?? '', HOME: tmpdir() }, informer: { backoff: new Backoff(20, 200) },
  });
  await service.whenSynced(15_000);
  const until = (what: string, check: (results: readonly ResourceDrift[]) => boolean) => waitFor(service, what, check);
  const find = (results: readonly ResourceDrift[], id: string) => results.find((r) => `${r.key.group}/${r.key.kind}/${r.key.namespace}/${r.key.name}` === id);
  await until('the applied repository to be Synced', (rs) => rs.length > 0 && rs.every((r) => r.status === 'Synced'));
  return {
    dir, service, until,
    read: (path) => readFileSync(join(dir, path), 'utf8'),
    driftOf: async (id, paths) => {
      await until(`${id} to drift in ${paths.join(', ')}`, (rs) => paths.every((p) => find(rs, id)?.fields.some((f: FieldDrift) => f.path === p) ?? false));
      return find(service.results(), id) as ResourceDrift;
    },
    codify: (id, options = {}) => planCodifyFromDrift(service, id, options),
    write: (plan) => {
      for (const file of plan.files) {
        const path = join(dir, file.path);
        const applied = applyFileEdits(file, file.create ? undefined : readFileSync(path, 'utf8'));
        assert.ok('text' in applied, JSON.stringify(applied));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, applied.text);
      }
    },
    closeLoop: async (id, paths) => {
      await service.setDesired(loadWorkspace(dir).index);
      await until(`${id} to hold none of ${paths.join(', ')} as drift`, (rs) => {
        const r = find(rs, id);
        return r !== undefined && r.status !== 'Unknown' && !r.fields.some((f) => paths.includes(f.path));
      });
    },
    remove: () => {
      service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The plan of an outcome that must be one (else the outcome, to read in the failure). */
export function planOf(outcome: PlanOutcome): EditPlan {
  assert.equal(outcome.kind, 'plan', JSON.stringify(outcome));
  return (outcome as Extract<PlanOutcome, { kind: 'plan' }>).plan;
}

/** Resolves once `check` holds over the service's results (probed on each change), rejects at the deadline with them. */
export function waitFor(service: LiveDriftService, what: string, check: (results: readonly ResourceDrift[]) => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = () => {
      if (!check(service.results())) return;
      done();
      resolve();
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(service.results().filter((r) => r.status !== 'Synced').map((r) => [r.id, r.status, r.reason, r.fields.map((f) => f.path)]))}`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      service.off('changed', probe);
      service.off('reset', probe);
    };
    service.on('changed', probe);
    service.on('reset', probe);
    probe();
  });
}

/** `gitops-authoring codify REPO --kubeconfig … ARGS` in-process, with a clean HOME. */
export async function runCodifyCli(repo: string, kubeconfig: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['codify', repo, '--kubeconfig', kubeconfig, '--timeout', '15', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => '',
    isTty: false,
    version: 'test',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1' },
  } as Parameters<typeof runCli>[1]);
  return { code, stdout, stderr };
}
