import type { DriftServiceFactory } from '../adapters/drift/drift-service-api.js';
import type { GitOpsUnitControl } from '../adapters/kube/gitops-unit-control.js';
import type { ResourceValidator } from '../core/lint/resource-validator.js';
import type { Rule } from '../core/lint/rule.js';
import type { SchemaProvider } from './schema-provider.js';
import type { OffThreadLintOptions } from './lint-worker/off-thread-linter.js';
import type { WorkspaceSource } from './workspace-source.js';
import type { ReadinessInputReader } from './handlers/readiness.js';
import type { WriteBackBackend } from './writeback/writeback-backend.js';

/** Everything `createServer` needs from the outside world; `main.ts` passes the real ones, tests pass fakes. */
export interface ServerDeps {
  readonly source: WorkspaceSource;
  readonly rules: readonly Rule[];
  readonly validator?: ResourceValidator;
  readonly schema?: SchemaProvider;
  readonly timing?: Partial<LintTiming & DriftTiming>;
  /** Starts the drift of one environment; without it, drift reports an Error state and lint works as ever. */
  readonly driftService?: DriftServiceFactory;
  /** Agent control (reconcile, suspend, resume of a GitOps unit): the only cluster writes; without it they are refused. */
  readonly agentControl?: GitOpsUnitControl;
  /** Reads a folder's readiness input (manifests, scripts, git); without it, readiness answers with an error. */
  readonly readinessInput?: ReadinessInputReader;
  /**
   * Lint workers for large open documents (parsed and linted off the main thread, so requests keep being
   * answered); without it, every document is linted on the main thread. The worker uses the real rules
   * and schemas (`lint-worker-main.ts`), whatever `rules` and `validator` say.
   */
  readonly offThreadLint?: OffThreadLintOptions;
  /** Plans write-back from drift and does its Git and pull-request work; without it, write-back requests refuse. */
  readonly writeBack?: WriteBackBackend;
  /** Process environment for finding the kubeconfig (`KUBECONFIG`, `HOME`); default `process.env`. */
  readonly processEnv?: NodeJS.ProcessEnv;
}

export interface LintTiming {
  /**
   * Delay before an edited document is linted. 0 coalesces only the changes already received (a keystroke
   * burst that arrived together) and then lints at once: linting one document costs a few milliseconds.
   */
  readonly documentDelayMs: number;
  /** Delay before the other open documents are re-linted after a change that can affect them. */
  readonly workspaceDelayMs: number;
}

export const DEFAULT_TIMING: LintTiming = { documentDelayMs: 0, workspaceDelayMs: 200 };

export interface DriftTiming {
  /** How long informers keep running after the last viewer left (a view hidden for a moment). */
  readonly driftStopDelayMs: number;
  /** Debounce of file changes before the affected environments rebuild their desired state. */
  readonly driftDesiredDelayMs: number;
  /** First delay before a start that failed on the cluster or kubeconfig is tried again (doubling, jittered, to 30 s). */
  readonly driftRetryBaseMs: number;
}

export const DEFAULT_DRIFT_TIMING: DriftTiming = { driftStopDelayMs: 10_000, driftDesiredDelayMs: 300, driftRetryBaseMs: 1_000 };
