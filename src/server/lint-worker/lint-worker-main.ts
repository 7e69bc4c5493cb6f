// The lint worker (bundled as dist/lint-worker.js): parses and lints one large open document off the
// language server's main thread. It keeps a mirror of the folder's other files (sent as texts, only the
// changed ones per job, parsed here once) so that cross-file rules see the same workspace as on the main
// thread; what exists on disk (kustomization paths) it asks the main thread, synchronously.
import { parentPort, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { createNodeSchemaRegistry, createNodeValidator } from '../../adapters/schema/node-validator.js';
import type { Finding } from '../../core/findings/finding.js';
import { RULES } from '../../core/lint/rule-list.js';
import type { RepositoryFacts, RepositoryListing } from '../../core/ports.js';
import { IncrementalLinter } from '../incremental-lint.js';
import { isGitOpsRelevant } from '../lint-scheduler.js';
import { WorkspaceState, type SourceText } from '../workspace-state.js';
import type { WorkspaceSource } from '../workspace-source.js';
import { fileFromSummaries, summarizeDocuments } from './document-summary.js';
import type { ListingAnswer, ListingQuestion, LintWorkerInit, LintWorkerJob, LintWorkerRequest, LintWorkerResponse } from './lint-worker-protocol.js';

/** How long a listing question may wait for the main thread (it answers between its own messages). */
const LISTING_WAIT_MS = 5_000;

const texts = new Map<string, SourceText>();
const linter = new IncrementalLinter({ rules: RULES, validator: createNodeValidator(createNodeSchemaRegistry()) });
let state: WorkspaceState | undefined;
let listing: RepositoryListing = { entryType: () => undefined };
/** Listing answers of the current job (the repository may change between jobs). */
const answers = new Map<string, 'file' | 'directory' | undefined>();
/** What git says about the folder, from the newest job (the main thread asked git once per folder load). */
let repository: RepositoryFacts | undefined;

parentPort?.on('message', (message: LintWorkerRequest) => {
  if (message.kind === 'init') listing = askingListing(message);
  else parentPort?.postMessage(runJob(message));
});

function runJob(job: LintWorkerJob): LintWorkerResponse {
  try {
    const started = performance.now();
    answers.clear();
    const workspace = mirrorOf(job);
    const doc = workspace.getOpen(job.path);
    const file = doc?.file;
    const parsed = performance.now();
    const findings: readonly Finding[] = doc && !job.parseOnly && isGitOpsRelevant(doc, workspace) ? linter.lint(workspace.index(), job.path, job.config, workspace.dependencyKey) : [];
    const linted = performance.now();
    return {
      kind: 'result',
      id: job.id,
      findings,
      documents: file ? summarizeDocuments(file) : [],
      problems: file?.problems ?? [],
      parseMs: parsed - started,
      lintMs: linted - parsed,
    };
  } catch (error) {
    return { kind: 'failure', id: job.id, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The folder as the main thread sees it: the job's document open, every other file as if on disk. */
function mirrorOf(job: LintWorkerJob): WorkspaceState {
  repository = job.repository;
  const source: WorkspaceSource = {
    scan: () => ({ manifestPaths: [...texts.keys()], listing }),
    readText: (_root, path) => texts.get(path)?.[1],
    repositoryFacts: () => repository,
    parsedFile(path) {
      const [, text, parse] = texts.get(path) ?? [];
      return text !== undefined && parse ? fileFromSummaries(path, text, parse.documents, parse.problems, parse.isUnread) : undefined;
    },
  };
  const isNew = new Set(job.changed.map(([path]) => path).filter((path) => !texts.has(path)));
  for (const entry of job.changed) texts.set(entry[0], entry);
  for (const path of job.removed) texts.delete(path);
  if (!state) {
    state = new WorkspaceState(source, '.');
    state.setOpen(job.uri, job.path, job.version, job.text);
    state.loadFromDisk();
    return state;
  }
  for (const [path] of job.changed) state.diskChanged(path, isNew.has(path) ? 'created' : 'changed');
  for (const path of job.removed) state.diskChanged(path, 'deleted');
  state.setOpen(job.uri, job.path, job.version, job.text);
  return state;
}

/** Answers `entryType` by asking the main thread and waiting (this thread has nothing else to do meanwhile). */
function askingListing(init: LintWorkerInit): RepositoryListing {
  const port: MessagePort = init.listingPort;
  const flag = new Int32Array(init.answered);
  let asked = 0;
  return {
    entryType(path) {
      if (answers.has(path)) return answers.get(path);
      const id = ++asked;
      Atomics.store(flag, 0, 0);
      port.postMessage({ id, path } satisfies ListingQuestion);
      const deadline = Date.now() + LISTING_WAIT_MS;
      for (;;) {
        // An answer to an earlier question that timed out is skipped: answers are matched by id.
        for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
          const reply = received.message as ListingAnswer;
          if (reply.id !== id) continue;
          answers.set(path, reply.type);
          return reply.type;
        }
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        Atomics.wait(flag, 0, 0, left);
        Atomics.store(flag, 0, 0);
      }
    },
  };
}
