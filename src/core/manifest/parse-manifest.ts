import { parseAllDocuments, type Document } from 'yaml';
import type { Finding } from '../findings/finding.js';
import { LineIndex } from '../text/line-index.js';
import type { Range } from '../text/range.js';
import type { ManifestDocument, ManifestFile } from './manifest-types.js';
import { DEFAULT_PARSE_LIMITS, findExcessiveNesting, type ParseLimits } from './parse-limits.js';
import { createSourceLocator, type SourceLocator } from './source-locator.js';

export const PARSE_RULE_ID = 'yaml-syntax';
export const LIMIT_RULE_ID = 'file-limits';

const TEMPLATE_MARKER = /\{\{-?\s|\{\{[-.$a-zA-Z(/]/;

/**
 * Parses a YAML (or JSON) manifest file into documents with values and source ranges.
 * Never throws: every problem becomes a finding, and one broken document never hides the others.
 */
export function parseManifest(path: string, rawText: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): ManifestFile {
  const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
  const format = /\.json$/i.test(path) ? 'json' : 'yaml';
  const lines = new LineIndex(text);
  const fileProblem = (message: string, range: Range): ManifestFile => ({
    path, text, format, documents: [],
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

  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { version: format === 'json' ? '1.2' : '1.1', uniqueKeys: true, prettyErrors: false, strict: false, logLevel: 'silent' }) as Document.Parsed[];
  } catch (error) {
    return fileProblem(`File could not be parsed: ${describe(error)}`, lines.rangeAt(0, 0));
  }
  // parseAllDocuments returns an EmptyStream (an empty array-like) for a file with no document.
  const documents = Array.from(parsed, (doc, index) => toManifestDocument(path, text, doc, index, lines, limits));
  return { path, text, format, documents, problems: [] };
}

function toManifestDocument(path: string, text: string, doc: Document.Parsed, index: number, lines: LineIndex, limits: ParseLimits): ManifestDocument {
  const [start, , end] = doc.range;
  const range = lines.rangeAt(start, end);
  const isTemplate = TEMPLATE_MARKER.test(text.slice(start, end));
  const problems: Finding[] = [];
  const at = (pos: readonly [number, number]): Range => lines.rangeAt(pos[0], Math.max(pos[1], pos[0] + 1));

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
    problems.push({ ruleId: LIMIT_RULE_ID, severity: 'error', message: `Document not validated: ${describe(error)}`, path, range: lines.rangeAt(start, start) });
  }
  const locator: SourceLocator = createSourceLocator(doc, lines, range);
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
