// Every command the extension contributes, declared once without `vscode` so plain-Node tests can check it
// against package.json. The command table must have an entry for each (the compiler enforces it).
export const COMMAND_IDS = ['gitopsAuthoring.restartServer', 'gitopsAuthoring.showServerOutput', 'gitopsAuthoring.lintWorkspace'] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** Context key set while the language server runs (menus use it in `when` clauses). */
export const SERVER_RUNNING_CONTEXT_KEY = 'gitopsAuthoring.serverRunning';
