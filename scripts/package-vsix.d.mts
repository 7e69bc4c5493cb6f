// Types of package-vsix.mjs for the TypeScript callers (the e2e tests).
export declare function packageVsix(options?: { out?: string; build?: boolean; quiet?: boolean; log?: (line: string) => void }): Promise<string>;
