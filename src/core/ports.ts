// The small interfaces through which core receives the world. Adapters (Node, browser, tests) implement them.

/** What exists in the repository, for reference checks (kustomization paths, Flux/Argo source paths). */
export interface RepositoryListing {
  /** 'file' or 'directory' for a repository-relative POSIX path that exists, undefined otherwise. */
  entryType(path: string): 'file' | 'directory' | undefined;
}
