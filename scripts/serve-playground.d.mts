// Types of serve-playground.mjs for the TypeScript callers (the playground test and benchmark).
/** The file under `root` a request path names, or undefined (outside root, a dot file, not a file, unknown type). */
export declare function resolveRequestPath(root: string, requestPath: string): string | undefined;
/** Starts the static server on 127.0.0.1; port 0 picks a free one. */
export declare function startPlaygroundServer(options?: { root?: string; port?: number }): Promise<{ url: string; close(): Promise<void> }>;
/** The encoding to answer an Accept-Encoding header with ('br', else 'gzip'), or undefined for the file as it is. */
export declare function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined;
