// The drift UI, assembled: the store, its connection to the server, the Drift view, the status bar item,
// notifications, the diff documents, and the commands the command table routes here. Creating it is cheap
// (no cluster, no server): it runs during activation.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { driftRefreshRequest, type DriftResourceView, type DriftSourceView } from '../protocol/drift-messages.js';
import { SETTINGS_SECTION } from '../protocol/settings.js';
import { DRIFT_VIEW_CONTAINER_ID, DRIFT_VIEW_ID } from './command-ids.js';
import { registerDriftCodeLens } from './drift/drift-code-lens.js';
import type { DriftEditorSettings } from './drift/drift-decoration-model.js';
import { registerDriftDecorations } from './drift/drift-decorations.js';
import { findingsOnLine } from './drift/drift-hover-model.js';
import { registerDriftHover } from './drift/drift-hover-provider.js';
import { DriftStore, isDriftedStatus } from './drift/drift-store.js';
import { DriftTreeProvider } from './drift/drift-tree-provider.js';
import type { DriftTreeNode } from './drift/drift-tree-types.js';
import { DriftViewStateMemento } from './drift/drift-view-state.js';
import { DriftConnection, isDriftEnabled } from './drift-connection.js';
import { pickContextFor, pickEnvironment } from './drift-context-picker.js';
import { DriftDiffDocuments } from './drift-diff-documents.js';
import { DriftNotifications } from './drift-notifications.js';
import { DRIFT_SETTINGS } from './drift-settings.js';
import { DriftStatusBar } from './drift-status-bar.js';
import { resourceKeyText, toDriftTarget, type DriftTarget } from './drift-target.js';
import type { ServerContext } from './server-context.js';

export class DriftFeature implements vscode.Disposable {
  readonly store = new DriftStore();
  private readonly connection: DriftConnection;
  private readonly diffDocuments: DriftDiffDocuments;
  private readonly tree: DriftTreeProvider;
  private readonly view: vscode.TreeView<DriftTreeNode>;
  private editorSettings: DriftEditorSettings = readEditorSettings();
  private connecting: Promise<void> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(ctx: ServerContext, extension: vscode.ExtensionContext) {
    this.connection = new DriftConnection(ctx, this.store, extension.workspaceState);
    // The grouping and filter chosen last in this workspace survive a reload.
    const viewState = new DriftViewStateMemento(extension.workspaceState);
    this.tree = new DriftTreeProvider(this.store, { ...viewState.load(), onViewStateChange: (state) => void viewState.save(state) });
    this.view = vscode.window.createTreeView(DRIFT_VIEW_ID, { treeDataProvider: this.tree, showCollapseAll: true });
    this.tree.attach(this.view);
    const statusBar = new DriftStatusBar(this.store);
    const notifications = new DriftNotifications(this.store);
    this.diffDocuments = new DriftDiffDocuments(this.store, () => ctx.runningClient);
    this.disposables.push(
      this.connection,
      this.view,
      this.tree,
      statusBar,
      notifications,
      this.diffDocuments,
      vscode.workspace.onDidChangeConfiguration((e) => {
        // Before the renderers' own listeners run: they read these settings when they redraw.
        if (e.affectsConfiguration('gitopsAuthoring.drift')) this.editorSettings = readEditorSettings();
      }),
      registerDriftDecorations(this.store, () => this.editorSettings),
      registerDriftHover(this.store),
      registerDriftCodeLens(this.store, () => this.editorSettings),
      this.view.onDidChangeVisibility((e) => this.connection.setViewVisible(e.visible)),
      this.store.onChange((change) => {
        if (change.environments) this.showConnectingProgress();
      }),
      this.connection.onDidChangeHeardFromServer((heard) => {
        statusBar.setHeardFromServer(heard);
        if (!heard) notifications.reset();
      }),
    );
    if (this.view.visible) this.connection.setViewVisible(true);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }

  // ---- commands (the command table routes here) -------------------------------------------------------

  async focus(): Promise<void> {
    await vscode.commands.executeCommand(`workbench.view.extension.${DRIFT_VIEW_CONTAINER_ID}`);
  }

  async refresh(client: LanguageClient, arg: unknown): Promise<void> {
    const target = toDriftTarget(arg);
    const params = target ? { environmentId: target.environmentId } : {};
    try {
      await vscode.window.withProgress({ location: { viewId: DRIFT_VIEW_ID }, title: 'Refreshing drift' }, () => client.sendRequest(driftRefreshRequest, params));
    } catch (error) {
      void vscode.window.showErrorMessage(`GitOps Authoring: drift refresh failed: ${messageOf(error)}`);
    }
  }

  async showDiff(arg: unknown): Promise<void> {
    const target = await this.resolveResource(arg, 'Show the Git ↔ live diff of…');
    if (!target?.resourceId) return;
    try {
      await this.diffDocuments.show(target.environmentId, target.resourceId);
    } catch (error) {
      void vscode.window.showErrorMessage(`GitOps Authoring: the diff could not be opened: ${messageOf(error)}`);
    }
  }

  async openSource(arg: unknown): Promise<void> {
    const target = toDriftTarget(arg);
    const resource = target?.resourceId ? this.store.resource(target.environmentId, target.resourceId) : undefined;
    if (!target || !resource) {
      void vscode.window.showWarningMessage('GitOps Authoring: that resource is no longer in the drift results.');
      return;
    }
    const field = target.pointer ? resource.fields.find((f) => f.pointer === target.pointer) : undefined;
    const source = field?.source ?? resource.source;
    if (!source) {
      void vscode.window.showInformationMessage(
        resource.status === 'Orphan' ? `${resource.label} is not declared in Git (Orphan: it exists only in the cluster).` : `GitOps Authoring: no source in Git is known for ${resource.label}.`,
      );
      return;
    }
    await revealSource(source);
  }

  async copyResourceKey(arg: unknown): Promise<void> {
    const resource = this.resourceOf(toDriftTarget(arg));
    if (!resource) return;
    const text = resourceKeyText(resource.key);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Copied ${text}`, 3000);
  }

  async pickContext(arg: unknown): Promise<void> {
    const target = toDriftTarget(arg);
    const environment = target ? this.store.environment(target.environmentId) : await pickEnvironment(this.store, 'Pick the kube context of which environment?');
    if (!environment) return;
    const chosen = await pickContextFor(this.store, environment, this.connection.pickedContexts[environment.id]);
    if (chosen === undefined) return;
    await this.connection.pickContext(environment.id, chosen ?? undefined);
  }

  toggleGrouping(): void {
    this.tree.toggleGrouping();
  }

  async filter(): Promise<void> {
    const onlyDrifted = this.tree.filter.onlyDrifted;
    const choice = await vscode.window.showQuickPick(
      [
        { label: onlyDrifted ? 'Show all resources' : 'Only drifted resources', description: 'Drifted, Missing, Orphan', action: 'drifted' as const },
        { label: 'By namespace…', description: this.tree.filter.namespace, action: 'namespace' as const },
        { label: 'By kind…', description: this.tree.filter.kind, action: 'kind' as const },
        ...(isFiltered(this.tree.filter) ? [{ label: 'Clear filter', action: 'clear' as const }] : []),
      ],
      { placeHolder: 'Filter the Drift view' },
    );
    if (!choice) return;
    if (choice.action === 'drifted') this.tree.setFilter({ onlyDrifted: !onlyDrifted });
    else if (choice.action === 'clear') this.tree.clearFilter();
    else {
      const values = choice.action === 'namespace' ? this.tree.namespaces() : this.tree.kinds();
      const picked = await vscode.window.showQuickPick(
        [{ label: '$(close) Any', value: undefined as string | undefined }, ...values.map((v) => ({ label: v === '' ? '(cluster-scoped)' : v, value: v }))],
        { placeHolder: choice.action === 'namespace' ? 'Show which namespace?' : 'Show which kind?' },
      );
      if (!picked) return;
      this.tree.setFilter(choice.action === 'namespace' ? { namespace: picked.value } : { kind: picked.value });
    }
  }

  clearFilter(): void {
    this.tree.clearFilter();
  }

  async toggleDecorations(): Promise<void> {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const inspection = config.inspect<boolean>(DRIFT_SETTINGS.decorations);
    const isOn = config.get<boolean>(DRIFT_SETTINGS.decorations, true);
    // Flip the value where it is set: a workspace value wins over the user's, so flipping the user's would do nothing.
    const target = inspection?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update(DRIFT_SETTINGS.decorations, !isOn, target);
    vscode.window.setStatusBarMessage(`Drift decorations ${isOn ? 'off' : 'on'}`, 3000);
  }

  // ---- helpers ------------------------------------------------------------------------------------------

  /** A progress bar in the view while any environment connects (the first list of a large cluster takes time). */
  private showConnectingProgress(): void {
    if (this.connecting || !this.store.environments().some((e) => e.state === 'Connecting')) return;
    this.connecting = new Promise<void>((resolve) => {
      const subscription = this.store.onChange(() => {
        if (this.store.environments().some((e) => e.state === 'Connecting')) return;
        subscription.dispose();
        resolve();
      });
    });
    const done = this.connecting;
    void vscode.window.withProgress({ location: { viewId: DRIFT_VIEW_ID } }, () => done).then(() => {
      this.connecting = undefined;
    });
  }

  private resourceOf(target: DriftTarget | undefined): DriftResourceView | undefined {
    const resource = target?.resourceId ? this.store.resource(target.environmentId, target.resourceId) : undefined;
    if (!resource) void vscode.window.showWarningMessage('GitOps Authoring: that resource is no longer in the drift results.');
    return resource;
  }

  /** The resource a command acts on: its argument, else the drifted line under the cursor, else a pick. */
  private async resolveResource(arg: unknown, placeHolder: string): Promise<DriftTarget | undefined> {
    const given = toDriftTarget(arg);
    if (given?.resourceId) return given;
    const editor = vscode.window.activeTextEditor;
    if (editor && !given) {
      const finding = findingsOnLine(this.store.findingsIn(editor.document.uri.toString()), editor.selection.active.line)[0];
      if (finding) return { environmentId: finding.environmentId, resourceId: finding.resource.id };
    }
    const items = this.store
      .environments()
      .filter((e) => !given || e.id === given.environmentId)
      .flatMap((e) =>
        this.store
          .resources(e.id)
          .filter((r) => isDriftedStatus(r.status))
          .map((r) => ({ label: r.label, description: `${r.status}${e.name ? ` · ${e.name}` : ''}`, detail: r.reason, target: { environmentId: e.id, resourceId: r.id } })),
      );
    if (items.length === 0) {
      void vscode.window.showInformationMessage('GitOps Authoring: nothing has drifted.');
      return undefined;
    }
    return (await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true }))?.target;
  }
}

function readEditorSettings(): DriftEditorSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const enabled = isDriftEnabled();
  return { decorations: enabled && config.get<boolean>(DRIFT_SETTINGS.decorations, true), codeLens: enabled && config.get<boolean>(DRIFT_SETTINGS.codeLens, false) };
}

function isFiltered(filter: { readonly onlyDrifted: boolean; readonly namespace?: string; readonly kind?: string }): boolean {
  return filter.onlyDrifted || filter.namespace !== undefined || filter.kind !== undefined;
}

/** Opens a manifest at its declaring line and selects that line (from its first non-blank character). */
async function revealSource(source: DriftSourceView): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(source.uri));
  const line = document.lineAt(Math.min(Math.max(source.range.start.line, 0), document.lineCount - 1));
  const selection = new vscode.Selection(line.lineNumber, line.firstNonWhitespaceCharacterIndex, line.lineNumber, line.range.end.character);
  const editor = await vscode.window.showTextDocument(document, { selection, preview: true });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
