// Types of launch.mjs for the TypeScript callers (the e2e tests).
import type { CodeServerPaths } from './install.mjs';

export interface RunningCodeServer {
  /** http://127.0.0.1:PORT */
  url: string;
  /** The workbench opened on the folder. */
  workbenchUrl: string;
  pid: number | undefined;
  output(): string;
  exited: Promise<void>;
  stop(): Promise<void>;
}

export declare function installExtension(options: {
  paths: CodeServerPaths;
  vsix: string;
  extensionsDir: string;
  userDataDir: string;
}): string;

export declare function startCodeServer(options: {
  paths: CodeServerPaths;
  folder: string;
  extensionsDir: string;
  userDataDir: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  onOutput?: (text: string) => void;
}): Promise<RunningCodeServer>;
