// Drives one language server process over stdio for the benchmark: cold start, one-character edits and
// the time until the matching diagnostics arrive, and the process's memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  ExitNotification,
  ShutdownRequest,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

const DIAGNOSTICS_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 60_000);

export interface ServerUnderTest {
  readonly name: string;
  readonly command: readonly string[];
  /** Answers the server's own requests (configuration, schemas) and sends its setup notifications. */
  configure(connection: ProtocolConnection): void;
  afterInitialized?(connection: ProtocolConnection): Promise<void>;
  readonly initializationOptions?: unknown;
}

export interface OneCharEdit {
  readonly line: number;
  readonly character: number;
  readonly text: string;
}

export interface ServerRun {
  readonly coldMs: number;
  /** From spawning the process to the answer to `initialize` (process start, code loading). */
  readonly initializeMs: number;
  /**
   * CPU time the server process used (all its threads) up to its `initialize` answer and up to the first
   * diagnostics: far less sensitive to other jobs on the machine than the wall times. NaN off Linux.
   */
  readonly initializeCpuMs: number;
  readonly coldCpuMs: number;
  readonly changeMs: readonly number[];
  readonly rssMb: number;
  readonly peakRssMb: number;
  readonly firstDiagnosticCount: number;
}

export async function runServer(sut: ServerUnderTest, rootUri: string, uri: string, text: string, edits: readonly OneCharEdit[], warmup: number): Promise<ServerRun> {
  const started = performance.now();
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const child = spawn(process.execPath, [...nodeArgs, ...sut.command], { stdio: ['pipe', 'pipe', 'pipe'] });
  if (process.env.BENCH_DEBUG) child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${sut.name}] ${d}`));
  else child.stderr?.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: { at: number; params: PublishDiagnosticsParams }[] = [];
  let wake: (() => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri) return;
    published.push({ at: performance.now(), params });
    wake?.();
  });
  sut.configure(connection);
  connection.listen();
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions: sut.initializationOptions,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } } },
    });
    const initializeMs = performance.now() - started;
    const initializeCpuMs = cpuMsOf(child);
    await connection.sendNotification(InitializedNotification.type, {});
    await sut.afterInitialized?.(connection);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const first = await nextPublication(0);
    const coldMs = first.at - started;
    const coldCpuMs = cpuMsOf(child);

    const changeMs: number[] = [];
    for (let i = 0; i < edits.length; i++) {
      const edit = edits[i] as OneCharEdit;
      const version = i + 2;
      const seen = published.length;
      const sent = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: edit.line, character: edit.character }, end: { line: edit.line, character: edit.character + 1 } }, text: edit.text }],
      });
      // A server that versions its diagnostics is matched on the version; one that does not, on the next publication.
      const answer = await nextPublication(seen, (p) => p.version === undefined || p.version === version);
      if (i >= warmup) changeMs.push(answer.at - sent);
    }
    const memory = readMemory(child);
    return { coldMs, initializeMs, initializeCpuMs, coldCpuMs, changeMs, rssMb: memory.rss, peakRssMb: memory.peak, firstDiagnosticCount: first.params.diagnostics.length };
  } finally {
    await shutDown(connection, child);
  }

  function nextPublication(from: number, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<{ at: number; params: PublishDiagnosticsParams }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${sut.name}: no diagnostics within ${DIAGNOSTICS_TIMEOUT_MS} ms`)), DIAGNOSTICS_TIMEOUT_MS);
      const check = () => {
        const found = published.slice(from).find((p) => accept(p.params));
        if (!found) return;
        clearTimeout(timer);
        wake = undefined;
        resolve(found);
      };
      wake = check;
      check();
    });
  }
}

/** Asks the server to exit (so profilers can write their output), and kills it if it does not. */
async function shutDown(connection: ProtocolConnection, child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
  try {
    await Promise.race([connection.sendRequest(ShutdownRequest.type), deadline]);
    await connection.sendNotification(ExitNotification.type);
  } catch {
    // a server that already died is fine here
  }
  await Promise.race([exited, deadline]);
  connection.dispose();
  if (child.exitCode === null) child.kill();
}

function readMemory(child: ChildProcess): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** CPU time of every thread of the process so far (`/proc/PID/task/TID/schedstat`, first field: ns on a CPU). */
function cpuMsOf(child: ChildProcess): number {
  try {
    const tasks = readdirSync(`/proc/${child.pid}/task`);
    return tasks.reduce((sum, tid) => sum + Number(readFileSync(`/proc/${child.pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]), 0) / 1e6;
  } catch {
    return NaN;
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
