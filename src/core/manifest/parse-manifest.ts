import { parseAllDocuments, type Document } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { LineIndex } from '../text/line-index.js';
import type { Range } from '../text/range.js';
import type { ManifestDocument, ManifestFile, SourceLocator } from './manifest-types.js';
import { yamlOptions } from './kubernetes-yaml.js';
import { isTemplateDocument } from './template-detection.js';
import { DEFAULT_PARSE_LIMITS, findExcessiveNesting, type ParseLimits } from './parse-limits.js';
import { createSourceLocator } from './source-locator.js';
import { convertWithAliases, inspectAliases, UnsupportedNodeError, type AliasReport } from './alias-expansion.js';
import { DUPLICATE_KEY_MESSAGE, findDuplicateKeys } from './duplicate-keys.js';
import { findUnderIndentedQuotes, restoreQuotedValues, withPlaceholders } from './under-indented-quotes.js';

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
      const started = Date.now();
      try {
        const docs = parseAsKubernetesReads(chunk.text, format);
        parsed = { docs, parseMs: (Date.now() - started) / Math.max(1, docs.length) };
      } catch (error) {
        return fileProblem(`File could not be parsed: ${describe(error)}`, lines.rangeAt(chunk.offset, chunk.offset));
      }
    }
    nextCache?.set(chunk.text, parsed);
    for (const doc of parsed.docs) documents.push(toManifestDocument(path, chunk.text, chunk.offset, doc, documents.length, lines, limits, parsed.parseMs));
  }
  if (cache && nextCache) {
    cache.clear();
    for (const [k, v] of nextCache) cache.set(k, v);
  }
  return { path, text, lines, format, documents, problems: [] };
}

/**
 * The library's parse, except where it rejects what Kubernetes reads: a multi-line quoted scalar whose
 * continuation lines are not indented past its key (see `under-indented-quotes.ts`).
 */
function parseAsKubernetesReads(text: string, format: 'yaml' | 'json'): Document.Parsed[] {
  const docs = Array.from(parseAllDocuments(text, yamlOptions(format)) as Document.Parsed[]);
  if (format === 'json' || !docs.some((d) => d.errors.some((e) => e.message.startsWith('Missing closing')))) return docs;
  const quotes = findUnderIndentedQuotes(text);
  if (quotes.length === 0) return docs;
  const relaxed = Array.from(parseAllDocuments(withPlaceholders(text, quotes), yamlOptions(format)) as Document.Parsed[]);
  const errorCount = (list: Document.Parsed[]) => list.reduce((n, d) => n + d.errors.length, 0);
  if (errorCount(relaxed) >= errorCount(docs)) return docs;
  for (const doc of relaxed) restoreQuotedValues(doc, quotes);
  return relaxed;
}

/** Parsed documents by their exact text, so that an edit re-parses only the document it touched. */
export type DocumentParseCache = Map<string, ParsedChunk>;

interface ParsedChunk {
  readonly docs: Document.Parsed[];
  /** Time the library took per document (remembered, so a cached document meets the same time budget). */
  readonly parseMs: number;
}

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

function toManifestDocument(path: string, text: string, offset: number, doc: Document.Parsed, index: number, lines: LineIndex, limits: ParseLimits, parseMs: number): ManifestDocument {
  const started = Date.now();
  const [start, , end] = doc.range;
  const range = lines.rangeAt(start + offset, end + offset);
  const isTemplate = isTemplateDocument(doc, text, start, end);
  const problems: Finding[] = [];
  const at = (pos: readonly [number, number]): Range => lines.rangeAt(pos[0] + offset, Math.max(pos[1], pos[0] + 1) + offset);

  const duplicates = findDuplicateKeys(doc).map((key): YAMLError => ({ message: DUPLICATE_KEY_MESSAGE, pos: [key, key + 1] }));
  for (const error of mergeByPosition(firstSyntaxError(doc.errors), duplicates)) {
    problems.push({ ruleId: PARSE_RULE_ID, severity: 'error', message: firstLine(error.message), path, range: at(error.pos) });
  }
  for (const warning of doc.warnings) {
    problems.push({ ruleId: PARSE_RULE_ID, severity: 'warning', message: firstLine(warning.message), path, range: at(warning.pos) });
  }

  const dropValue = (message: string, atOffset: number): undefined => {
    problems.push({ ruleId: LIMIT_RULE_ID, severity: 'error', message: `Document not validated: ${message}`, path, range: lines.rangeAt(atOffset + offset, atOffset + offset) });
    return undefined;
  };
  const aliases = inspectAliases(doc, limits.maxAliasExpansion);
  let value = readValue(doc, aliases, limits, dropValue);
  const elapsed = parseMs + Date.now() - started;
  if (value !== undefined && elapsed > limits.maxDocumentMs) {
    value = dropValue(`reading it took ${(elapsed / 1000).toFixed(1)} s, over the ${limits.maxDocumentMs / 1000} s budget for one document.`, start);
  }
  const locator: SourceLocator = createSourceLocator(doc, lines, range, offset, aliases.targets);
  // Helm/Go templates are not YAML until rendered: their "syntax errors" are false alarms.
  return { index, range, value, locator, isTemplate, problems: isTemplate ? [] : problems };
}

/**
 * After the parser's first error its reading of the document is a guess, and what follows is mostly that
 * guess failing (one stray space before `apiVersion` gave thirteen "Unexpected scalar token" errors): report
 * the first, saying how many more there were, as kubectl and yamllint report one. Duplicate keys are ours and
 * all reported.
 */
function firstSyntaxError(errors: readonly YAMLError[]): readonly YAMLError[] {
  const [first] = errors;
  if (!first || errors.length === 1) return errors;
  const more = errors.length - 1;
  return [{ message: `${firstLine(first.message)} (and ${more} more syntax error${more === 1 ? '' : 's'} in this document that may follow from it)`, pos: first.pos }];
}

interface YAMLError {
  readonly message: string;
  readonly pos: readonly [number, number];
}

/** The library's errors with ours inserted where the library would have reported them (it reports in source order). */
function mergeByPosition(errors: readonly YAMLError[], extra: readonly YAMLError[]): readonly YAMLError[] {
  if (extra.length === 0) return errors;
  const merged: YAMLError[] = [];
  let i = 0;
  for (const error of errors) {
    while (i < extra.length && (extra[i] as YAMLError).pos[0] < error.pos[0]) merged.push(extra[i++] as YAMLError);
    merged.push(error);
  }
  while (i < extra.length) merged.push(extra[i++] as YAMLError);
  return merged;
}

/**
 * The document's value, or undefined with a `file-limits` problem when reading it would cost more than its size:
 * aliases in a cycle or expanding past the limit, or more values than one document's budget.
 */
function readValue(doc: Document.Parsed, report: AliasReport, limits: ParseLimits, drop: (message: string, offset: number) => undefined): unknown {
  const problem = report.problem;
  if (problem?.kind === 'cycle') return drop(`the alias *${problem.alias} is inside the value it names (&${problem.alias}), so it never ends.`, problem.offset);
  if (problem?.kind === 'unresolved') return drop(`the alias *${problem.alias} has no anchor &${problem.alias} before it.`, problem.offset);
  if (problem?.kind === 'expansion') return drop(`its aliases expand to more than ${limits.maxAliasExpansion.toLocaleString('en-US')} extra values (a YAML "billion laughs" structure?).`, problem.offset);
  if (report.expandedNodes > limits.maxDocumentValues) {
    return drop(`${report.expandedNodes.toLocaleString('en-US')} values (aliases expanded) are over the ${limits.maxDocumentValues.toLocaleString('en-US')} budget for one document.`, doc.range[0]);
  }
  try {
    if (report.aliasCount === 0) return doc.toJS({ maxAliasCount: limits.maxAliasCount, mapAsMap: false });
    try {
      return convertWithAliases(doc, report.targets);
    } catch (error) {
      if (!(error instanceof UnsupportedNodeError)) throw error;
      return doc.toJS({ maxAliasCount: limits.maxAliasCount, mapAsMap: false }); // tagged collections: rare, the library's way
    }
  } catch (error) {
    return drop(describe(error), doc.range[0]);
  }
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
