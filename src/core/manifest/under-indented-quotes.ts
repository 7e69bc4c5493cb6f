// A multi-line quoted scalar whose continuation lines are not indented past its key is invalid YAML 1.2 (the
// `yaml` library reports "Missing closing quote"), but Kubernetes reads it: go-yaml (kubectl, the API server,
// kustomize, Flux, Argo CD) and PyYAML fold it like any quoted scalar. Older CRDs and controller-gen output
// carry it (Flagger's CRD, say). So the document is parsed as Kubernetes reads it: each such scalar is
// replaced by a one-line placeholder of the same length (every other offset, hence every source range, is
// unchanged) and given back its folded value after the parse.
import { isScalar, parseDocument, visit, type Document } from 'yaml';

export interface UnderIndentedQuote {
  /** Offsets of the opening quote and one past the closing quote, in the text scanned. */
  readonly start: number;
  readonly end: number;
  /** The scalar's value, folded as YAML folds a quoted scalar. */
  readonly value: string;
}

/** Quote characters that start a value: after `key: `, `- ` or the indentation. */
const VALUE_QUOTE = /^([ \t]*)((?:- +)*)((?:[^\s'"#-][^#'"]*?|'[^'\n]*'|"[^"\n]*"):[ \t]+)?(['"])/;

/**
 * The multi-line quoted scalars of a text whose continuation lines are indented no deeper than the line that
 * opens them, with their values; empty when there is none (or a quote never closes).
 */
export function findUnderIndentedQuotes(text: string): UnderIndentedQuote[] {
  const found: UnderIndentedQuote[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const match = VALUE_QUOTE.exec(text.slice(lineStart, lineEnd));
    let next = lineEnd + 1;
    if (match) {
      const quote = match[4] as '"' | "'";
      const open = lineStart + match[0].length - 1;
      const close = closingQuote(text, open + 1, quote);
      if (close === -1) return found;
      if (close > lineEnd) {
        // The key's column (or the item's, for a sequence entry): continuation lines must be deeper than it.
        const parentIndent = (match[1] ?? '').length + (match[3] === undefined ? 0 : (match[2] ?? '').length);
        const source = text.slice(open, close + 1);
        if (isUnderIndented(source, parentIndent)) {
          const value = foldedValue(source);
          if (value !== undefined) found.push({ start: open, end: close + 1, value });
        }
        next = endOfLine(text, close) + 1;
      }
    }
    lineStart = next;
  }
  return found;
}

/** The text with each scalar replaced by a placeholder of the same length on one line. */
export function withPlaceholders(text: string, quotes: readonly UnderIndentedQuote[]): string {
  let out = '';
  let at = 0;
  for (const q of quotes) {
    out += text.slice(at, q.start) + "'" + 'x'.repeat(q.end - q.start - 2) + "'";
    at = q.end;
  }
  return out + text.slice(at);
}

/** Puts the scalars' real values back in place of the placeholders (found by their start offset). */
export function restoreQuotedValues(doc: Document.Parsed, quotes: readonly UnderIndentedQuote[]): void {
  const byStart = new Map(quotes.map((q) => [q.start, q.value]));
  visit(doc, {
    Scalar(_, node) {
      const value = node.range ? byStart.get(node.range[0]) : undefined;
      if (value !== undefined && isScalar(node)) node.value = value;
    },
  });
}

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

function closingQuote(text: string, from: number, quote: '"' | "'"): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    } else if (c === '\n' && /^(---|\.\.\.)(\s|$)/.test(text.slice(i + 1, i + 5))) return -1; // a document ends first
  }
  return -1;
}

function isUnderIndented(source: string, parentIndent: number): boolean {
  return source.split('\n').slice(1).some((line) => line.trim() !== '' && line.length - line.trimStart().length <= parentIndent);
}

/** Folded as the scalar alone at the top level, where any indentation is enough (escapes included). */
function foldedValue(source: string): string | undefined {
  const doc = parseDocument(source.split('\n').map((line, i) => (i === 0 ? line : line.trimStart())).join('\n'));
  const value: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
  return typeof value === 'string' ? value : undefined;
}
