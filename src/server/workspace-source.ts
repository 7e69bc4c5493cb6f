import type { RepositoryFacts, RepositoryListing } from '../core/ports.js';

/** How the server reads the repository outside the editor's buffers. Node reads the disk; tests may fake it. */
export interface WorkspaceSource {
  /** Manifest candidates (repository-relative POSIX paths) and the listing of the whole tree. */
  scan(root: string): { readonly manifestPaths: readonly string[]; readonly listing: RepositoryListing };
  /** The text of a repository file, or undefined when it cannot be read (deleted, a directory, no access). */
  readText(root: string, path: string): string | undefined;
  /** What git says about the root (repository root or not, remotes); undefined outside git or when not asked. */
  repositoryFacts?(root: string): RepositoryFacts | undefined;
}
