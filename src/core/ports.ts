// The small interfaces through which core receives the world. Adapters (Node, browser, tests) implement them.

/**
 * What git says about the linted folder (the CLI and the server ask git; undefined outside a git checkout or
 * when git is not available). Paths in Flux Kustomizations and Argo CD Applications are relative to the
 * repository root, so only a folder that is the root can judge them.
 */
export interface RepositoryFacts {
  /**
   * The linted folder inside the repository, POSIX, '' for the repository root (`git rev-parse --show-prefix`).
   * Only '' is acted on: a subfolder (a fixture, a monorepo part) keeps the heuristics.
   */
  readonly prefix: string;
  /** The repository's remote URLs (as configured, not normalized). */
  readonly remoteUrls: readonly string[];
}

/** What exists in the repository, for reference checks (kustomization paths, Flux/Argo source paths). */
export interface RepositoryListing {
  /** 'file' or 'directory' for a repository-relative POSIX path that exists, undefined otherwise. */
  entryType(path: string): 'file' | 'directory' | undefined;
  /**
   * Whether `.gitignore` excludes a path (existing or not): a missing file that is ignored is the output of a
   * render step, not a typo. Optional: listings that cannot tell leave it out.
   */
  isIgnored?(path: string): boolean;
}
