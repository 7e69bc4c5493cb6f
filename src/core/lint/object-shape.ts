// A document that is meant as a Kubernetes object but lacks `apiVersion` or `kind` would be silently
// skipped (other YAML is recognized by content and left alone). Report it instead, as the API server would;
// the same for an item of a `kind: List` (kubectl refuses the whole List).
import type { Finding } from '../findings/finding.js';
import type { ManifestDocument, ValuePath } from '../manifest/manifest-types.js';
import { isKubeObject, isListObject, isRecord } from '../resource/manifest-resource.js';
import { isKustomizationPath } from '../workspace/kustomization-file.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { SCHEMA_RULE_ID } from './engine-checks.js';
import { basename } from '../text/posix-path.js';

const HELM_VALUES_FILE = /(^|[-_.])values([-_.][^/]*)?\.ya?ml$/i;

/**
 * Looks like an object: a `kind`, or `metadata` beside an `apiVersion`, `spec` or `data`. (An `apiVersion`
 * alone is not enough: Helm's Chart.yaml has one.)
 */
function looksLikeKubernetesObject(value: Record<string, unknown>): boolean {
  if ('kind' in value) return true;
  return isRecord(value.metadata) && ('apiVersion' in value || 'spec' in value || 'data' in value || 'stringData' in value);
}

export function checkObjectShape(path: string, doc: ManifestDocument, workspace: WorkspaceIndex): Finding[] {
  const value = doc.value;
  if (doc.isTemplate || !isRecord(value) || isKustomizationPath(path)) return [];
  if (isKubeObject(value)) return isListObject(value) ? checkListItems(path, doc, value.items) : [];
  if (!looksLikeKubernetesObject(value) || workspace.isBuildInput(path)) return [];
  // A Helm values file (`values.yaml`, `values-prod.yaml`, `app.values.yaml`) may hold a `kind:` setting of its chart.
  if (!('apiVersion' in value) && HELM_VALUES_FILE.test(basename(path))) return [];
  if (workspace.patchTargetsOf(path).length > 0 && !('apiVersion' in value) && !('kind' in value)) return [];
  return [missingTypeFinding(path, doc, value, [])];
}

/** Every item of a List is meant as an object: one without `apiVersion` or `kind` is not applied (kubectl refuses the List). */
function checkListItems(path: string, doc: ManifestDocument, items: readonly unknown[]): Finding[] {
  const findings: Finding[] = [];
  items.forEach((item, i) => {
    if (isRecord(item) && !isKubeObject(item)) findings.push(missingTypeFinding(path, doc, item, ['items', i]));
  });
  return findings;
}

function missingTypeFinding(path: string, doc: ManifestDocument, value: Record<string, unknown>, basePath: ValuePath): Finding {
  const missing = (['apiVersion', 'kind'] as const).filter((k) => typeof value[k] !== 'string' || value[k] === '');
  const located = missing.map((k) => doc.locator.locate([...basePath, k])).find((l) => l !== undefined);
  const range = located?.key ?? doc.locator.locateNearest(basePath).located.value;
  const what = missing.map((k) => (k in value ? `an empty or non-string '${k}'` : `no '${k}'`)).join(' and ');
  const subject = basePath.length === 0 ? 'This looks like a Kubernetes object but has' : 'This item of the List has';
  return {
    ruleId: SCHEMA_RULE_ID,
    severity: 'error',
    message: `${subject} ${what}: it cannot be applied (and is not validated).`,
    path,
    range: located ? range : { start: range.start, end: range.start },
  };
}
