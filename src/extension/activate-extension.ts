// Activation: cheap. The server starts when the first YAML/JSON document of the workspace needs it.
import * as vscode from 'vscode';
import { describeStartFailure, needsServer } from './client-config.js';
import { registerCommands } from './command-table.js';
import { ServerContext } from './server-context.js';

export async function activateExtension(extension: vscode.ExtensionContext): Promise<ServerContext> {
  const ctx = new ServerContext(extension);
  registerCommands(ctx);
  if (vscode.workspace.textDocuments.some(needsServer)) {
    try {
      await ctx.start();
    } catch (error) {
      // VS Code shows nothing for a failed activation: say it, then rethrow so the host records it.
      void vscode.window.showErrorMessage(describeStartFailure(error));
      throw error;
    }
  } else {
    const listener = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!needsServer(document)) return;
      listener.dispose();
      ctx.start().catch((error: unknown) => void vscode.window.showErrorMessage(describeStartFailure(error)));
    });
    ctx.own(listener);
  }
  return ctx;
}
