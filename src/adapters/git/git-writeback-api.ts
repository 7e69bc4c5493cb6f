// The contract of the Git side of write-back: check that a planned change can be committed without losing
// anything, then put exactly the planned files on a new branch, commit, and push. Implemented on simple-git
// (`git-writeback.ts`); used by the CLI `codify` command and by the language server for the extension.

/** Why Git refuses: each with a message that says what to do. Nothing was changed when one is thrown. */
export type GitRefusalReason =
  | 'not-a-repository'
  | 'detached-head'
  | 'operation-in-progress' // merge, rebase, cherry-pick, revert or bisect
  | 'unrelated-staged' // the index holds changes to files outside the plan
  | 'target-modified' // a planned file has uncommitted changes (in the index or the working tree)
  | 'branch-exists'
  | 'push-rejected' // the commit and the local branch stay; the message says how to continue
  | 'no-remote';

export class GitRefusal extends Error {
  constructor(readonly reason: GitRefusalReason, message: string) {
    super(message);
    this.name = 'GitRefusal';
  }
}

export interface PreflightRequest {
  /** Absolute path of the repository (or a directory inside it). */
  readonly root: string;
  /** Repository-relative POSIX paths the plan will write. */
  readonly files: readonly string[];
  /** When given, the preflight also refuses a branch of that name that exists (locally, or on the remote when pushing). */
  readonly branch?: string;
  /** With `branch`: the commit will be pushed, so a remote is needed. */
  readonly push?: boolean;
}

export interface PreflightResult {
  /** Absolute path of the repository's top level. */
  readonly topLevel: string;
  /** The branch HEAD is on. */
  readonly branch: string;
  /** The branch's upstream remote name and URL, when it has one (else the only remote, else none). */
  readonly remote?: { readonly name: string; readonly url: string };
}

/**
 * Sent after the plan was written to the working tree (preflight before writing): the planned files may then
 * differ from HEAD in the working tree, never in the index; the other checks run again.
 */
export interface CommitRequest extends PreflightRequest {
  /** The new branch, created from the current HEAD and checked out (the working tree keeps its other changes). */
  readonly branch: string;
  readonly message: string;
  /** Push the new branch to the remote (set upstream). Never forced. */
  readonly push: boolean;
}

export interface CommitResult {
  readonly branch: string;
  /** The branch the commit was made from (the pull request's base). */
  readonly baseBranch: string;
  readonly commit: string;
  readonly pushed: boolean;
  readonly remote?: { readonly name: string; readonly url: string };
}
