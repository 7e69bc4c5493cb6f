// Messages between the language server's main thread and a lint worker (one worker per large open document).
// Everything here crosses a thread by structured clone: plain data only.
import type { LintConfig } from '../../core/config/lint-config.js';
import type { RepositoryFacts } from '../../core/ports.js';
import type { Finding } from '../../core/findings/finding.js';
import type { Located } from '../../core/manifest/manifest-types.js';
import type { Range } from '../../core/text/range.js';
import type { SourceText } from '../workspace-state.js';
import type { MessagePort } from 'node:worker_threads';

/** First message: where the worker asks the main thread what exists in the repository (synchronously). */
export interface LintWorkerInit {
  readonly kind: 'init';
  /** The worker posts a ListingQuestion here and waits on `answered`; the main thread posts a ListingAnswer back. */
  readonly listingPort: MessagePort;
  /** Int32 flag: 0 while a listing question is open, 1 once answered. */
  readonly answered: SharedArrayBuffer;
}

/** A question on `listingPort`, and its answer (the id pairs them: a late answer is never taken for another). */
export interface ListingQuestion {
  readonly id: number;
  readonly path: string;
}

export interface ListingAnswer {
  readonly id: number;
  readonly type: 'file' | 'directory' | undefined;
}

/** Lint one document; the worker keeps a mirror of the folder's other files between jobs. */
export interface LintWorkerJob {
  readonly kind: 'lint';
  readonly id: number;
  readonly uri: string;
  readonly path: string;
  readonly version: number;
  readonly text: string;
  readonly config: LintConfig;
  /** Only the documents are wanted (a closed file read at start-up): no findings are computed. */
  readonly parseOnly: boolean;
  /** What git says about the folder (repository root, remotes), as the main thread's index has it. */
  readonly repository?: RepositoryFacts;
  /**
   * Other files of the folder whose text changed since the previous job (all of them on the first job); other
   * large buffers with what their own worker reported (the mirror keeps that, it does not parse them).
   */
  readonly changed: readonly SourceText[];
  readonly removed: readonly string[];
}

/** What the main thread keeps of a document parsed in a worker (the index needs it; the parse stays there). */
export interface DocumentSummary {
  readonly index: number;
  readonly range: Range;
  /** The whole value when small, else its identity (apiVersion, kind, metadata name and namespace). */
  readonly value: unknown;
  readonly isTemplate: boolean;
  readonly problems: readonly Finding[];
  /** Ranges of the identity paths (`apiVersion`, `kind`, `metadata`, `metadata.name`, `metadata.namespace`). */
  readonly located: readonly (readonly [path: string, located: Located])[];
}

export interface LintWorkerResult {
  readonly kind: 'result';
  readonly id: number;
  readonly findings: readonly Finding[];
  readonly documents: readonly DocumentSummary[];
  /** Problems of the whole file (too large, unreadable). */
  readonly problems: readonly Finding[];
  readonly parseMs: number;
  readonly lintMs: number;
}

export interface LintWorkerFailure {
  readonly kind: 'failure';
  readonly id: number;
  readonly message: string;
}

export type LintWorkerRequest = LintWorkerInit | LintWorkerJob;
export type LintWorkerResponse = LintWorkerResult | LintWorkerFailure;
