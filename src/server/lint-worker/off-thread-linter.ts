// The main thread's side of the lint workers: one worker per large open document, started on its first lint.
// A newer edit cancels a stale job (the worker is stopped and started again with the newest text); a job
// still running at the deadline is stopped and reported; a job for the same text joins the one running.
// The main thread only posts texts and receives findings and document summaries: it never waits.
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import type { LintConfig } from '../../core/config/lint-config.js';
import type { Finding } from '../../core/findings/finding.js';
import type { RepositoryFacts, RepositoryListing } from '../../core/ports.js';
import type { SourceText } from '../workspace-state.js';
import type { DocumentSummary, ListingAnswer, ListingQuestion, LintWorkerJob, LintWorkerRequest, LintWorkerResponse } from './lint-worker-protocol.js';

export interface OffThreadLintOptions {
  /** Starts a worker running `lint-worker-main.ts` (bundled: dist/lint-worker.js). */
  readonly startWorker: () => Worker;
  /** Open documents of at least this many characters are parsed and linted in a worker. */
  readonly minChars?: number;
  /** A job still running after this long is stopped and the file gets a `file-limits` finding. */
  readonly deadlineMs?: number;
  /** Jobs running at once (default: the machine's parallelism, at least 2); the others wait their turn. */
  readonly maxConcurrentJobs?: number;
}

/** 256 KiB: a file this size parses in ~50–100 ms; below it, a worker round trip costs more than it saves. */
export const DEFAULT_OFF_THREAD_MIN_CHARS = 256 * 1024;
export const DEFAULT_OFF_THREAD_DEADLINE_MS = 30_000;

export type OffThreadOutcome =
  | { readonly kind: 'done'; readonly findings: readonly Finding[]; readonly documents: readonly DocumentSummary[]; readonly problems: readonly Finding[]; readonly parseMs: number; readonly lintMs: number }
  /** The job could not finish (deadline, worker crash): `reason` completes "File not validated: …". */
  | { readonly kind: 'stopped'; readonly reason: string }
  /** A newer job for the same document replaced it. */
  | { readonly kind: 'superseded' };

/** What the linter needs of the folder: its other files' texts and what exists on disk. */
export interface OffThreadWorkspace extends RepositoryListing {
  /** Every file of the folder with its text (open buffers as typed), the off-thread ones with their last report. */
  sourceTexts(): Iterable<SourceText>;
  /** What git says about the folder, as the main thread's index has it (the worker's index must agree). */
  repositoryFacts(): RepositoryFacts | undefined;
}

export interface OffThreadDocument {
  readonly uri: string;
  readonly path: string;
  readonly version: number;
  readonly text: string;
  /** Only its documents are wanted (a closed file on disk): the worker computes no findings. */
  readonly parseOnly?: boolean;
}

interface RunningJob {
  readonly text: string;
  readonly config: LintConfig;
  readonly parseOnly: boolean;
  readonly outcome: Promise<OffThreadOutcome>;
  settle(outcome: OffThreadOutcome): void;
}

interface WorkerSlot {
  readonly worker: Worker;
  readonly listingPort: MessagePort;
  /** What this worker's mirror holds, by path. */
  readonly sent: Map<string, SourceText>;
  running: RunningJob | undefined;
}

interface WaitingJob {
  readonly path: string;
  start(): void;
  cancel(): void;
}

export class OffThreadLinter {
  private readonly slots = new Map<string, WorkerSlot>();
  private readonly minChars: number;
  private readonly deadlineMs: number;
  private readonly maxConcurrentJobs: number;
  /**
   * Jobs beyond `maxConcurrentJobs` wait here, their deadline not started: a repository with ten 2 MB install
   * manifests read at start-up would otherwise run ten workers on two cores, each past its deadline.
   */
  private readonly waiting: WaitingJob[] = [];
  private nextId = 1;

  constructor(private readonly options: OffThreadLintOptions, private readonly workspace: OffThreadWorkspace) {
    this.minChars = options.minChars ?? DEFAULT_OFF_THREAD_MIN_CHARS;
    this.deadlineMs = options.deadlineMs ?? DEFAULT_OFF_THREAD_DEADLINE_MS;
    this.maxConcurrentJobs = options.maxConcurrentJobs ?? Math.max(2, availableParallelism());
  }

  /** Whether a document of this text is linted off the main thread. */
  isLarge(text: string): boolean {
    return text.length >= this.minChars;
  }

  /** Parses and lints the document in its worker. */
  lint(doc: OffThreadDocument, config: LintConfig): Promise<OffThreadOutcome> {
    const existing = this.slots.get(doc.path);
    const delta = existing ? this.deltaFor(existing, doc.path) : undefined;
    const running = existing?.running;
    const parseOnly = doc.parseOnly === true;
    const isJoinable = running !== undefined && running.text === doc.text && running.config === config && (parseOnly || !running.parseOnly);
    if (running && isJoinable && delta?.changed.length === 0 && delta.removed.length === 0) return running.outcome;
    this.cancelWaiting(doc.path);
    if (running) this.stop(doc.path, { kind: 'superseded' }); // a stale job: cancelled, not waited for
    if (this.runningCount() >= this.maxConcurrentJobs) {
      return new Promise<OffThreadOutcome>((resolve) => {
        this.waiting.push({ path: doc.path, start: () => resolve(this.lint(doc, config)), cancel: () => resolve({ kind: 'superseded' }) });
      });
    }
    return this.run(doc, config, parseOnly);
  }

  private run(doc: OffThreadDocument, config: LintConfig, parseOnly: boolean): Promise<OffThreadOutcome> {
    const slot = this.slots.get(doc.path) ?? this.start(doc.path);
    // A parse-only job (a closed file on disk) computes no findings: the folder's mirror is not needed for it.
    const { changed, removed } = parseOnly ? { changed: [], removed: [] } : this.deltaFor(slot, doc.path);
    for (const entry of changed) slot.sent.set(entry[0], entry);
    for (const path of removed) slot.sent.delete(path);
    const id = this.nextId++;
    let settle: (outcome: OffThreadOutcome) => void = () => undefined;
    const outcome = new Promise<OffThreadOutcome>((resolve) => (settle = resolve));
    const timer = setTimeout(() => this.stop(doc.path, { kind: 'stopped', reason: `linting it took longer than ${formatSeconds(this.deadlineMs)}, so it was stopped` }), this.deadlineMs);
    const job: RunningJob = {
      text: doc.text,
      config,
      parseOnly,
      outcome,
      settle: (result) => {
        clearTimeout(timer);
        if (slot.running === job) slot.running = undefined;
        settle(result);
        this.startWaiting();
      },
    };
    slot.running = job;
    const onMessage = (message: LintWorkerResponse) => {
      if (message.id !== id) return;
      slot.worker.off('message', onMessage);
      job.settle(message.kind === 'result' ? { ...message, kind: 'done' } : { kind: 'stopped', reason: `linting it failed (${message.message})` });
    };
    slot.worker.on('message', onMessage);
    const repository = this.workspace.repositoryFacts();
    const request: LintWorkerJob = { kind: 'lint', id, uri: doc.uri, path: doc.path, version: doc.version, text: doc.text, config, parseOnly, changed, removed, ...(repository ? { repository } : {}) };
    slot.worker.postMessage(request);
    return outcome;
  }

  /** The document was closed: its worker stops. */
  forget(path: string): void {
    this.cancelWaiting(path);
    this.stop(path, { kind: 'superseded' });
  }

  /** A closed file's job is over: its worker stops, unless another job has started in it meanwhile. */
  forgetIdle(path: string): void {
    if (!this.slots.get(path)?.running && !this.waiting.some((w) => w.path === path)) this.stop(path, { kind: 'superseded' });
  }

  dispose(): void {
    for (const job of this.waiting.splice(0)) job.cancel();
    for (const path of [...this.slots.keys()]) this.stop(path, { kind: 'superseded' });
  }

  private runningCount(): number {
    let count = 0;
    for (const slot of this.slots.values()) if (slot.running) count++;
    return count;
  }

  private cancelWaiting(path: string): void {
    const index = this.waiting.findIndex((w) => w.path === path);
    if (index !== -1) this.waiting.splice(index, 1)[0]?.cancel();
  }

  /** A job ended: the first waiting ones start (settled jobs are counted off before this runs). */
  private startWaiting(): void {
    queueMicrotask(() => {
      while (this.waiting.length > 0 && this.runningCount() < this.maxConcurrentJobs) this.waiting.shift()?.start();
    });
  }

  private start(path: string): WorkerSlot {
    const worker = this.options.startWorker();
    worker.unref();
    const channel = new MessageChannel();
    const answered = new SharedArrayBuffer(4);
    const flag = new Int32Array(answered);
    // The worker waits (Atomics.wait) for each answer; this thread answers between its own messages.
    channel.port1.on('message', (asked: ListingQuestion) => {
      channel.port1.postMessage({ id: asked.id, type: this.workspace.entryType(asked.path) } satisfies ListingAnswer);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
    channel.port1.unref();
    const slot: WorkerSlot = { worker, listingPort: channel.port1, sent: new Map(), running: undefined };
    const failed = (reason: string) => {
      if (this.slots.get(path) === slot) this.stop(path, { kind: 'stopped', reason });
    };
    worker.on('error', (error) => failed(`the lint worker failed (${error.message})`));
    worker.on('exit', (code) => failed(`the lint worker exited (code ${code})`));
    const init: LintWorkerRequest = { kind: 'init', listingPort: channel.port2, answered };
    worker.postMessage(init, [channel.port2]);
    this.slots.set(path, slot);
    return slot;
  }

  private stop(path: string, outcome: OffThreadOutcome): void {
    const slot = this.slots.get(path);
    if (!slot) return;
    this.slots.delete(path);
    slot.running?.settle(outcome);
    slot.listingPort.close();
    void slot.worker.terminate();
  }

  /** The other files whose text the worker's mirror does not hold yet, and those gone since. */
  private deltaFor(slot: WorkerSlot, target: string): { changed: SourceText[]; removed: string[] } {
    const changed: SourceText[] = [];
    const present = new Set<string>();
    for (const entry of this.workspace.sourceTexts()) {
      const [path, text, parse] = entry;
      if (path === target) continue;
      present.add(path);
      const sent = slot.sent.get(path);
      if (sent?.[1] !== text || sent[2] !== parse) changed.push(entry);
    }
    const removed = [...slot.sent.keys()].filter((path) => !present.has(path));
    return { changed, removed };
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s` : `${ms} ms`;
}
