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
import { fileFromSummaries } from './lint-worker/document-summary.js';
import type { DocumentSummary } from './lint-worker/lint-worker-protocol.js';

const MANIFEST = /\.(ya?ml|json)$/i;

export interface OpenDocument {
  readonly uri: string;
  readonly path: string;
  readonly version: number;
  /** The buffer's text as the editor has it. */
  readonly text: string;
  /** Parsed and linted in a worker (a large buffer): `file` is what the worker reported, never a parse here. */
  readonly isOffThread: boolean;
  readonly file: ManifestFile;
}

export interface OffThreadParse {
  readonly documents: readonly DocumentSummary[];
  readonly problems: ManifestFile['problems'];
  /** No worker could read the file, and none read it before: what it declares is unknown (`ManifestFile.isUnread`). */
  readonly isUnread?: boolean;
}

const NO_PARSE: OffThreadParse = { documents: [], problems: [] };
const UNREAD: OffThreadParse = { documents: [], problems: [], isUnread: true };

/** A file's path and text, and for a large buffer what its worker reported of it. */
export type SourceText = readonly [path: string, text: string, parse?: OffThreadParse];

interface AcceptedParse extends OffThreadParse {
  /** The buffer version the worker parsed. */
  readonly version: number;
}

interface DiskParse extends OffThreadParse {
  /** The text on disk it stands for. */
  readonly text: string;
  /** No worker finished on this text (it failed): the last good read's documents, or none; read again on a reload. */
  readonly isFailed?: boolean;
}

/** After a worker failed on a file: whether other files' findings may change, and whether it is now unread. */
export interface FailedRead {
  readonly affectsOthers: boolean;
  readonly isUnread: boolean;
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
  /** The worker's last report per off-thread buffer; its documents stand in until the next one arrives. */
  private readonly offThreadParses = new Map<string, AcceptedParse>();
  /** Large files read from disk (closed) that no worker has parsed yet: they stand in with no documents. */
  private readonly pendingDiskParses = new Set<string>();
  /** What a worker reported of a large file on disk, and of which text (kept while the disk holds that text). */
  private readonly diskParses = new Map<string, DiskParse>();
  /** Off-thread buffers no worker could read, with no earlier good read: they stand in unread until one reports. */
  private readonly unreadBuffers = new Set<string>();
  private baseListing: RepositoryListing = { entryType: () => undefined };
  private repository: RepositoryFacts | undefined;
  private cachedIndex: WorkspaceIndex | undefined;
  private revisionCount = 0;
  private dependencyCount = 0;

  /** `isOffThreadText`: buffers whose text is parsed in a worker, never on this thread (see acceptOffThreadParse). */
  constructor(private readonly source: WorkspaceSource, readonly root: string | undefined, private readonly isOffThreadText: (text: string) => boolean = () => false) {}

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

  /** What git said about the folder at the last load (undefined outside git). */
  repositoryFacts(): RepositoryFacts | undefined {
    return this.repository;
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
      else if (isManifestCandidate(path, text)) this.disk.set(path, this.readDisk(path, text));
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
    const isOffThread = this.isOffThreadText(text);
    let isSignatureNoted = false;
    const read = (): ManifestFile => {
      file ??= isOffThread ? this.standIn(path, text) : this.parse(path, text);
      if (!isSignatureNoted && this.open.get(path) === doc) {
        isSignatureNoted = true;
        this.pendingSignatures.delete(path);
        this.noteDependencies(this.updateSignature(path, file));
      }
      return file;
    };
    const doc: OpenDocument = { uri, path, version, text, isOffThread, get file() { return read(); } };
    this.pendingSignatures.add(path);
    this.open.set(path, doc);
    this.changed();
  }

  /**
   * A worker parsed this version of an off-thread buffer: its documents (summaries) replace the stand-in.
   * Returns whether other files' findings may change (a dependency change), like a parse here would.
   */
  acceptOffThreadParse(path: string, version: number, parse: OffThreadParse): boolean {
    const doc = this.open.get(path);
    if (!doc?.isOffThread || doc.version !== version) return false;
    this.offThreadParses.set(path, { documents: parse.documents, problems: parse.problems, version });
    this.unreadBuffers.delete(path);
    const file = fileFromSummaries(path, doc.text, parse.documents, parse.problems);
    this.open.set(path, { uri: doc.uri, path, version, text: doc.text, isOffThread: true, file });
    this.pendingSignatures.delete(path);
    this.changed();
    return this.noteDependencies(this.updateSignature(path, file));
  }

  /**
   * A worker parsed a large file as it is on disk: its documents (summaries) replace the stand-in, unless the
   * file was opened or changed since. Returns whether other files' findings may change.
   */
  acceptDiskParse(path: string, text: string, parse: OffThreadParse): boolean {
    if (this.open.has(path) || this.disk.get(path)?.text !== text) return false;
    this.diskParses.set(path, { text, documents: parse.documents, problems: parse.problems });
    const file = fileFromSummaries(path, text, parse.documents, parse.problems);
    this.disk.set(path, file);
    this.changed();
    return this.noteDependencies(this.updateSignature(path, file));
  }

  /**
   * No worker could read this version of an off-thread buffer (it crashed, ran out of memory, or passed its
   * deadline). Its last good read keeps standing in when there is one (its last report, else the read of the file
   * on disk, e.g. from start-up); else it is unread until a worker reports, and
   * other files' checks treat what it may declare as unknown (never as missing).
   */
  offThreadReadFailed(path: string, version: number): FailedRead {
    const doc = this.open.get(path);
    if (!doc?.isOffThread || doc.version !== version || this.lastGoodRead(path)) return { affectsOthers: false, isUnread: false };
    this.unreadBuffers.add(path);
    const file = this.standIn(path, doc.text);
    this.open.set(path, { uri: doc.uri, path, version, text: doc.text, isOffThread: true, file });
    this.pendingSignatures.delete(path);
    this.changed();
    return { affectsOthers: this.noteDependencies(this.updateSignature(path, file)), isUnread: true };
  }

  /**
   * No worker could read a large file as it is on disk: its last good read (of an earlier text) keeps standing in
   * when there is one, else it is unread (see offThreadReadFailed). It is tried again when read from disk again.
   */
  diskReadFailed(path: string, text: string): FailedRead {
    if (this.open.has(path) || this.disk.get(path)?.text !== text) return { affectsOthers: false, isUnread: false };
    const last = this.diskParses.get(path);
    const isUnread = !last || last.isUnread === true;
    this.diskParses.set(path, { text, documents: last?.documents ?? [], problems: last?.problems ?? [], isFailed: true, ...(isUnread ? { isUnread } : {}) });
    const file = fileFromSummaries(path, text, last?.documents ?? [], last?.problems ?? [], isUnread);
    this.disk.set(path, file);
    this.changed();
    return { affectsOthers: this.noteDependencies(this.updateSignature(path, file)), isUnread };
  }

  /** Large files read from disk since the last call that a worker is to parse (none is parsed here). */
  takePendingDiskParses(): string[] {
    const paths = [...this.pendingDiskParses].filter((path) => !this.open.has(path) && this.disk.has(path));
    this.pendingDiskParses.clear();
    return paths;
  }

  /** The text of a closed file that is parsed and linted in a worker (a large one), else undefined. */
  offThreadDiskText(path: string): string | undefined {
    const file = this.open.has(path) ? undefined : this.disk.get(path);
    return file && this.isOffThreadText(file.text) ? file.text : undefined;
  }

  /** Every file of the workspace with its text (open buffers as typed), without parsing anything. */
  *sourceTexts(): IterableIterator<SourceText> {
    for (const [path, file] of this.disk) {
      // A large file on disk goes as its worker's report (or none yet), never as a text to parse again.
      if (this.isOffThreadText(file.text)) yield [path, file.text, this.diskParseOf(path, file.text) ?? NO_PARSE];
      else yield [path, file.text];
    }
    for (const [path, doc] of this.open) {
      // Another large buffer goes as its last report (parsed once, in its own worker), never as a text to parse.
      yield doc.isOffThread ? [path, doc.text, this.lastGoodRead(path) ?? (this.unreadBuffers.has(path) ? UNREAD : NO_PARSE)] : [path, doc.text];
    }
  }

  /** What exists in the repository (the scan, with files created and deleted since). */
  entryType(path: string): 'file' | 'directory' | undefined {
    return this.listing().entryType(path);
  }

  /** The buffer was closed: the file on disk is what counts again. */
  close(path: string): { affectsOthers: boolean } {
    const closed = this.open.get(path);
    if (!closed || !this.open.delete(path)) return { affectsOthers: false };
    // A large buffer closed as saved keeps the worker's report of it (as the report of that text on disk): no
    // parse of what the worker read; closed with unsaved edits, the disk text is left to a worker (see readDisk).
    const report = this.offThreadParses.get(path);
    if (closed.isOffThread && report?.version === closed.version) this.diskParses.set(path, { text: closed.file.text, documents: report.documents, problems: report.problems });
    this.pendingSignatures.delete(path);
    this.offThreadParses.delete(path);
    this.unreadBuffers.delete(path);
    this.parseCaches.delete(path);
    return { affectsOthers: this.noteDependencies(this.reloadFromDisk(path).affectsOthers) };
  }

  /** A file changed outside the editor (or was created or deleted). Open buffers win over the disk. */
  diskChanged(path: string, change: 'created' | 'changed' | 'deleted'): { affectsOthers: boolean } {
    if (change === 'deleted') {
      this.diskParses.delete(path);
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
    if (text !== undefined && isManifestCandidate(path, text)) this.disk.set(path, this.readDisk(path, text));
    else this.disk.delete(path);
    this.changed();
    const file = this.disk.get(path);
    return { affectsOthers: file ? this.updateSignature(path, file) : this.signatures.delete(path) };
  }

  /** Fills the document cache of an open buffer that reused the disk parse, so its first edit is fast. */
  primeParseCache(path: string): void {
    const doc = this.open.get(path);
    if (doc && !doc.isOffThread && !this.parseCaches.has(path)) this.parse(path, doc.file.text);
  }

  /** An off-thread buffer before the worker reported on this text: its last good read's documents, else none (unread after a failure). */
  private standIn(path: string, text: string): ManifestFile {
    const last = this.lastGoodRead(path);
    return fileFromSummaries(path, text, last?.documents ?? [], last?.problems ?? [], !last && this.unreadBuffers.has(path));
  }

  /**
   * What stands in for a large buffer no worker has reported on (yet): its last report, else the last good read
   * of the file on disk (a buffer opened as it is on disk reuses that read, and a failed worker must not discard it).
   */
  private lastGoodRead(path: string): OffThreadParse | undefined {
    const disk = this.diskParses.get(path);
    return this.offThreadParses.get(path) ?? (disk && disk.isUnread !== true ? disk : undefined);
  }

  /**
   * A large file is never parsed here: it stands in as its report of this text, else (until a worker reports) as
   * its last good read of an earlier text, else empty.
   */
  private readDisk(path: string, text: string): ManifestFile {
    const parsed = this.source.parsedFile?.(path);
    if (parsed) return parsed;
    if (!this.isOffThreadText(text)) return parseManifest(path, text);
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const known = this.diskParseOf(path, body);
    if (!known || known.isFailed) this.pendingDiskParses.add(path);
    const shown = known ?? this.diskParses.get(path);
    return fileFromSummaries(path, body, shown?.documents ?? [], shown?.problems ?? [], shown?.isUnread);
  }

  private diskParseOf(path: string, text: string): DiskParse | undefined {
    const known = this.diskParses.get(path);
    return known?.text === text ? known : undefined;
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
  if (file.isUnread) return '\u0000unread'; // what it declares is unknown: other files' findings may change
  if (isKustomizationPath(file.path)) return file.text;
  const parts: string[] = [];
  for (const resource of extractResources(file)) {
    parts.push(resourceKeyId(resource.key));
    if (resource.kind === 'CustomResourceDefinition') parts.push(JSON.stringify(resource.object));
  }
  return parts.join('\n');
}
