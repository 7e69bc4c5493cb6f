// The GitOps readiness report (issue 12): the worksheet's twelve questions answered from the repository.
import type { Range } from '../text/range.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';

/** A repository file that is not a manifest but may deploy: a script, a Makefile, a CI workflow. */
export interface TextFile {
  /** Repository-relative POSIX path. */
  readonly path: string;
  readonly text: string;
}

export interface BranchFacts {
  /** Short name: `staging`, or `origin/staging` for a remote-tracking branch. */
  readonly name: string;
  /** Files the branch's tip holds, when the adapter read them (only environment-named branches). */
  readonly paths?: readonly string[];
}

/** What git knows about the repository; undefined in the input when the folder is not a git repository. */
export interface GitFacts {
  /** Tracked files at HEAD and in the index (repository-relative POSIX paths). */
  readonly trackedPaths: readonly string[];
  /** Manifest-like files present but ignored by .gitignore. */
  readonly ignoredPaths: readonly string[];
  /** Tracked files with uncommitted changes (staged or not). */
  readonly modifiedPaths: readonly string[];
  readonly commitCount: number;
  readonly isShallow: boolean;
  readonly currentBranch?: string;
  readonly branches: readonly BranchFacts[];
  /** URLs of the remotes (`git remote -v`). */
  readonly remoteUrls: readonly string[];
}

/** Live facts from the drift engine, when a cluster was asked. */
export interface ClusterFacts {
  readonly context: string;
  readonly resourceCount: number;
  /** Resources Drifted, Missing or Orphan. */
  readonly driftCount: number;
  readonly unknownCount: number;
}

/** Everything the analysis reads: no I/O happens in core. */
export interface ReadinessInput {
  readonly index: WorkspaceIndex;
  /** Scripts, Makefiles and CI definitions (see `isDeployTextPath`). */
  readonly textFiles: readonly TextFile[];
  readonly git?: GitFacts;
  readonly cluster?: ClusterFacts;
}

export type Principle = 'declarative' | 'versioned' | 'pulled' | 'reconciled';
export const PRINCIPLES: readonly Principle[] = ['declarative', 'versioned', 'pulled', 'reconciled'];
export const PRINCIPLE_TITLES: Readonly<Record<Principle, string>> = {
  declarative: 'Declarative',
  versioned: 'Versioned and Immutable',
  pulled: 'Pulled Automatically',
  reconciled: 'Continuously Reconciled',
};

/** Yes / Partial / No as the GitOps answer: `met` scores 1, `partial` ½, `unmet` 0. */
export type Verdict = 'met' | 'partial' | 'unmet';
/** How sure the answer is: `certain` for facts (git, declared fields), lower for heuristics (text patterns). */
export type Confidence = 'certain' | 'high' | 'medium' | 'low';

export interface Evidence {
  /** Repository-relative path; absent for repository-wide facts (commit count, shallow clone). */
  readonly path?: string;
  readonly range?: Range;
  readonly note: string;
}

export interface Remedy {
  readonly text: string;
  /** A quick win (one edit or one command) or a blocker (a migration). */
  readonly effort: 'quick' | 'hard';
}

export interface QuestionAnswer {
  /** Stable id, e.g. `declarative.imperative-steps`. */
  readonly id: string;
  readonly principle: Principle;
  /** The worksheet's question. */
  readonly question: string;
  /** The worksheet's answer word: Yes, Partial, No, Push, Pull, Only in-cluster, External systems. */
  readonly answer: string;
  readonly verdict: Verdict;
  readonly confidence: Confidence;
  /** One sentence: why this answer. */
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  /** What would fix it (absent when met). */
  readonly remedy?: Remedy;
}

export interface MistakeFinding {
  readonly id: 'secrets-in-git' | 'branch-per-environment' | 'push-pipeline-called-gitops' | 'no-drift-alerts' | 'giant-repository';
  readonly title: string;
  readonly message: string;
  readonly confidence: Confidence;
  readonly evidence: readonly Evidence[];
  readonly remedy: Remedy;
}

export interface PrincipleScore {
  readonly principle: Principle;
  readonly title: string;
  /** Out of 3, in halves. */
  readonly score: number;
}

export interface Gap {
  readonly principle: Principle;
  readonly title: string;
  readonly score: number;
  readonly missing: readonly string[];
  readonly fixes: readonly string[];
}

export interface ReadinessReport {
  readonly questions: readonly QuestionAnswer[];
  readonly scores: readonly PrincipleScore[];
  /** Out of 12, in halves. */
  readonly total: number;
  readonly mistakes: readonly MistakeFinding[];
  /** Principles below 3/3, lowest first. */
  readonly gaps: readonly Gap[];
  readonly quickWins: readonly string[];
  readonly blockers: readonly string[];
  readonly cluster?: ClusterFacts;
}
