// The drift settings as the extension reads them, free of `vscode` so it is unit-tested in plain Node.
import { SETTINGS_SECTION } from '../protocol/settings.js';

export const DRIFT_SETTINGS = {
  enabled: 'drift.enabled',
  decorations: 'drift.decorations',
  codeLens: 'drift.codeLens',
  notifications: 'drift.notifications',
  kubeconfig: 'drift.kubeconfig',
} as const;

/** Full ids (`gitopsAuthoring.drift.kubeconfig`), as package.json declares them. */
export const DRIFT_SETTING_IDS: readonly string[] = Object.values(DRIFT_SETTINGS).map((key) => `${SETTINGS_SECTION}.${key}`);

/** Workspace memento key of the contexts picked per environment id. */
export const PICKED_CONTEXTS_STATE_KEY = 'gitopsAuthoring.drift.pickedContexts';

/**
 * The kubeconfig path from `WorkspaceConfiguration.inspect()`: only the user/machine value counts, never a
 * workspace or folder value (a repository must not choose which credentials you use). `~` is the home folder.
 */
export function kubeconfigFromInspection(inspection: { readonly globalValue?: unknown } | undefined, homeDir: string): string | undefined {
  const value = inspection?.globalValue;
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (trimmed === '~') return homeDir;
  if (trimmed.startsWith('~/') || trimmed.startsWith('~\\')) return `${homeDir}${trimmed.slice(1)}`;
  return trimmed;
}

/** Contexts picked per environment, from whatever the memento holds. */
export function readPickedContexts(raw: unknown): Record<string, string> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: Record<string, string> = {};
  for (const [id, context] of Object.entries(raw as Record<string, unknown>)) if (typeof context === 'string' && context !== '') out[id] = context;
  return out;
}

/** The picked contexts with one environment's choice set (a context) or cleared (undefined). */
export function withPickedContext(picked: Readonly<Record<string, string>>, environmentId: string, context: string | undefined): Record<string, string> {
  const next = { ...picked };
  if (context) next[environmentId] = context;
  else delete next[environmentId];
  return next;
}

/** Activation time in whole milliseconds, as the output channel prints it. */
export function describeActivation(ms: number): string {
  return `GitOps Authoring activated in ${Math.round(ms)} ms`;
}
