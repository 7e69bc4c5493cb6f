// Where Monaco finds its web workers: files built next to the page (scripts/build-playground.mjs), never a CDN.
const WORKER_FILES: Readonly<Record<string, string>> = {
  editorWorkerService: 'editor.worker.js',
  yaml: 'yaml.worker.js',
};

export function createMonacoWorker(pageUrl: string, label: string): Worker {
  const file = WORKER_FILES[label];
  if (!file) throw new Error(`no worker for ${label}`);
  return new Worker(new URL(file, pageUrl), { name: label });
}

export function installMonacoWorkers(pageUrl: string): void {
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker: (_moduleId: string, label: string): Worker => createMonacoWorker(pageUrl, label),
  };
}
