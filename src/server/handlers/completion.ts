// Completion from the schema: keys of the mapping being written (indented like their siblings), enum values
// after `key: `, and apiVersion/kind pairs at the top of a document.
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import type { ValuePath } from '../../core/manifest/manifest-types.js';
import { LineIndex } from '../../core/text/line-index.js';
import type { Position, Range } from '../../core/text/range.js';
import type { FieldInfo, SchemaProvider } from '../schema-provider.js';
import { cursorContext, tokenizeLine, type CursorContext } from '../yaml-path-at-position.js';

export interface CompletionInput {
  readonly text: string;
  readonly position: Position;
  readonly schema: SchemaProvider;
  readonly kubernetesVersion: string;
}

export function provideCompletion({ text, position, schema, kubernetesVersion }: CompletionInput): CompletionItem[] {
  const lines = new LineIndex(text);
  const context = cursorContext(lines, position);
  const header = readHeader(lines, context.documentStartLine);
  const replace: Range = { start: context.prefixStart, end: position };

  if (context.parentPath.length === 0 && context.column === 0) {
    if (context.inValue && context.key === 'kind') return kindValues(schema.listKinds(kubernetesVersion).filter((k) => !header.apiVersion || k.apiVersion === header.apiVersion), replace);
    if (context.inValue && context.key === 'apiVersion') {
      const versions = new Set(schema.listKinds(kubernetesVersion).filter((k) => !header.kind || k.kind === header.kind).map((k) => k.apiVersion));
      return [...versions].sort().map((v) => ({ label: v, kind: CompletionItemKind.Value, textEdit: { range: replace, newText: v } }));
    }
    if (!context.inValue && (!header.apiVersion || !header.kind)) return kindPairs(schema, kubernetesVersion, replace, header);
  }
  if (!header.apiVersion || !header.kind) return [];

  if (context.inValue && context.key !== undefined) {
    const field = schema.describeField(header.apiVersion, header.kind, [...context.parentPath, context.key], kubernetesVersion);
    const values = field?.enum ?? (field?.type === 'boolean' ? [true, false] : []);
    // Triggered by `:` itself, the value still needs its separating space.
    const space = lines.lineText(position.line)[replace.start.character - 1] === ':' ? ' ' : '';
    return values.map((v, i) => ({ label: String(v), kind: CompletionItemKind.EnumMember, sortText: String(i).padStart(4, '0'), textEdit: { range: replace, newText: space + String(v) } }));
  }
  const fields = schema.listFields(header.apiVersion, header.kind, context.parentPath, kubernetesVersion);
  return fields
    .filter((f) => !context.siblingKeys.has(f.name) || f.name === context.key)
    .map((f) => keyItem(f, context, replace, context.parentPath));
}

function keyItem(field: FieldInfo, context: CursorContext, range: Range, parentPath: ValuePath): CompletionItem {
  const childIndent = ' '.repeat(context.column + 2);
  // Lists start their first item, mappings open an indented block, scalars stay on the line.
  const newText = field.type.startsWith('[]')
    ? `${field.name}:\n${childIndent}- $0`
    : isScalarType(field.type) ? `${field.name}: $0` : `${field.name}:\n${childIndent}$0`;
  return {
    label: field.name,
    kind: CompletionItemKind.Property,
    detail: field.type,
    documentation: field.description ? { kind: 'markdown', value: field.description } : undefined,
    sortText: `${field.required ? '0' : '1'}${field.name}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText },
    data: { path: [...parentPath, field.name] },
  };
}

function isScalarType(type: string): boolean {
  return ['string', 'integer', 'number', 'boolean', 'int-or-string', 'quantity', 'date-time'].includes(type);
}

function kindValues(kinds: readonly { apiVersion: string; kind: string }[], range: Range): CompletionItem[] {
  const seen = new Set<string>();
  return kinds.filter((k) => !seen.has(k.kind) && seen.add(k.kind)).map((k) => ({ label: k.kind, kind: CompletionItemKind.Class, detail: k.apiVersion, textEdit: { range, newText: k.kind } }));
}

function kindPairs(schema: SchemaProvider, kubernetesVersion: string, range: Range, header: Header): CompletionItem[] {
  return schema
    .listKinds(kubernetesVersion)
    .filter((k) => (!header.kind || k.kind === header.kind) && (!header.apiVersion || k.apiVersion === header.apiVersion))
    .map((k) => ({
      label: `${k.kind} (${k.apiVersion})`,
      kind: CompletionItemKind.Module,
      detail: 'apiVersion + kind',
      documentation: k.description,
      filterText: `${k.kind} ${k.apiVersion}`,
      textEdit: { range, newText: [header.apiVersion ? '' : `apiVersion: ${k.apiVersion}`, header.kind ? '' : `kind: ${k.kind}`].filter(Boolean).join('\n') },
    }));
}

interface Header {
  readonly apiVersion?: string;
  readonly kind?: string;
}

/** apiVersion and kind of the document, read from its top-level lines (the document may not parse yet). */
function readHeader(lines: LineIndex, startLine: number): Header {
  const header: { apiVersion?: string; kind?: string } = {};
  for (let l = startLine; l < lines.lineCount; l++) {
    const text = lines.lineText(l);
    if (l > startLine && /^---(?:\s|$)/.test(text)) break;
    const [token] = tokenizeLine(text);
    if (token?.column !== 0 || token.kind !== 'key' || !token.inlineValue) continue;
    const value = token.inlineValue.replace(/^(["'])(.*)\1$/, '$2');
    if (token.key === 'apiVersion') header.apiVersion = value;
    if (token.key === 'kind') header.kind = value;
  }
  return header;
}
