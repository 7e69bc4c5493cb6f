// Commands as a table: each id maps to a handler for a running server and, optionally, one for when it is
// not running. No handler checks "is the server up?" itself: the table answers uniformly.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { lintWorkspaceRequest } from '../protocol/lsp-extensions.js';
import type { CommandId } from './command-ids.js';
import type { ServerContext } from './server-context.js';

type Handler = (...args: unknown[]) => unknown;

interface CommandEntry {
  enabled(ctx: ServerContext, client: LanguageClient): Handler;
  disabled?(ctx: ServerContext): Handler;
}

export const COMMANDS = {
  'gitopsAuthoring.restartServer': {
    enabled: (ctx) => () => ctx.restart(),
    disabled: (ctx) => () => ctx.start(),
  },
  'gitopsAuthoring.showServerOutput': {
    enabled: (ctx) => () => ctx.outputChannel.show(true),
    disabled: (ctx) => () => ctx.outputChannel.show(true),
  },
  'gitopsAuthoring.lintWorkspace': {
    enabled: (_ctx, client) => async () => {
      const result = await client.sendRequest(lintWorkspaceRequest, { includeClosedFiles: true });
      void vscode.window.showInformationMessage(
        `GitOps Authoring: ${result.fileCount} file(s) linted — ${result.errorCount} error(s), ${result.warningCount} warning(s), ${result.otherCount} other.`,
      );
    },
  },
} satisfies Record<CommandId, CommandEntry>;

export function registerCommands(ctx: ServerContext): void {
  for (const [id, entry] of Object.entries(COMMANDS) as [CommandId, CommandEntry][]) {
    ctx.own(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        const client = ctx.runningClient;
        if (client) return entry.enabled(ctx, client)(...args);
        if (entry.disabled) return entry.disabled(ctx)(...args);
        void vscode.window.showInformationMessage('GitOps Authoring: the language server is not running. Open a manifest to start it.');
        return undefined;
      }),
    );
  }
}
