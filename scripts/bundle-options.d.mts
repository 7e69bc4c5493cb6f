// Types of bundle-options.mjs for the TypeScript callers (test/server/start-up-bundle.test.ts).
import type { BuildOptions } from 'esbuild';

export interface SplitEntry {
  readonly name: string;
  readonly in: string;
}
export declare const SPLIT_ENTRIES: readonly SplitEntry[];
export declare function splitBundleOptions(entry: SplitEntry, options?: { outdir?: string; minify?: boolean; version?: string }): BuildOptions;
export declare function loaderSource(entry: SplitEntry): string;
