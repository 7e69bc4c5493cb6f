// Types of debian-packages.mjs for the TypeScript callers (the e2e tests).
export declare function isDebianPackageInstalled(name: string): boolean;
export declare function ensureDebianPackages(names: string[], options: { logFile: string; log?: (line: string) => void }): Promise<void>;
