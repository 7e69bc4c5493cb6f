// Drift results as the protocol carries them: repository paths become editor URIs, ids become the stable
// `resourceKeyId`. Ranges are already LSP ranges (core counts UTF-16 code units, 0-based).
import type { FieldDrift, ResourceDrift, SourceLocation } from '../../core/drift/drift-types.js';
import { maskSecretField } from '../../core/drift/mask-secrets.js';
import { formatResourceKey, resourceKeyId } from '../../core/resource/resource-key.js';
import type { DriftFieldView, DriftResourceView, DriftSourceView } from '../../protocol/drift-messages.js';

export type UriOf = (repoPath: string) => string;

export function toSourceView(source: SourceLocation, uriOf: UriOf): DriftSourceView {
  return { uri: uriOf(source.path), range: source.range };
}

export function toResourceView(result: ResourceDrift, uriOf: UriOf): DriftResourceView {
  return {
    id: resourceKeyId(result.key),
    key: result.key,
    label: formatResourceKey(result.key),
    ...(result.apiVersion ? { apiVersion: result.apiVersion } : {}),
    status: result.status,
    ...(result.reason ? { reason: result.reason } : {}),
    fields: result.fields.map((f) => toFieldView(result, f, uriOf)),
    ...(result.source ? { source: toSourceView(result.source, uriOf) } : {}),
    ignoredFields: result.ignoredFields,
    ...(result.liveOnlyMetadata ? { liveOnlyMetadata: result.liveOnlyMetadata.map((f) => toFieldView(result, f, uriOf)) } : {}),
  };
}

function toFieldView(result: ResourceDrift, field: FieldDrift, uriOf: UriOf): DriftFieldView {
  // Core masks Secret values already; masking again at the boundary costs nothing and keeps the promise.
  const f = maskSecretField(result.key, field);
  return {
    path: f.path,
    pointer: f.pointer,
    change: f.change,
    ...(f.gitValue !== undefined ? { gitValue: f.gitValue } : {}),
    ...(f.liveValue !== undefined ? { liveValue: f.liveValue } : {}),
    ...(f.gitDefault !== undefined ? { gitDefault: f.gitDefault } : {}),
    ...(f.source ? { source: toSourceView(f.source, uriOf) } : {}),
    ...(f.attribution ? { attribution: f.attribution } : {}),
    suggestedAction: f.suggestedAction,
    actionReason: f.actionReason,
  };
}
