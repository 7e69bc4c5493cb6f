import { parseAllDocuments, type Document } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { LineIndex } from '../text/line-index.js';
import type { Range } from '../text/range.js';
import type { ManifestDocument, ManifestFile } from './manifest-types.js';
import { yamlOptions } from './kubernetes-yaml.js';
import { isTemplateDocument } from './template-detection.js';
import { DEFAULT_PARSE_LIMITS, findExcessiveNesting, type ParseLimits } from './parse-limits.js';
import { createSourceLocator, type SourceLocator } from './source-locator.js';

export const PARSE_RULE_ID = 'yaml-syntax';
export const LIMIT_RULE_ID = 'file-limits';


/**
 * Parses a YAML (or JSON) manifest file into documents with values and source ranges.
 * Never throws: every problem becomes a finding, and one broken document never hides the others.
 * Pass the same `cache` on every edit of a file to re-parse only the documents whose text changed.
 */
export function parseManifest(path: string, rawText: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS, cache?: DocumentParseCache): ManifestFile {
  const nextCache: DocumentParseCache | undefined = cache ? new Map() : undefined;
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const format = /\.json$/i.test(path) ? 'json' : 'yaml';
  const lines = new LineIndex(text);
  const fileProblem = (message: string, range: Range): ManifestFile => ({
    path, text, lines, format, documents: [],
    problems: [{ ruleId: LIMIT_RULE_ID, severity: 'warning', message, path, range }],
  });

  if (text.length > limits.maxFileChars) {
    const mb = (text.length / 1024 / 1024).toFixed(1);
    return fileProblem(`File not validated: ${mb} MB is over the ${limits.maxFileChars / 1024 / 1024} MB limit.`, lines.rangeAt(0, 0));
  }
  const tooDeep = findExcessiveNesting(text, limits.maxDepth);
  if (tooDeep !== -1) {
    return fileProblem(`File not validated: values nested deeper than ${limits.maxDepth} levels.`, lines.rangeAt(tooDeep, tooDeep + 1));
  }

  const documents: ManifestDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    let parsed = cache?.get(chunk.text);
    if (!parsed) {
      try {
        parsed = Array.from(parseAllDocuments(chunk.text, yamlOptions(format)) as Document.Parsed[]);
      } catch (error) {
        return fileProblem(`File could not be parsed: ${describe(error)}`, lines.rangeAt(chunk.offset, chunk.offset));
      }
    }
    nextCache?.set(chunk.text, parsed);
    for (const doc of parsed) documents.push(toManifestDocument(path, chunk.text, chunk.offset, doc, documents.length, lines, limits));
  }
  if (cache && nextCache) {
    cache.clear();
    for (const [k, v] of nextCache) cache.set(k, v);
  }
  return { path, text, lines, format, documents, problems: [] };
}

/** Parsed documents by their exact text, so that an edit re-parses only the document it touched. */
export type DocumentParseCache = Map<string, Document.Parsed[]>;

interface DocumentChunk {
  readonly text: string;
  readonly offset: number;
}

/**
 * Splits a stream at `---` document markers at the start of a line. Such a line always starts a new document
 * in YAML (it may not appear inside any scalar), so each chunk parses on its own exactly as in the whole stream.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  const marker = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index > start) chunks.push({ text: text.slice(start, m.index), offset: start });
    start = m.index;
  }
  chunks.push({ text: text.slice(start), offset: start });
  return chunks;
}

function toManifestDocument(path: string, text: string, offset: number, doc: Document.Parsed, index: number, lines: LineIndex, limits: ParseLimits): ManifestDocument {
  const [start, , end] = doc.range;
  const range = lines.rangeAt(start + offset, end + offset);
  const isTemplate = isTemplateDocument(doc, text, start, end);
  const problems: Finding[] = [];
  const at = (pos: readonly [number, number]): Range => lines.rangeAt(pos[0] + offset, Math.max(pos[1], pos[0] + 1) + offset);

  for (const error of doc.errors) {
    problems.push({ ruleId: PARSE_RULE_ID, severity: 'error', message: firstLine(error.message), path, range: at(error.pos) });
  }
  for (const warning of doc.warnings) {
    problems.push({ ruleId: PARSE_RULE_ID, severity: 'warning', message: firstLine(warning.message), path, range: at(warning.pos) });
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliasCount, mapAsMap: false });
  } catch (error) {
    value = undefined;
    problems.push({ ruleId: LIMIT_RULE_ID, severity: 'error', message: `Document not validated: ${describe(error)}`, path, range: lines.rangeAt(start + offset, start + offset) });
  }
  const locator: SourceLocator = createSourceLocator(doc, lines, range, offset);
  // Helm/Go templates are not YAML until rendered: their "syntax errors" are false alarms.
  return { index, range, value, locator, isTemplate, problems: isTemplate ? [] : problems };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

function describe(error: unknown): string {
  if (error instanceof RangeError) return 'too deeply nested to read safely';
  const message = error instanceof Error ? error.message : String(error);
  if (/alias/i.test(message)) return 'too many alias expansions (a YAML "billion laughs" structure?)';
  return firstLine(message);
}
