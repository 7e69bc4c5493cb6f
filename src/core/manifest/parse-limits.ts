// Bounds that keep a hostile or accidental file (alias bombs, deep nesting, huge files) from hanging or
// crashing the engine. Exceeding one yields a clear finding, never an exception.

export interface ParseLimits {
  /** Files longer than this many UTF-16 code units are not parsed. */
  readonly maxFileChars: number;
  /** Aliases expanded per document where the `yaml` library converts it (tagged collections only, see alias-expansion.ts). */
  readonly maxAliasCount: number;
  /** Values (scalars and collections) that expanding aliases may add to one document: the "billion laughs" guard. */
  readonly maxAliasExpansion: number;
  /** Values one document may hold, aliases expanded: the work budget of one document (parse, convert, lint). */
  readonly maxDocumentValues: number;
  /** Milliseconds reading one document may take before its value is dropped: the last line of defence. */
  readonly maxDocumentMs: number;
  /** Nesting (flow `[[[…` or block indentation levels) accepted before the parser would recurse too deep. */
  readonly maxDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxFileChars: 10 * 1024 * 1024,
  maxAliasCount: 1000,
  maxAliasExpansion: 100_000,
  maxDocumentValues: 2_000_000,
  maxDocumentMs: 10_000,
  maxDepth: 256,
};

/** Offset where nesting first passes `limit` (flow brackets or block indentation levels), or -1. */
export function findExcessiveNesting(text: string, limit: number): number {
  const flow = measureFlowDepth(text, limit);
  return flow.offset !== -1 ? flow.offset : measureIndentDepth(text, limit);
}

/** Block nesting as a stack of increasing indentation widths; returns the offset where it passes `limit`, or -1. */
function measureIndentDepth(text: string, limit: number): number {
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart < text.length) {
    let i = lineStart;
    while (text.charCodeAt(i) === 0x20) i++;
    const c = text.charCodeAt(i);
    if (i < text.length && c !== 0x0a && c !== 0x0d && c !== 0x23) {
      const indent = i - lineStart;
      while (indents.length > 0 && (indents[indents.length - 1] as number) >= indent) indents.pop();
      indents.push(indent);
      if (indents.length > limit) return i;
    }
    const eol = text.indexOf('\n', i);
    if (eol === -1) break;
    lineStart = eol + 1;
  }
  return -1;
}

/** Deepest nesting of `[`/`{` outside quoted scalars and comments; stops counting once `limit` is passed. */
function measureFlowDepth(text: string, limit: number): { depth: number; offset: number } {
  let depth = 0;
  let deepest = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (quote !== null) {
      if (c === 0x5c /* \ */ && quote === '"') i++;
      else if (text[i] === quote) quote = null;
      else if (c === 0x0a) quote = null; // an unterminated scalar is the parser's problem, not ours
      continue;
    }
    if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return { depth: deepest, offset: i };
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x22 || c === 0x27) {
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0x20;
      if (prev === 0x20 || prev === 0x3a || prev === 0x2c || prev === 0x5b || prev === 0x7b || prev === 0x0a || prev === 0x2d) quote = text[i] as string;
    } else if (c === 0x23 /* # */ && (i === 0 || text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x0a)) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol - 1;
    }
  }
  return { depth: deepest, offset: -1 };
}
