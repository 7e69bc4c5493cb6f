import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** How we run kustomize: a standalone `kustomize build`, else `kubectl kustomize` (kustomize built in). */
export interface KustomizeTool {
  readonly command: string;
  /** Arguments before the directory. */
  readonly args: readonly string[];
  readonly label: string;
}

export type KustomizeAvailability =
  | { readonly available: true; readonly tool: KustomizeTool }
  | { readonly available: false; readonly message: string };

function which(command: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

export function findKustomize(env: NodeJS.ProcessEnv = process.env): KustomizeAvailability {
  const kustomize = which('kustomize', env);
  if (kustomize) return { available: true, tool: { command: kustomize, args: ['build'], label: 'kustomize build' } };
  const kubectl = which('kubectl', env);
  if (kubectl) return { available: true, tool: { command: kubectl, args: ['kustomize'], label: 'kubectl kustomize' } };
  return {
    available: false,
    message: 'Kustomize overlays cannot be rendered: neither `kustomize` nor `kubectl` is on PATH. Install kubectl (it includes kustomize) or kustomize, then retry.',
  };
}
