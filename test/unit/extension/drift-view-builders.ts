// Builders for the drift messages the extension receives (environments, resources, fields), for the drift
// store and view-model tests and the drift UI benchmark.
import type { DriftEnvironmentView, DriftFieldView, DriftResourceView, DriftSourceView, GitOpsUnitView } from '../../../src/protocol/drift-messages.js';
import { DRIFT_STATUSES, type DriftStatus } from '../../../src/core/drift/drift-types.js';
import { formatResourceKey, resourceKeyId, type ResourceKey } from '../../../src/core/resource/resource-key.js';

export function sourceAt(uri: string, line: number, character = 0): DriftSourceView {
  return { uri, range: { start: { line, character }, end: { line, character: character + 1 } } };
}

export function counts(partial: Partial<Record<DriftStatus, number>> = {}): Record<DriftStatus, number> {
  const out = {} as Record<DriftStatus, number>;
  for (const s of DRIFT_STATUSES) out[s] = partial[s] ?? 0;
  return out;
}

export function anEnvironment(name: string, extra: Partial<DriftEnvironmentView> = {}): DriftEnvironmentView {
  const folderUri = extra.folderUri ?? 'file:///repo';
  return { id: `${folderUri}#${name}`, name, folderUri, path: name ? `clusters/${name}` : '', context: 'kind-test', state: 'Connected', counts: counts(), ...extra };
}

export function aUnit(name: string, extra: Partial<GitOpsUnitView> = {}): GitOpsUnitView {
  return { kind: 'Kustomization', name, namespace: 'flux-system', ready: 'True', ...extra };
}

export function aField(path: string, gitValue: unknown, liveValue: unknown, extra: Partial<DriftFieldView> = {}): DriftFieldView {
  return {
    path,
    pointer: '/' + path.replace(/^\./, '').split('.').join('/'),
    change: 'changed',
    gitValue,
    liveValue,
    attribution: { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-12-04T12:00:00Z' },
    suggestedAction: 'commit',
    actionReason: 'changed live by kubectl (scale), a person',
    ...extra,
  };
}

export interface ResourceOptions {
  readonly group?: string;
  readonly status?: DriftStatus;
  readonly fields?: readonly DriftFieldView[];
  readonly source?: DriftSourceView;
  readonly reason?: string;
}

export function aResource(kind: string, namespace: string, name: string, options: ResourceOptions = {}): DriftResourceView {
  const key: ResourceKey = { group: options.group ?? (kind === 'Deployment' ? 'apps' : ''), kind, namespace, name };
  const status = options.status ?? (options.fields && options.fields.length > 0 ? 'Drifted' : 'Synced');
  return {
    id: resourceKeyId(key),
    key,
    label: formatResourceKey(key),
    status,
    ...(options.reason !== undefined ? { reason: options.reason } : {}),
    fields: options.fields ?? [],
    ...(options.source ? { source: options.source } : {}),
    ignoredFields: 0,
  };
}
