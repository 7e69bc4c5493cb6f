// A file parsed in a lint worker, as the main thread keeps it: every document's range, problems and value —
// the whole value while it is small, else only the object's identity — and the ranges of the identity paths.
// Copying a 200,000-key value back would pause the main thread (~300 ms of structured clone), the thing the
// worker is there to avoid; the identity is what other files' rules and the editor features mostly need (a
// CustomResourceDefinition excepted: other files are validated against its schema).
import type { Located, ManifestDocument, ManifestFile, SourceLocator, ValuePath } from '../../core/manifest/manifest-types.js';
import { isRecord } from '../../core/resource/manifest-resource.js';
import { LineIndex } from '../../core/text/line-index.js';
import type { DocumentSummary } from './lint-worker-protocol.js';

/** A value is kept whole up to this many characters of JSON; all documents of a file together up to the second. */
const WHOLE_VALUE_CHARS = 64 * 1024;
const WHOLE_FILE_CHARS = 1024 * 1024;
const IDENTITY_PATHS: readonly ValuePath[] = [['apiVersion'], ['kind'], ['metadata'], ['metadata', 'name'], ['metadata', 'namespace']];

/** Worker side: what the main thread needs of a parsed file. */
export function summarizeDocuments(file: ManifestFile): DocumentSummary[] {
  let budget = WHOLE_FILE_CHARS;
  return file.documents.map((doc) => {
    // A CustomResourceDefinition is kept whole at any size: it is the schema other files' objects are
    // validated against (the CLI reads it whole too), and a repository holds few.
    const isCrd = isCustomResourceDefinition(doc.value);
    const size = isCrd ? 0 : jsonSize(doc.value, Math.min(WHOLE_VALUE_CHARS, budget));
    const isWhole = size !== undefined;
    if (isWhole) budget -= size;
    const located: [string, Located][] = [];
    for (const path of IDENTITY_PATHS) {
      const found = doc.locator.locate(path);
      if (found) located.push([path.join('.'), found]);
    }
    return { index: doc.index, range: doc.range, value: isWhole ? doc.value : identityOf(doc.value), isTemplate: doc.isTemplate, problems: doc.problems, located };
  });
}

/**
 * Main side: a ManifestFile over the buffer's text whose documents are the worker's summaries. `isUnread`: no
 * worker could read it (no summaries): other files' checks treat what it may declare as unknown.
 */
export function fileFromSummaries(path: string, text: string, documents: readonly DocumentSummary[], problems: ManifestFile['problems'], isUnread = false): ManifestFile {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const format = /\.json$/i.test(path) ? 'json' : 'yaml';
  const docs: ManifestDocument[] = documents.map((d) => ({ index: d.index, range: d.range, value: d.value, isTemplate: d.isTemplate, problems: d.problems, locator: identityLocator(d) }));
  let lines: LineIndex | undefined;
  // Built when first asked (a fix, a suppression comment): a stand-in is made on every edit of a large buffer.
  return { path, text: body, get lines() { return (lines ??= new LineIndex(body)); }, format, documents: docs, problems, ...(isUnread ? { isUnread } : {}) };
}

/** Locates the identity paths (and the document itself); deeper paths resolve to the nearest of those. */
function identityLocator(doc: DocumentSummary): SourceLocator {
  const known = new Map(doc.located);
  const root: Located = { value: doc.range, whole: doc.range, indent: doc.range.start.character };
  const locate = (path: ValuePath): Located | undefined => (path.length === 0 ? root : known.get(path.join('.')));
  return {
    locate,
    locateNearest(path) {
      for (let depth = path.length; depth > 0; depth--) {
        const located = known.get(path.slice(0, depth).join('.'));
        if (located) return { located, depth };
      }
      return { located: root, depth: 0 };
    },
  };
}

function isCustomResourceDefinition(value: unknown): boolean {
  return isRecord(value) && value.kind === 'CustomResourceDefinition' && typeof value.apiVersion === 'string' && value.apiVersion.startsWith('apiextensions.k8s.io/');
}

function identityOf(value: unknown): unknown {
  if (!isRecord(value)) return undefined;
  const metadata = isRecord(value.metadata) ? value.metadata : undefined;
  const identity: Record<string, unknown> = { apiVersion: value.apiVersion, kind: value.kind };
  if (metadata) identity.metadata = { name: metadata.name, ...(metadata.namespace !== undefined ? { namespace: metadata.namespace } : {}) };
  return identity;
}

/** Characters of the value's JSON, or undefined once it passes `limit` (the walk stops there). */
function jsonSize(value: unknown, limit: number): number | undefined {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      size += 2 + v.length;
      for (const item of v) stack.push(item);
    } else if (isRecord(v)) {
      for (const [k, item] of Object.entries(v)) {
        size += k.length + 4;
        stack.push(item);
      }
      size += 2;
    } else {
      size += typeof v === 'string' ? v.length + 2 : 8;
    }
    if (size > limit) return undefined;
  }
  return size;
}
