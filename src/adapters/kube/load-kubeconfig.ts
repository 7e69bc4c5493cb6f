import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterAccessError, ClusterStatus } from './cluster-status.js';

export interface KubeconfigOptions {
  /** A kubeconfig file or a KUBECONFIG-style list (the `--kubeconfig` flag or the setting). */
  readonly kubeconfig?: string;
  /** Context to use (default: the one whose cluster `cluster` names, else the current-context). */
  readonly context?: string;
  /** An Argo CD destination (server URL or cluster name) to pick the context by. */
  readonly cluster?: string;
  readonly env?: NodeJS.ProcessEnv;
}

export interface LoadedKubeconfig {
  readonly kc: KubeConfig;
  readonly context: string;
  readonly server: string;
  /** The context's namespace, if it sets one. */
  readonly namespace?: string;
  readonly files: readonly string[];
  readonly contexts: readonly string[];
}

/**
 * Loads kubeconfig as kubectl does: the explicit file(s), else every file of `KUBECONFIG` (merged, first
 * wins), else ~/.kube/config. Never falls back to an in-cluster or localhost:8080 guess: no config is an error.
 */
/**
 * The context whose cluster an Argo CD destination names (`destination.server` URL or `destination.name`),
 * when exactly one matches. Argo's in-cluster URL is its own cluster: only the user knows which context that is.
 */
export function contextForCluster(kc: KubeConfig, serverOrName: string): string | undefined {
  if (serverOrName === 'https://kubernetes.default.svc' || serverOrName === 'in-cluster') return undefined;
  const strip = (u: string) => u.replace(/\/+$/, '');
  const matches = kc.getContexts().filter((c) => {
    const cluster = kc.getCluster(c.cluster);
    return cluster !== null && (strip(cluster.server) === strip(serverOrName) || cluster.name === serverOrName || c.name === serverOrName);
  });
  return matches.length === 1 ? matches[0]?.name : undefined;
}

export function loadKubeconfig(options: KubeconfigOptions = {}): LoadedKubeconfig {
  const env = options.env ?? process.env;
  const list = options.kubeconfig ?? env.KUBECONFIG;
  const files = (list ? list.split(delimiter) : [join(env.HOME ?? homedir(), '.kube', 'config')]).filter((f) => f !== '');
  const present = files.filter((f) => existsSync(f));
  if (present.length === 0) {
    throw new ClusterAccessError(`no kubeconfig found (looked at ${files.join(', ') || '$KUBECONFIG'}); pass --kubeconfig or set KUBECONFIG`, ClusterStatus.Unreachable, { code: 'no-kubeconfig' });
  }
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(present[0] as string);
    for (const f of present.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(f);
      mergeFirstWins(kc, more);
    }
  } catch (error) {
    throw new ClusterAccessError(`kubeconfig could not be read: ${error instanceof Error ? error.message : String(error)}`, ClusterStatus.Unreachable);
  }
  const contexts = kc.getContexts().map((c) => c.name);
  const context = options.context ?? (options.cluster ? contextForCluster(kc, options.cluster) : undefined) ?? kc.getCurrentContext();
  if (!context) throw new ClusterAccessError(`kubeconfig has no current-context; choose one of: ${contexts.join(', ') || '(none)'}`, ClusterStatus.Unreachable);
  const ctx = kc.getContextObject(context);
  if (!ctx) throw new ClusterAccessError(`context '${context}' not found in kubeconfig; known: ${contexts.join(', ') || '(none)'}`, ClusterStatus.Unreachable);
  kc.setCurrentContext(context);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) throw new ClusterAccessError(`context '${context}' names no cluster with a server`, ClusterStatus.Unreachable);
  checkExecPlugin(kc, env);
  return { kc, context, server: cluster.server.replace(/\/+$/, ''), ...(ctx.namespace ? { namespace: ctx.namespace } : {}), files: present, contexts };
}

/**
 * An exec credential plugin that is not installed fails deep inside the client with a bare ENOENT; say which
 * command is missing and show the plugin's own `installHint`, as kubectl does.
 */
function checkExecPlugin(kc: KubeConfig, env: NodeJS.ProcessEnv): void {
  const exec = kc.getCurrentUser()?.exec as { command?: string; installHint?: string } | undefined;
  if (!exec?.command) return;
  if (isOnPath(exec.command, env)) return;
  const hint = exec.installHint?.trim();
  throw new ClusterAccessError(
    `exec credential plugin '${exec.command}' for context '${kc.getCurrentContext()}' was not found${hint ? `\n${hint}` : ''}`,
    ClusterStatus.Unauthorized,
    hint ? { installHint: hint } : {},
  );
}

function isOnPath(command: string, env: NodeJS.ProcessEnv): boolean {
  if (isAbsolute(command) || command.includes('/')) return existsSync(command);
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/** kubectl's merge rule: the first file to define a name (or the current-context) wins; later ones only add. */
function mergeFirstWins(into: KubeConfig, more: KubeConfig): void {
  if (!into.getCurrentContext() && more.getCurrentContext()) into.setCurrentContext(more.getCurrentContext());
  for (const c of more.clusters) if (!into.clusters.some((x) => x.name === c.name)) into.addCluster(c);
  for (const u of more.users) if (!into.users.some((x) => x.name === u.name)) into.addUser(u);
  for (const c of more.contexts) if (!into.contexts.some((x) => x.name === c.name)) into.addContext(c);
}
