// Every command the extension contributes, declared once without `vscode` so plain-Node tests can check it
// against package.json. The command table must have an entry for each (the compiler enforces it).
export const DRIFT_COMMAND_IDS = [
  'gitopsAuthoring.drift.focus',
  'gitopsAuthoring.drift.refresh',
  'gitopsAuthoring.drift.showDiff',
  'gitopsAuthoring.drift.openSource',
  'gitopsAuthoring.drift.copyResourceKey',
  'gitopsAuthoring.drift.pickContext',
  'gitopsAuthoring.drift.toggleGrouping',
  'gitopsAuthoring.drift.filter',
  'gitopsAuthoring.drift.clearFilter',
  'gitopsAuthoring.drift.toggleDecorations',
] as const;

/** Commit a live change to Git, and the imperative intents done through Git (src/extension/writeback/). */
export const WRITEBACK_COMMAND_IDS = [
  'gitopsAuthoring.writeBack.commitLiveChange',
  'gitopsAuthoring.writeBack.scale',
  'gitopsAuthoring.writeBack.setImage',
  'gitopsAuthoring.writeBack.editField',
  'gitopsAuthoring.writeBack.setGitLabToken',
] as const;

/** Agent control (the only cluster writes, made by the server after a confirmation) and drift edits. */
export const AGENT_COMMAND_IDS = ['gitopsAuthoring.drift.requestReconcile', 'gitopsAuthoring.drift.suspendUnit', 'gitopsAuthoring.drift.resumeUnit', 'gitopsAuthoring.drift.addIgnoreRule'] as const;

export const COMMAND_IDS = ['gitopsAuthoring.restartServer', 'gitopsAuthoring.showServerOutput', 'gitopsAuthoring.lintWorkspace', 'gitopsAuthoring.readinessReport', ...DRIFT_COMMAND_IDS, ...WRITEBACK_COMMAND_IDS, ...AGENT_COMMAND_IDS] as const;

export type CommandId = (typeof COMMAND_IDS)[number];
export type DriftCommandId = (typeof DRIFT_COMMAND_IDS)[number];

/** Context key set while the language server runs (menus use it in `when` clauses). */
export const SERVER_RUNNING_CONTEXT_KEY = 'gitopsAuthoring.serverRunning';

/** Context keys of the drift UI (welcome views, menus, the command palette). */
export const DRIFT_CONTEXT_KEYS = {
  /** The server looked for a kubeconfig and found none. */
  noKubeconfig: 'gitopsAuthoring.drift.noKubeconfig',
  /** The server listed at least one environment. */
  hasEnvironments: 'gitopsAuthoring.drift.hasEnvironments',
  /** At least one resource is Drifted, Missing or Orphan. */
  hasDrift: 'gitopsAuthoring.drift.hasDrift',
  /** The workspace is not trusted: drift does not start. */
  untrusted: 'gitopsAuthoring.drift.untrusted',
  /** The server did not answer the last driftWatch (an error, not an empty answer). */
  failed: 'gitopsAuthoring.drift.failed',
  /** The drift view shows a filtered tree (set by drift/drift-tree-provider.ts). */
  filtered: 'gitopsAuthoring.drift.filtered',
  /** 'namespace' or 'unit' (set by drift/drift-tree-provider.ts). */
  grouping: 'gitopsAuthoring.drift.grouping',
} as const;

/** Every context key of ours, for the test that checks `when` clauses name only keys we set. */
export const CONTEXT_KEYS: readonly string[] = [SERVER_RUNNING_CONTEXT_KEY, ...Object.values(DRIFT_CONTEXT_KEYS)];

export const DRIFT_VIEW_ID = 'gitopsAuthoring.drift';
export const DRIFT_VIEW_CONTAINER_ID = 'gitopsAuthoring';
