// Types of install.mjs for the TypeScript callers (the e2e tests).
export declare const CODE_SERVER_VERSION: string;
export declare const NODE24_VERSION: string;
export declare const DEFAULT_CACHE_DIR: string;

export interface CodeServerPaths {
  cacheDir: string;
  /** Node 24's home: bin/node and include/node. */
  nodeHome: string;
  nodeBin: string;
  appDir: string;
  /** code-server's entry script, run with nodeBin. */
  entry: string;
  stampFile: string;
  logFile: string;
}

export declare function codeServerPaths(cacheDir?: string): CodeServerPaths;
export declare function isCodeServerInstalled(cacheDir?: string): boolean;
export declare function ensureCodeServer(options?: { cacheDir?: string; log?: (line: string) => void }): Promise<CodeServerPaths>;
export declare function codeServerEnv(paths: CodeServerPaths): NodeJS.ProcessEnv;
