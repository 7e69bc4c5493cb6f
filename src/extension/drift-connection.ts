// Drift's side of the language client: tells the server when to watch (DriftWatchLifecycle decides), feeds the
// server's environments and deltas into the store, clears it when the client stops, and keeps the context
// keys that welcome views and menus read. Thin: the decisions live in vscode-free helpers.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { driftDeltaNotification, driftEnvironmentsNotification, driftWatchRequest, type DriftEnvironmentsParams, type DriftWatchParams } from '../protocol/drift-messages.js';
import { SETTINGS_SECTION } from '../protocol/settings.js';
import { needsServer } from './client-config.js';
import { DRIFT_CONTEXT_KEYS } from './command-ids.js';
import { driftContextValues } from './drift-context-keys.js';
import type { DriftStore } from './drift/drift-store.js';
import { DRIFT_SETTINGS, kubeconfigFromInspection, PICKED_CONTEXTS_STATE_KEY, readPickedContexts, withPickedContext } from './drift-settings.js';
import { DriftWatchLifecycle, type DriftWatchInputs } from './drift-watch-lifecycle.js';
import type { ServerContext } from './server-context.js';
import { normalizeDeltaUris } from './drift-uris.js';

/** Settings the server's watch depends on: a change re-sends `driftWatch` even when its params look the same. */
const WATCH_SETTINGS = [DRIFT_SETTINGS.enabled, DRIFT_SETTINGS.kubeconfig];

export class DriftConnection implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly lifecycle: DriftWatchLifecycle;
  private client: LanguageClient | undefined;
  private viewVisible = false;
  /** The server answered at least once since it started (before that, "no kubeconfig" is not known). */
  private heardFromServer = false;
  private readonly contextKeys = new Map<string, boolean>();
  private enabled = isDriftEnabled();
  private readonly heardChanged = new vscode.EventEmitter<boolean>();
  /** True once the server answered, false when it went away (its next results are a first sync). */
  readonly onDidChangeHeardFromServer = this.heardChanged.event;

  constructor(
    private readonly ctx: ServerContext,
    private readonly store: DriftStore,
    private readonly workspaceState: vscode.Memento,
  ) {
    this.lifecycle = new DriftWatchLifecycle((params) => this.sendWatch(params), { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) });
    this.disposables.push(
      this.heardChanged,
      ctx.onDidChangeClient((client) => this.useClient(client)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(`${SETTINGS_SECTION}.drift`)) return;
        const wasEnabled = this.enabled;
        this.enabled = isDriftEnabled();
        // Turned off: nothing stale stays on screen (tree, decorations, status bar); turned on: a fresh watch.
        if (wasEnabled && !this.enabled) this.forget();
        // The editor-only settings (decorations, CodeLens, notifications) are none of the server's business.
        this.update(WATCH_SETTINGS.some((key) => e.affectsConfiguration(`${SETTINGS_SECTION}.${key}`)));
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.setContextKey(DRIFT_CONTEXT_KEYS.untrusted, false);
        this.update(true);
      }),
      store.onChange((change) => {
        if (change.environments) this.updateContextKeys();
      }),
    );
    this.setContextKey(DRIFT_CONTEXT_KEYS.untrusted, !vscode.workspace.isTrusted);
    this.updateContextKeys();
    const running = ctx.runningClient;
    if (running) this.useClient(running);
  }

  /** The drift view became visible or hidden. Showing it starts the server if it is not running. */
  setViewVisible(visible: boolean): void {
    this.viewVisible = visible;
    if (visible && !this.ctx.runningClient && isDriftEnabled()) {
      this.ctx.start().catch((error: unknown) => this.ctx.outputChannel.appendLine(`Drift: the language server did not start: ${String(error)}`));
    }
    this.update();
  }

  get pickedContexts(): Record<string, string> {
    return readPickedContexts(this.workspaceState.get(PICKED_CONTEXTS_STATE_KEY));
  }

  /** Keeps (or clears, with undefined) an environment's context for this workspace, and tells the server. */
  async pickContext(environmentId: string, context: string | undefined): Promise<void> {
    await this.workspaceState.update(PICKED_CONTEXTS_STATE_KEY, withPickedContext(this.pickedContexts, environmentId, context));
    this.update(true);
  }

  dispose(): void {
    this.lifecycle.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private useClient(client: LanguageClient | undefined): void {
    if (client === this.client) return;
    this.client = client;
    this.disconnected();
    if (!client) return;
    this.ctx.ownForClient(client.onNotification(driftEnvironmentsNotification, (params) => this.applyEnvironments(params)));
    this.ctx.ownForClient(
      client.onNotification(driftDeltaNotification, (params) => {
        if (this.isAccepting()) this.store.applyDelta(normalizeDeltaUris(params, (uri) => vscode.Uri.parse(uri).toString()));
      }),
    );
    // The client restarts a crashed server by itself: a new server knows nothing, so start over.
    this.ctx.ownForClient(
      client.onDidChangeState((e) => {
        if (this.client !== client) return;
        if (e.newState === State.Stopped) this.disconnected();
        else if (e.newState === State.Running) this.lifecycle.connected(true);
      }),
    );
    this.lifecycle.connected(true);
  }

  private disconnected(): void {
    this.lifecycle.connected(false);
    this.setContextKey(DRIFT_CONTEXT_KEYS.failed, false);
    this.forget();
  }

  /** Nothing the server said holds any more. */
  private forget(): void {
    const wasHeard = this.heardFromServer;
    this.heardFromServer = false;
    this.store.clear();
    this.updateContextKeys();
    if (wasHeard) this.heardChanged.fire(false);
  }

  private update(force = false): void {
    this.lifecycle.update(this.inputs(), force);
  }

  private inputs(): DriftWatchInputs {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const kubeconfig = kubeconfigFromInspection(config.inspect<string>(DRIFT_SETTINGS.kubeconfig), homedir());
    return {
      trusted: vscode.workspace.isTrusted,
      enabled: this.enabled,
      viewVisible: this.viewVisible,
      manifestVisible: vscode.window.visibleTextEditors.some((e) => needsServer(e.document) && vscode.workspace.getWorkspaceFolder(e.document.uri) !== undefined),
      ...(kubeconfig ? { kubeconfig } : {}),
      contexts: this.pickedContexts,
    };
  }

  private sendWatch(params: DriftWatchParams): void {
    const client = this.client;
    if (!client) return;
    client.sendRequest(driftWatchRequest, params).then(
      (answer) => {
        if (this.client !== client) return;
        this.setContextKey(DRIFT_CONTEXT_KEYS.failed, false);
        this.applyEnvironments(answer);
      },
      (error: unknown) => {
        this.ctx.outputChannel.appendLine(`Drift: driftWatch failed: ${error instanceof Error ? error.message : String(error)}`);
        if (this.client === client && params.watching) this.setContextKey(DRIFT_CONTEXT_KEYS.failed, true);
      },
    );
  }

  /** Results are shown only while drift is on and the workspace trusted (a late answer must not refill the view). */
  private isAccepting(): boolean {
    return this.enabled && vscode.workspace.isTrusted;
  }

  private applyEnvironments(params: DriftEnvironmentsParams): void {
    if (!this.isAccepting()) return;
    const isFirst = !this.heardFromServer;
    this.heardFromServer = true;
    this.store.applyEnvironments(params);
    this.updateContextKeys();
    if (isFirst) this.heardChanged.fire(true);
  }

  private updateContextKeys(): void {
    const facts = { heardFromServer: this.heardFromServer, kubeconfigFound: this.store.kubeconfigFound, environmentCount: this.store.environments().length, totals: this.store.totals() };
    for (const [key, value] of driftContextValues(facts)) this.setContextKey(key, value);
  }

  private setContextKey(key: string, value: boolean): void {
    if (this.contextKeys.get(key) === value) return;
    this.contextKeys.set(key, value);
    void vscode.commands.executeCommand('setContext', key, value);
  }
}

export function isDriftEnabled(): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<boolean>(DRIFT_SETTINGS.enabled, true);
}
