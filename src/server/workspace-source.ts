import type { ManifestFile } from '../core/manifest/manifest-types.js';
import type { RepositoryFacts, RepositoryListing } from '../core/ports.js';

/** How the server reads the repository outside the editor's buffers. Node reads the disk; tests may fake it. */
export interface WorkspaceSource {
  /** Manifest candidates (repository-relative POSIX paths) and the listing of the whole tree. */
  scan(root: string): { readonly manifestPaths: readonly string[]; readonly listing: RepositoryListing };
  /** The text of a repository file, or undefined when it cannot be read (deleted, a directory, no access). */
  readText(root: string, path: string): string | undefined;
  /** What git says about the root (repository root or not, remotes); undefined outside git or when not asked. */
  repositoryFacts?(root: string): RepositoryFacts | undefined;
  /**
   * A file already read elsewhere, used instead of parsing its text (a lint worker's mirror gets the other
   * large documents as the summaries the main thread holds, not as texts to parse again).
   */
  readonly parsedFile?: (path: string) => ManifestFile | undefined;
}
