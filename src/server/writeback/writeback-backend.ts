// What the server's write-back requests need from the outside world: the planner over a running drift
// service (adapters/writeback/plan-from-drift.ts), the Git side (adapters/git/git-writeback.ts) and the pull
// request hosts (adapters/pr/). `main.ts` passes the real ones; server tests pass fakes. Without a backend,
// every write-back request answers with a refusal that says so.
import type { DriftService } from '../../adapters/drift/drift-service-api.js';
import type { CommitRequest, CommitResult, PreflightRequest, PreflightResult } from '../../adapters/git/git-writeback-api.js';
import type { LayerChoice, PlanOutcome } from '../../core/edit/edit-plan.js';
import type { WriteBackSubject } from '../../protocol/writeback-messages.js';

export interface CodifyOptions {
  /** Paths of the drifted fields to codify (`.spec.replicas`); absent: every drifted field. */
  readonly fields?: readonly string[];
  readonly layer?: LayerChoice;
}

export interface IntentOptions {
  /** Human path (`.spec.replicas`). */
  readonly path: string;
  readonly value: unknown;
  readonly layer?: LayerChoice;
  readonly intent: 'scale' | 'set-image' | 'edit-field';
}

export interface PullRequestOrder {
  readonly provider: 'github' | 'gitlab';
  /** API base URL; absent: the public host's. */
  readonly apiUrl?: string;
  readonly token: string;
  /** The remote's URL (the host and the project come from it). */
  readonly remoteUrl: string;
  readonly base: string;
  readonly head: string;
  readonly title: string;
  readonly body: string;
}

export interface WriteBackBackend {
  planCodify(service: DriftService, resourceId: string, options: CodifyOptions): PlanOutcome | Promise<PlanOutcome>;
  planIntent(service: DriftService, resourceId: string, options: IntentOptions): PlanOutcome | Promise<PlanOutcome>;
  /** Rejects with a `GitRefusal` (nothing changed) when the files cannot be committed safely (on that new branch, pushed). */
  preflight(request: PreflightRequest & { readonly branch: string; readonly push: boolean }): Promise<PreflightResult>;
  /** Rejects with a `GitRefusal`; `push-rejected` leaves the commit and the local branch. */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** A branch name from the setting's template and what the plan codifies. */
  branchName(template: string, subject: WriteBackSubject): string;
  /** Opens a pull/merge request; rejects with a message a person can act on (401, 422 "already exists"). */
  openPullRequest(order: PullRequestOrder): Promise<{ readonly url: string }>;
  /** The host's page to open a pull request from `head` into `base` by hand; undefined for an unknown host. */
  compareUrl(remoteUrl: string, base: string, head: string): string | undefined;
}
