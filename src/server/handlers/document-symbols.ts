// Outline: one entry per object (`Kind/name`), its top-level sections as children.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { isRecord } from '../../core/resource/manifest-resource.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import { resourcesOfFile } from '../../core/workspace/resource-at-position.js';

const SECTION_KIND: Record<string, SymbolKind> = {
  apiVersion: SymbolKind.String,
  kind: SymbolKind.String,
  metadata: SymbolKind.Namespace,
  spec: SymbolKind.Struct,
  data: SymbolKind.Object,
  stringData: SymbolKind.Object,
  status: SymbolKind.Event,
};

export function provideDocumentSymbols(index: WorkspaceIndex, path: string): DocumentSymbol[] {
  const resources = resourcesOfFile(index, path);
  const symbols: DocumentSymbol[] = [];
  for (const resource of resources) {
    const locator = resource.document.locator;
    const whole = resource.basePath.length === 0 ? resource.document.range : locator.locateNearest(resource.basePath).located.whole;
    const nameLocation = locator.locate([...resource.basePath, 'metadata', 'name']) ?? locator.locate([...resource.basePath, 'kind']);
    const selection = nameLocation?.value ?? whole;
    const children: DocumentSymbol[] = [];
    for (const key of Object.keys(resource.object)) {
      const located = locator.locate([...resource.basePath, key]);
      if (!located) continue;
      const value = resource.object[key];
      children.push({
        name: key,
        detail: isRecord(value) || Array.isArray(value) ? undefined : String(value),
        kind: SECTION_KIND[key] ?? SymbolKind.Field,
        range: located.whole,
        selectionRange: located.key ?? located.value,
      });
    }
    symbols.push({
      name: `${resource.kind}/${resource.name || '(unnamed)'}`,
      detail: [resource.apiVersion, resource.namespace && `namespace ${resource.namespace}`].filter(Boolean).join(' · '),
      kind: SymbolKind.Class,
      range: whole,
      selectionRange: containsRange(whole, selection) ? selection : whole,
      children,
    });
  }
  return symbols;
}

function containsRange(outer: { start: Pos; end: Pos }, inner: { start: Pos; end: Pos }): boolean {
  const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

interface Pos {
  readonly line: number;
  readonly character: number;
}
