// Commands as a table: each id maps to a handler for a running server and, optionally, one for when it is
// not running. No handler checks "is the server up?" itself: the table answers uniformly.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { lintWorkspaceRequest } from '../protocol/lsp-extensions.js';
import { runAgentControl } from './agent-control-commands.js';
import type { CommandId } from './command-ids.js';
import type { DriftFeature } from './drift-feature.js';
import { addIgnoreRule } from './ignore-rule-command.js';
import type { ReadinessPanel } from './readiness/readiness-panel.js';
import type { ServerContext } from './server-context.js';
import type { WriteBackFeature } from './writeback/writeback-feature.js';

type Handler = (...args: unknown[]) => unknown;

interface CommandEntry {
  enabled(ctx: ServerContext, client: LanguageClient, drift: DriftFeature, readiness: ReadinessPanel, writeBack: WriteBackFeature): Handler;
  disabled?(ctx: ServerContext, drift: DriftFeature, readiness: ReadinessPanel, writeBack: WriteBackFeature): Handler;
}

/** Starts the server for a drift command that needs it, and says so. */
const startForDrift = (ctx: ServerContext) => () => {
  void vscode.window.setStatusBarMessage('GitOps Authoring: starting the language server for drift…', ctx.start().then(() => undefined, () => undefined));
};

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
  'gitopsAuthoring.readinessReport': {
    enabled: (_ctx, _client, _drift, readiness) => () => readiness.show(),
    // The report is computed by the server: start it, then show.
    disabled: (ctx, _drift, readiness) => async () => {
      await ctx.start();
      await readiness.show();
    },
  },
  'gitopsAuthoring.drift.focus': {
    enabled: (_ctx, _client, drift) => () => drift.focus(),
    disabled: (_ctx, drift) => () => drift.focus(), // showing the view starts the server
  },
  'gitopsAuthoring.drift.refresh': {
    enabled: (_ctx, client, drift) => (arg) => drift.refresh(client, arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.drift.showDiff': {
    enabled: (_ctx, _client, drift) => (arg) => drift.showDiff(arg),
  },
  'gitopsAuthoring.drift.openSource': {
    enabled: (_ctx, _client, drift) => (arg) => drift.openSource(arg),
    disabled: (_ctx, drift) => (arg) => drift.openSource(arg),
  },
  'gitopsAuthoring.drift.copyResourceKey': {
    enabled: (_ctx, _client, drift) => (arg) => drift.copyResourceKey(arg),
    disabled: (_ctx, drift) => (arg) => drift.copyResourceKey(arg),
  },
  'gitopsAuthoring.drift.pickContext': {
    enabled: (_ctx, _client, drift) => (arg) => drift.pickContext(arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.drift.toggleGrouping': {
    enabled: (_ctx, _client, drift) => () => drift.toggleGrouping(),
    disabled: (_ctx, drift) => () => drift.toggleGrouping(),
  },
  'gitopsAuthoring.drift.filter': {
    enabled: (_ctx, _client, drift) => () => drift.filter(),
    disabled: (_ctx, drift) => () => drift.filter(),
  },
  'gitopsAuthoring.drift.clearFilter': {
    enabled: (_ctx, _client, drift) => () => drift.clearFilter(),
    disabled: (_ctx, drift) => () => drift.clearFilter(),
  },
  'gitopsAuthoring.drift.toggleDecorations': {
    enabled: (_ctx, _client, drift) => () => drift.toggleDecorations(),
    disabled: (_ctx, drift) => () => drift.toggleDecorations(),
  },
  'gitopsAuthoring.writeBack.commitLiveChange': {
    enabled: (_ctx, client, _drift, _readiness, writeBack) => (arg) => writeBack.commitLiveChange(client, arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.writeBack.scale': {
    enabled: (_ctx, client, _drift, _readiness, writeBack) => (arg) => writeBack.scaleViaGit(client, arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.writeBack.setImage': {
    enabled: (_ctx, client, _drift, _readiness, writeBack) => (arg) => writeBack.setImageViaGit(client, arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.writeBack.editField': {
    enabled: (_ctx, client, _drift, _readiness, writeBack) => (arg) => writeBack.editFieldViaGit(client, arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.writeBack.setGitLabToken': {
    enabled: (_ctx, _client, _drift, _readiness, writeBack) => () => writeBack.setGitLabToken(),
    disabled: (_ctx, _drift, _readiness, writeBack) => () => writeBack.setGitLabToken(),
  },
  'gitopsAuthoring.drift.requestReconcile': {
    enabled: (_ctx, client, drift) => (arg) => runAgentControl(client, drift.store, 'reconcile', arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.drift.suspendUnit': {
    enabled: (_ctx, client, drift) => (arg) => runAgentControl(client, drift.store, 'suspend', arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.drift.resumeUnit': {
    enabled: (_ctx, client, drift) => (arg) => runAgentControl(client, drift.store, 'resume', arg),
    disabled: startForDrift,
  },
  'gitopsAuthoring.drift.addIgnoreRule': {
    enabled: (_ctx, client, drift) => (arg) => addIgnoreRule(client, drift.store, arg),
    disabled: startForDrift,
  },
} satisfies Record<CommandId, CommandEntry>;

export function registerCommands(ctx: ServerContext, drift: DriftFeature, readiness: ReadinessPanel, writeBack: WriteBackFeature): void {
  for (const [id, entry] of Object.entries(COMMANDS) as [CommandId, CommandEntry][]) {
    ctx.own(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        const client = ctx.runningClient;
        if (client) return entry.enabled(ctx, client, drift, readiness, writeBack)(...args);
        if (entry.disabled) return entry.disabled(ctx, drift, readiness, writeBack)(...args);
        void vscode.window.showInformationMessage('GitOps Authoring: the language server is not running. Open a manifest to start it.');
        return undefined;
      }),
    );
  }
}
