// monaco-yaml on Monaco 0.57. monaco-yaml's worker manager calls `editor.createWebWorker({ moduleId, label,
// createData })`, the pre-0.55 signature; 0.57 wants a Worker and expects the host to post the create data
// first (as its own JSON/CSS workers do, in monaco-editor/esm/vs/internal/common/workers.js). monaco-yaml
// gets a Monaco whose createWebWorker does that, with the worker from MonacoEnvironment (monaco-workers.ts).
import type { editor } from 'monaco-editor/editor/editor.api.js';
import { configureMonacoYaml, type MonacoYaml, type MonacoYamlOptions } from 'monaco-yaml';
import type { monaco } from './monaco-editor-features.js';

interface LegacyWorkerOptions {
  readonly label?: string;
  readonly createData?: unknown;
  readonly host?: Record<string, (...args: unknown[]) => unknown>;
  readonly keepIdleModels?: boolean;
}

export function setUpMonacoYaml(api: typeof monaco, createWorker: (label: string) => Worker, options: MonacoYamlOptions): MonacoYaml {
  const createWebWorker = (opts: LegacyWorkerOptions): editor.MonacoWebWorker<unknown> => {
    const worker = createWorker(opts.label ?? 'yaml');
    worker.postMessage('ignore');
    worker.postMessage(opts.createData);
    return api.editor.createWebWorker({ worker, host: opts.host, keepIdleModels: opts.keepIdleModels });
  };
  const compatible = { ...api, editor: { ...api.editor, createWebWorker } };
  return configureMonacoYaml(compatible as unknown as Parameters<typeof configureMonacoYaml>[0], options);
}
