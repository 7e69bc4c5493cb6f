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
  for (; at !== -1 && at < end; at = text.indexOf(OPEN, at + OPEN.length)) {
    if (literal.some(([s, e]) => at >= s && at < e)) continue;
    if (isInComment(text, at)) continue;
    return true;
  }
  return false;
}

function isInComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  return /(^|\s)#/.test(before);
}
