// The page's side of the lint worker. At most one request is in flight: while the worker lints, further
// edits only mark the text dirty, and the latest text goes out when the answer arrives. Typing never waits,
// and markers never show an answer older than the one before.
import type { LintRequest, LintResponse, WorkerMessage } from './lint-protocol.js';

export type LintInput = Omit<LintRequest, 'id'>;

export interface LintClient {
  /** Lints `input` as soon as the worker is free (a newer call replaces a waiting one). */
  request(input: LintInput): void;
}

/** The part of a Worker the client uses (a fake in unit tests). */
export interface LintWorkerPort {
  postMessage(message: LintRequest): void;
  addEventListener(type: 'message', listener: (event: { readonly data: WorkerMessage }) => void): void;
}

export function createLintClient(worker: LintWorkerPort, onResult: (response: LintResponse, input: LintInput) => void): LintClient {
  let nextId = 1;
  let inFlight: { id: number; input: LintInput } | undefined;
  let waiting: LintInput | undefined;

  const send = (input: LintInput) => {
    inFlight = { id: nextId++, input };
    worker.postMessage({ ...input, id: inFlight.id } satisfies LintRequest);
  };

  worker.addEventListener('message', (event) => {
    const answered = inFlight;
    if (event.data.type !== 'lint' || !answered || event.data.id !== answered.id) return;
    inFlight = undefined;
    if (waiting) {
      const next = waiting;
      waiting = undefined;
      send(next);
    }
    onResult(event.data, answered.input);
  });

  return {
    request(input) {
      if (inFlight) waiting = input;
      else send(input);
    },
  };
}
