// Pick the kube context of an environment: a QuickPick of the kubeconfig's contexts (the store's `contexts`),
// the current one marked, and a way back to the environment's default. The choice is kept per workspace.
import * as vscode from 'vscode';
import type { DriftEnvironmentView } from '../protocol/drift-messages.js';
import type { DriftStore } from './drift/drift-store.js';

interface ContextItem extends vscode.QuickPickItem {
  readonly context: string | undefined;
}

/** Asks which environment when there are several and none was given. */
export async function pickEnvironment(store: DriftStore, placeHolder: string): Promise<DriftEnvironmentView | undefined> {
  const environments = store.environments();
  if (environments.length <= 1) return environments[0];
  const picked = await vscode.window.showQuickPick(
    environments.map((e) => ({ label: e.name || '(repository)', description: `${e.context ?? 'no context'} · ${e.state}`, detail: e.path || undefined, environment: e })),
    { placeHolder },
  );
  return picked?.environment;
}

/** The context chosen for `environment`: a name, null to go back to the default, undefined when cancelled. */
export async function pickContextFor(store: DriftStore, environment: DriftEnvironmentView, chosen: string | undefined): Promise<string | null | undefined> {
  const contexts = store.contexts;
  if (contexts.length === 0) {
    void vscode.window.showWarningMessage(
      store.kubeconfigFound ? 'GitOps Authoring: the kubeconfig lists no context.' : 'GitOps Authoring: no kubeconfig found. Set KUBECONFIG, create ~/.kube/config, or choose a file in the setting gitopsAuthoring.drift.kubeconfig.',
    );
    return undefined;
  }
  const items: ContextItem[] = [
    { label: '$(discard) Default', description: 'the context the environment declares, else the kubeconfig\'s current one', context: undefined },
    ...contexts.map((c) => ({
      label: c,
      description: [c === environment.context ? 'in use' : '', c === chosen ? 'picked' : ''].filter(Boolean).join(' · ') || undefined,
      context: c,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: `Kube context for ${environment.name || 'the repository'} (drift only reads: GET, LIST, WATCH)` });
  if (!picked) return undefined;
  return picked.context ?? null;
}
