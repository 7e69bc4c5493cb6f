// Test harness: a private server per test file, a temp kubeconfig, and the real kubectl run against it
// with its caches in a temp HOME (never ~/.kube).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { start, type ClusterHandle, type StartOptions } from './api-server/start.js';
import type { JsonObject } from './api-server/types.js';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestCluster {
  handle: ClusterHandle;
  dir: string;
  kubectl(args: string[], opts?: { env?: Record<string, string>; input?: string }): Promise<KubectlResult>;
  /** kubectl that must succeed; returns stdout. */
  run(...args: string[]): Promise<string>;
  getJson(...args: string[]): Promise<JsonObject>;
  write(name: string, content: string): string;
  stop(): Promise<void>;
}

let kubectlChecked = false;

export function requireKubectl(): void {
  if (kubectlChecked) return;
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    kubectlChecked = true;
  } catch {
    throw new Error('kubectl is not on PATH: the cluster fidelity suite drives the test API server with the real kubectl 1.32; install it to run these tests');
  }
}

export async function startTestCluster(options: StartOptions = {}): Promise<TestCluster> {
  requireKubectl();
  const dir = mkdtempSync(join(tmpdir(), 'cluster-test-'));
  const handle = await start({ kubeconfigPath: join(dir, 'kubeconfig'), ...options });
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    KUBECONFIG: handle.kubeconfigPath,
    KUBECACHEDIR: join(dir, 'kube-cache'),
  };
  const kubectl: TestCluster['kubectl'] = (args, opts = {}) =>
    new Promise((resolve) => {
      const child = execFile('kubectl', args, { env: { ...baseEnv, ...opts.env }, cwd: dir, timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === 'number' ? ((err as unknown as { code: number }).code) : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      });
      if (opts.input !== undefined) child.stdin?.end(opts.input);
    });
  const run = async (...args: string[]) => {
    const r = await kubectl(args);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  return {
    handle,
    dir,
    kubectl,
    run,
    getJson: async (...args) => JSON.parse(await run(...args, '-o', 'json', '--show-managed-fields')) as JsonObject,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    stop: async () => {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The managedFields entry of a manager, found by manager, operation and subresource. */
export function managedEntry(obj: JsonObject, manager: string, operation = 'Update', subresource?: string): JsonObject | undefined {
  const mf = (obj.metadata as JsonObject).managedFields;
  if (!Array.isArray(mf)) return undefined;
  return mf.find((e) => {
    const x = e as JsonObject;
    return x.manager === manager && x.operation === operation && (x.subresource ?? undefined) === subresource;
  }) as JsonObject | undefined;
}

export function yamlDoc(text: string): JsonObject {
  return parseYaml(text) as JsonObject;
}

/** Polls until check returns a value, failing after the deadline (no fixed sleeps). */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
