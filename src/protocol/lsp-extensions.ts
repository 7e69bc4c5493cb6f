// Every custom LSP message of GitOps Authoring, declared once: the server and the extension both import this
// file, and no method name string appears anywhere else. docs/lsp-extensions.md documents it (with a hash of
// this file that a test keeps in sync).
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { ReadinessReport } from '../core/readiness/readiness-types.js';

/** Custom methods share the extension's id prefix so they never collide with another server's. */
export const METHOD_PREFIX = 'gitopsAuthoring/';

export type ServerState = 'indexing' | 'ready';

export interface ServerStatusParams {
  readonly state: ServerState;
  /** Manifest files known to the server (on disk and open). */
  readonly fileCount: number;
  /** Set when the workspace could only be partly read (e.g. unreadable files). */
  readonly message?: string;
}

/** Server → client: the workspace index state, for the status bar item. Sent on every state change. */
export const serverStatusNotification = new NotificationType<ServerStatusParams>(`${METHOD_PREFIX}serverStatus`);

export interface LintWorkspaceParams {
  /** Also publish diagnostics for files that are not open (Problems panel); default false. */
  readonly includeClosedFiles?: boolean;
}

export interface LintWorkspaceResult {
  readonly fileCount: number;
  readonly errorCount: number;
  readonly warningCount: number;
  /** Findings of severity info and hint. */
  readonly otherCount: number;
}

/** Client → server: re-read the repository from disk, re-lint it, and answer with a summary. */
export const lintWorkspaceRequest = new RequestType<LintWorkspaceParams, LintWorkspaceResult, void>(`${METHOD_PREFIX}lintWorkspace`);

export interface ReadinessReportParams {
  /** The workspace folder to assess; default: every workspace folder. */
  readonly folderUri?: string;
}

export interface ReadinessFolderReport {
  /** The workspace folder; evidence paths in `report` are relative to it. */
  readonly folderUri: string;
  readonly report?: ReadinessReport;
  /** Why there is no report (the folder could not be read). */
  readonly error?: string;
}

export interface ReadinessReportResult {
  readonly folders: readonly ReadinessFolderReport[];
}

/** Client → server: the GitOps readiness report (docs/readiness.md) of workspace folders, read from disk and git. */
export const readinessReportRequest = new RequestType<ReadinessReportParams, ReadinessReportResult, void>(`${METHOD_PREFIX}readinessReport`);
