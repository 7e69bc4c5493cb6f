// The write-back messages between the extension and the language server: plan a change to the repository
// (commit a live change to Git, or an imperative intent done through Git: scale, set image, edit a field),
// check that Git can take it, and commit it on a branch (push, pull request). The server plans and does the
// Git work; the extension previews, applies the edit as a WorkspaceEdit and saves. Declared once;
// docs/lsp-extensions.md documents them (its hash line covers this file). Plain JSON types only.
import { RequestType } from 'vscode-languageserver-protocol';
import type { LayerChoice, PlanOutcome } from '../core/edit/edit-plan.js';
import { METHOD_PREFIX } from './lsp-extensions.js';

/** An imperative intent done declaratively: which field gets which value. */
export interface WriteBackIntent {
  /** What the person asked for (names the commit): `kubectl scale`, `kubectl set image`, `kubectl edit`. */
  readonly kind: 'scale' | 'set-image' | 'edit-field';
  /** Human path: `.spec.replicas`, `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
  /** The JSON value to write. */
  readonly value: unknown;
}

export interface WriteBackPlanParams {
  readonly environmentId: string;
  /** One resource (`resourceKeyId`); absent: every drifted resource of the environment (codify only). */
  readonly resourceId?: string;
  /** Codify only these drifted fields (their human paths, `.spec.replicas`); absent: all of them. */
  readonly fields?: readonly string[];
  /** Set: plan this intent instead of codifying the drift (needs `resourceId`). */
  readonly intent?: WriteBackIntent;
  /** The answer to a `choose-layer` outcome; absent the first time. */
  readonly layer?: LayerChoice;
}

/** A file of the plan as the plan was computed against it. */
export interface WriteBackFileText {
  /** Repository-relative POSIX path, as in the plan. */
  readonly path: string;
  /** The editor's URI of the file. */
  readonly uri: string;
  /** The text the edits were planned against ('' for a file the plan creates). */
  readonly text: string;
}

export interface WriteBackPlanResult {
  readonly outcome: PlanOutcome;
  /** The workspace folder the plan's paths are relative to. */
  readonly folderUri: string;
  /** One per planned file (empty unless `outcome.kind === 'plan'`). */
  readonly files: readonly WriteBackFileText[];
  /** For branch names and pull requests: what the plan codifies (`Deployment shop/api-server`), the environment, the context. */
  readonly subject: WriteBackSubject;
}

export interface WriteBackSubject {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** '' for the whole repository. */
  readonly environment: string;
  readonly context?: string;
  /** The first planned field's last key (`replicas`, `image`), for the branch template's `{field}`. */
  readonly field?: string;
  /** `driftHashOf` the planned resources, fields and values, for the branch template's `{hash}`. */
  readonly hash?: string;
}
export const writeBackPlanRequest = new RequestType<WriteBackPlanParams, WriteBackPlanResult, void>(`${METHOD_PREFIX}writeBackPlan`);

/** Why Git or the host refused, or `unavailable` (this server cannot write back) / `error` (anything else). */
export interface WriteBackRefusal {
  readonly kind: 'refused';
  readonly reason: string;
  /** What happened and what to do, in a sentence a person can act on. */
  readonly message: string;
}

/**
 * Before the edit is applied: can the planned files be committed on a new branch (and pushed) without losing
 * anything? The server names the new branch from the template and checks it does not exist.
 */
export interface WriteBackPreflightParams {
  readonly folderUri: string;
  readonly files: readonly string[];
  /** Setting `gitopsAuthoring.writeBack.branchTemplate` when set, filled from `subject`; '': the repository's (`.gitops-authoring.yaml` `writeBack.branchTemplate`), else the default. */
  readonly branchTemplate: string;
  readonly subject: WriteBackSubject;
  readonly mode: WriteBackMode;
}
export interface WriteBackPreflightOk {
  readonly kind: 'ok';
  /** The branch HEAD is on (the pull request's base). */
  readonly branch: string;
  /** The branch the commit will make (pass it to `writeBackCommit`). */
  readonly newBranch: string;
  readonly remote?: { readonly name: string; readonly url: string };
}
export type WriteBackPreflightResult = WriteBackPreflightOk | WriteBackRefusal;
export const writeBackPreflightRequest = new RequestType<WriteBackPreflightParams, WriteBackPreflightResult, void>(`${METHOD_PREFIX}writeBackPreflight`);

/** `commit`: a new branch, committed, not pushed; `branch+push`: and pushed; `branch+push+pr`: and a pull request. */
export type WriteBackMode = 'commit' | 'branch+push' | 'branch+push+pr';

/** After the edit was applied and saved: the planned files only, on a new branch. */
export interface WriteBackCommitParams {
  readonly folderUri: string;
  readonly files: readonly string[];
  readonly message: string;
  /** The preflight's `newBranch`. */
  readonly branch: string;
  /** `branch+push+pr` commits and pushes like `branch+push`: the extension host opens the pull request itself (no token ever goes to the server). */
  readonly mode: WriteBackMode;
}

export interface WriteBackCommitted {
  readonly kind: 'committed';
  readonly branch: string;
  readonly baseBranch: string;
  readonly commit: string;
  readonly pushed: boolean;
  readonly remote?: { readonly name: string; readonly url: string };
}
export type WriteBackCommitResult = WriteBackCommitted | WriteBackRefusal;
export const writeBackCommitRequest = new RequestType<WriteBackCommitParams, WriteBackCommitResult, void>(`${METHOD_PREFIX}writeBackCommit`);
