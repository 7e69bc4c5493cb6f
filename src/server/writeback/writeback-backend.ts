// What the server's write-back requests need from the outside world: the planner over a running drift
// service (adapters/writeback/plan-from-drift.ts) and the Git side (adapters/git/git-writeback.ts); pull
// requests are opened by the extension host (the token never reaches the server). `main.ts` passes the real ones; server tests pass fakes. Without a backend,
// every write-back request answers with a refusal that says so.
import type { DriftService } from '../../adapters/drift/drift-service-api.js';
import type { CommitRequest, CommitResult, PreflightRequest, PreflightResult } from '../../adapters/git/git-writeback-api.js';
import type { PlanOutcome } from '../../core/edit/edit-plan.js';
import type { Intent } from '../../core/edit/plan-intent.js';
import type { CodifyOptions, IntentOptions as AdapterIntentOptions } from '../../adapters/writeback/plan-from-drift.js';
import type { WriteBackSubject } from '../../protocol/writeback-messages.js';

/** The adapter's intent options (`plan-from-drift.ts`); the server always knows which intent it runs. */
export type IntentOptions = AdapterIntentOptions & { readonly intent: Intent };

export interface WriteBackBackend {
  planCodify(service: DriftService, resourceId: string, options: CodifyOptions): PlanOutcome | Promise<PlanOutcome>;
  planIntent(service: DriftService, resourceId: string, options: IntentOptions): PlanOutcome | Promise<PlanOutcome>;
  /** Rejects with a `GitRefusal` (nothing changed) when the files cannot be committed safely (on that new branch, pushed). */
  preflight(request: PreflightRequest & { readonly branch: string; readonly push: boolean }): Promise<PreflightResult>;
  /** Rejects with a `GitRefusal`; `push-rejected` leaves the commit and the local branch. */
  commit(request: CommitRequest): Promise<CommitResult>;
  /** A branch name from the setting's template and what the plan codifies. */
  branchName(template: string, subject: WriteBackSubject): string;
}
