// Types of git-workspace.mjs for the TypeScript callers (the e2e tests).
export declare function makeGitWorkspace(fixture: string, dir: string, name: string): { workspace: string; remote: string };
