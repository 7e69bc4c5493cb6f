// Helm and other Go templates are not YAML until rendered. A document is a template when `{{` appears in
// its text outside quoted and block scalars and outside comments: `name: {{ .Release.Name }}` or a
// `{{- if … }}` line. Quoted `"{{ .user }}"` (ExternalSecret templates, ApplicationSets) and block text
// (notification templates, PrometheusRules) are ordinary string values and are validated as such.
import { isScalar, visit, type Document } from 'yaml';

const OPEN = '{{';

export function isTemplateDocument(doc: Document.Parsed, text: string, start: number, end: number): boolean {
  let at = text.indexOf(OPEN, start);
  if (at === -1 || at >= end) return false;
  const literal: [number, number][] = [];
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && node.range && node.type !== 'PLAIN' && node.type !== undefined) literal.push([node.range[0], node.range[1]]);
    },
  });
  // `at` only grows, and visit() yields scalars in source order: one pointer through the literal ranges and one
  // comment check per line keep this linear (a long comment full of `{{` was quadratic).
  let literalIndex = 0;
  let lineStart = 0;
  let lineEnd = -1; // where the line of the last `{{` checked ends (-1: none checked yet)
  let isLineComment = false;
  for (; at !== -1 && at < end; at = text.indexOf(OPEN, at + OPEN.length)) {
    while (literalIndex < literal.length && (literal[literalIndex] as [number, number])[1] <= at) literalIndex++;
    const range = literal[literalIndex];
    if (range && at >= range[0] && at < range[1]) continue;
    if (lineEnd === -1 || at > lineEnd) {
      lineStart = text.lastIndexOf('\n', at - 1) + 1;
      lineEnd = text.indexOf('\n', at);
      if (lineEnd === -1) lineEnd = text.length;
      isLineComment = false;
    }
    if (isLineComment || isInComment(text, lineStart, at)) {
      isLineComment = true; // everything after a comment's `#` on this line is comment too
      continue;
    }
    return true;
  }
  return false;
}

function isInComment(text: string, lineStart: number, at: number): boolean {
  return /(^|\s)#/.test(text.slice(lineStart, at));
}
