// The server's picture of the repository: files read from disk, overlaid by the editor's open buffers.
// Only the file that changed is re-parsed (and only its changed YAML documents, through core's parse cache);
// the workspace index is rebuilt lazily from the parsed files, which costs no parsing.
import type { ManifestFile } from '../core/manifest/manifest-types.js';
import { parseManifest, type DocumentParseCache } from '../core/manifest/parse-manifest.js';
import type { RepositoryFacts, RepositoryListing } from '../core/ports.js';
import { extractResources } from '../core/resource/manifest-resource.js';
import { resourceKeyId } from '../core/resource/resource-key.js';
import { dirname } from '../core/text/posix-path.js';
import { isKustomizationPath } from '../core/workspace/kustomization-file.js';
import { buildWorkspaceIndex, type WorkspaceIndex } from '../core/workspace/workspace-index.js';
import type { WorkspaceSource } from './workspace-source.js';

const MANIFEST = /\.(ya?ml|json)$/i;

export interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  readonly version: number;
  readonly file: ManifestFile;
}

export class WorkspaceState {
  private readonly disk = new Map<string, ManifestFile>();
  private readonly open = new Map<string, OpenDocument>();
  private readonly parseCaches = new Map<string, DocumentParseCache>();
  /** Open buffers whose newest text has not been parsed yet (see setOpen). */
  private readonly pendingSignatures = new Set<string>();
  private readonly signatures = new Map<string, string>();
  private readonly created = new Set<string>();
  private readonly deleted = new Set<string>();
  private baseListing: RepositoryListing = { entryType: () => undefined };
  private repository: RepositoryFacts | undefined;
  private cachedIndex: WorkspaceIndex | undefined;
  private revisionCount = 0;
  private dependencyCount = 0;

  constructor(private readonly source: WorkspaceSource, readonly root: string | undefined) {}

  /** Bumped on every change to any file: results computed at an older revision are stale. */
  get revision(): number {
    return this.revisionCount;
  }

  /**
   * Bumped when something other files' findings depend on changes (object identities, kustomizations,
   * CRDs, files on disk): cached per-document findings are only reused under the same key.
   */
  get dependencyKey(): number {
    for (const path of [...this.pendingSignatures]) void this.open.get(path)?.file;
    return this.dependencyCount;
  }

  /** Reads every manifest of the repository. Open buffers keep precedence over what is on disk. */
  loadFromDisk(): { fileCount: number; unreadable: number } {
    this.disk.clear();
    this.created.clear();
    this.deleted.clear();
    if (!this.root) return { fileCount: this.open.size, unreadable: 0 };
    const scan = this.source.scan(this.root);
    this.baseListing = scan.listing;
    this.repository = this.source.repositoryFacts?.(this.root);
    let unreadable = 0;
    for (const path of scan.manifestPaths) {
      if (this.open.has(path)) continue;
      const text = this.source.readText(this.root, path);
      if (text === undefined) unreadable++;
      else if (isManifestCandidate(path, text)) this.disk.set(path, parseManifest(path, text));
    }
    this.changed();
    this.noteDependencies(true);
    return { fileCount: this.fileCount(), unreadable };
  }

  fileCount(): number {
    let count = this.disk.size;
    for (const path of this.open.keys()) if (!this.disk.has(path)) count++;
    return count;
  }

  getOpen(path: string): OpenDocument | undefined {
    return this.open.get(path);
  }

  openDocuments(): IterableIterator<OpenDocument> {
    return this.open.values();
  }

  /**
   * Records a buffer's new text. It is parsed when first needed (a lint run, a request, the index), not here:
   * a burst of edits, or edits queued behind a long lint, costs one parse of the newest text, not one per edit.
   * Whether other files' findings may change (the objects it declares, its kustomization references or CRDs)
   * is noted when it is parsed; `dependencyKey` parses pending buffers first.
   */
  setOpen(uri: string, path: string, version: number, text: string): void {
    // A buffer opened as it is on disk reuses the parse done while loading the workspace (a cold parse of a
    // large file is the most expensive thing at start-up); its document cache is filled in the background.
    const disk = this.disk.get(path);
    let file = disk && !this.parseCaches.has(path) && disk.text === (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) ? disk : undefined;
    // While a buffer is open the disk copy is not needed (closing re-reads the file): one parse in memory.
    this.disk.delete(path);
    let isSignatureNoted = false;
    const read = (): ManifestFile => {
      file ??= this.parse(path, text);
      if (!isSignatureNoted && this.open.get(path) === doc) {
        isSignatureNoted = true;
        this.pendingSignatures.delete(path);
        this.noteDependencies(this.updateSignature(path, file));
      }
      return file;
    };
    const doc: OpenDocument = { uri, path, version, get file() { return read(); } };
    this.pendingSignatures.add(path);
    this.open.set(path, doc);
    this.changed();
  }

  /** The buffer was closed: the file on disk is what counts again. */
  close(path: string): { affectsOthers: boolean } {
    if (!this.open.delete(path)) return { affectsOthers: false };
    this.pendingSignatures.delete(path);
    this.parseCaches.delete(path);
    return { affectsOthers: this.noteDependencies(this.reloadFromDisk(path).affectsOthers) };
  }

  /** A file changed outside the editor (or was created or deleted). Open buffers win over the disk. */
  diskChanged(path: string, change: 'created' | 'changed' | 'deleted'): { affectsOthers: boolean } {
    if (change === 'deleted') {
      this.deleted.add(path);
      this.created.delete(path);
    } else if (change === 'created') {
      this.created.add(path);
      this.deleted.delete(path);
    }
    if (this.open.has(path)) {
      this.changed();
      return { affectsOthers: this.noteDependencies(change !== 'changed') };
    }
    const result = this.reloadFromDisk(path);
    return { affectsOthers: this.noteDependencies(result.affectsOthers || change !== 'changed') };
  }

  index(): WorkspaceIndex {
    if (!this.cachedIndex) {
      const files = new Map(this.disk);
      for (const [path, doc] of this.open) files.set(path, doc.file);
      this.cachedIndex = buildWorkspaceIndex(files.values(), this.listing(), this.repository);
    }
    return this.cachedIndex;
  }

  private reloadFromDisk(path: string): { affectsOthers: boolean } {
    const text = this.root && !this.deleted.has(path) && isManifestPath(path)
      ? this.source.readText(this.root, path)
      : undefined;
    if (text !== undefined && isManifestCandidate(path, text)) this.disk.set(path, parseManifest(path, text));
    else this.disk.delete(path);
    this.changed();
    const file = this.disk.get(path);
    return { affectsOthers: file ? this.updateSignature(path, file) : this.signatures.delete(path) };
  }

  /** Fills the document cache of an open buffer that reused the disk parse, so its first edit is fast. */
  primeParseCache(path: string): void {
    const doc = this.open.get(path);
    if (doc && !this.parseCaches.has(path)) this.parse(path, doc.file.text);
  }

  /** Open buffers keep their parsed documents between edits; files on disk do not (memory). */
  private parse(path: string, text: string): ManifestFile {
    let cache = this.parseCaches.get(path);
    if (!cache) this.parseCaches.set(path, (cache = new Map()));
    return parseManifest(path, text, undefined, cache);
  }

  private noteDependencies(affectsOthers: boolean): boolean {
    if (affectsOthers) this.dependencyCount++;
    return affectsOthers;
  }

  private changed(): void {
    this.revisionCount++;
    this.cachedIndex = undefined;
  }

  private updateSignature(path: string, file: ManifestFile): boolean {
    const signature = signatureOf(file);
    const before = this.signatures.get(path);
    this.signatures.set(path, signature);
    return before !== signature;
  }

  private listing(): RepositoryListing {
    const createdFiles = new Set(this.created);
    const createdDirs = new Set<string>();
    for (const path of createdFiles) for (let dir = dirname(path); dir !== ''; dir = dirname(dir)) createdDirs.add(dir);
    const base = this.baseListing;
    const deleted = new Set(this.deleted);
    return {
      entryType(path) {
        if (deleted.has(path)) return undefined;
        if (createdFiles.has(path)) return 'file';
        return base.entryType(path) ?? (createdDirs.has(path) ? 'directory' : undefined);
      },
      ...(base.isIgnored ? { isIgnored: (path: string) => !createdFiles.has(path) && base.isIgnored!(path) } : {}),
    };
  }
}

export function isManifestPath(path: string): boolean {
  return MANIFEST.test(path) || path === 'Kustomization' || path.endsWith('/Kustomization');
}

/** JSON files are manifests only when they look like Kubernetes objects (package.json is not one). */
export function isManifestCandidate(path: string, text: string): boolean {
  if (!/\.json$/i.test(path)) return true;
  return text.includes('"apiVersion"') && text.includes('"kind"');
}

/** What other files' rules can see of a file: object identities, kustomization content, CRD schemas. */
function signatureOf(file: ManifestFile): string {
  if (isKustomizationPath(file.path)) return file.text;
  const parts: string[] = [];
  for (const resource of extractResources(file)) {
    parts.push(resourceKeyId(resource.key));
    if (resource.kind === 'CustomResourceDefinition') parts.push(JSON.stringify(resource.object));
  }
  return parts.join('\n');
}
