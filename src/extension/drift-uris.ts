// Source URIs from the server, spelled as VS Code spells a document's URI, so that the store's index by URI
// meets `document.uri.toString()` (the server writes `team@corp`, VS Code `team%40corp`). Free of `vscode`: the
// caller passes VS Code's own normalizer.
import type { DriftDeltaParams, DriftFieldView, DriftResourceView, DriftSourceView } from '../protocol/drift-messages.js';

export type UriNormalizer = (uri: string) => string;

export function normalizeDeltaUris(params: DriftDeltaParams, normalize: UriNormalizer): DriftDeltaParams {
  const cache = new Map<string, string>();
  const spell = (uri: string): string => {
    let out = cache.get(uri);
    if (out === undefined) {
      out = normalize(uri);
      cache.set(uri, out);
    }
    return out;
  };
  const source = (s: DriftSourceView | undefined) => (s ? { ...s, uri: spell(s.uri) } : undefined);
  const field = (f: DriftFieldView): DriftFieldView => (f.source ? { ...f, source: source(f.source) as DriftSourceView } : f);
  const resource = (r: DriftResourceView): DriftResourceView => ({
    ...r,
    ...(r.source ? { source: source(r.source) as DriftSourceView } : {}),
    fields: r.fields.map(field),
  });
  return { ...params, upserted: params.upserted.map(resource) };
}
