// Activation: cheap (≤ 50 ms, no cluster, no server). The server starts when the first YAML/JSON document of
// the workspace needs it, or when the Drift view shows; the drift UI is created empty and fills in later.
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { describeStartFailure, needsServer } from './client-config.js';
import { registerCommands } from './command-table.js';
import { DriftFeature } from './drift-feature.js';
import { describeActivation } from './drift-settings.js';
import { ReadinessPanel } from './readiness/readiness-panel.js';
import { ServerContext } from './server-context.js';
import { WriteBackFeature } from './writeback/writeback-feature.js';

export function activateExtension(extension: vscode.ExtensionContext): ServerContext {
  const started = performance.now();
  const ctx = new ServerContext(extension);
  const drift = new DriftFeature(ctx, extension);
  ctx.own(drift);
  const readiness = new ReadinessPanel(() => ctx.runningClient);
  ctx.own(readiness);
  const writeBack = new WriteBackFeature(drift.store, extension.secrets);
  ctx.own(writeBack);
  registerCommands(ctx, drift, readiness, writeBack);
  const start = (): void => {
    // Not awaited: activation must not wait for a process. A failed start is shown (VS Code would show nothing).
    ctx.start().catch((error: unknown) => void vscode.window.showErrorMessage(describeStartFailure(error)));
  };
  if (vscode.workspace.textDocuments.some(needsServer)) {
    setImmediate(start);
  } else {
    const listener = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!needsServer(document)) return;
      listener.dispose();
      start();
    });
    ctx.own(listener);
  }
  ctx.outputChannel.appendLine(describeActivation(performance.now() - started));
  return ctx;
}
