// A field of an object a Helm chart renders (Flux HelmRelease `spec.values`, Argo CD Application
// `helm.valuesObject`) is written in the values key that produces it. The chart is not rendered here, so the
// key is the one values leaf whose current value is the field's Git value (for an image, the `repository` +
// `tag` pair that spells it); when none or several are, the plan is refused saying so, never guessed.
import { isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { groupOf } from '../resource/resource-key.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import { commitMessageFor, describeAttribution, describeValue, summaryLine } from './describe-change.js';
import type { PlanOutcome, PlannedField } from './edit-plan.js';
import { parseImageReference } from './image-reference.js';
import { planSetValue } from './set-value-edit.js';
import type { Attribution } from '../drift/drift-types.js';
import type { ResourceKey } from '../resource/resource-key.js';

export interface HelmValuesRequest {
  /** The HelmRelease or Argo CD Application in the repository. */
  readonly release: ManifestResource;
  /** The rendered object and its field (`.spec.replicas`), its Git (rendered) value and the value to write. */
  readonly key: ResourceKey;
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
  readonly attribution?: Attribution;
  readonly context?: string;
}

export function planHelmValues(req: HelmValuesRequest): PlanOutcome {
  const { release } = req;
  const values = valuesOf(release);
  if ('refused' in values) return { kind: 'refused', reason: values.refused };
  const name = `${release.kind} ${release.namespace ? `${release.namespace}/` : ''}${release.name}`;
  const candidates = leavesEqual(values.object, req.from, []);
  let edits: { path: ValuePath; value: unknown }[] = candidates.length === 1 ? [{ path: candidates[0] as ValuePath, value: req.to }] : [];
  if (candidates.length === 0 && typeof req.from === 'string' && typeof req.to === 'string') edits = imagePairEdits(values.object, req.from, req.to);
  if (edits.length === 0) {
    const where = candidates.length === 0 ? `no values key of ${name} holds ${describeValue(req.from)} (the chart's default or a template produces it)` : `${candidates.length} values keys of ${name} hold ${describeValue(req.from)} (${candidates.map(dotted).join(', ')})`;
    return { kind: 'refused', reason: `${where}: which key produces ${req.path} is not known; open the values in ${release.file.path} and set it by hand` };
  }
  const planned = edits.map((e) => planSetValue(release, [...values.path, ...e.path], e.value));
  const refused = planned.find((p) => 'refused' in p);
  if (refused && 'refused' in refused) return { kind: 'refused', reason: refused.refused };
  const field: PlannedField = { path: req.path, from: req.from, to: req.to, file: release.file.path, layer: `${release.kind} values ${edits.map((e) => dotted(e.path)).join(', ')}` };
  const who = describeAttribution(req.attribution);
  return {
    kind: 'plan',
    plan: {
      files: [{ path: release.file.path, edits: planned.flatMap((p) => ('edit' in p ? [p.edit] : [])).sort((a, b) => a.range.start.line - b.range.start.line) }],
      fields: [field],
      summary: [summaryLine(field)],
      commitMessage: commitMessageFor('Codify live change', req.key, [field], [who ?? '', req.context ?? ''], ['', `Written in the Helm values of ${name}.`], []),
      refused: [],
    },
  };
}

function valuesOf(release: ManifestResource): { object: unknown; path: ValuePath } | { refused: string } {
  const group = groupOf(release.apiVersion);
  const spec = isRecord(release.object.spec) ? release.object.spec : {};
  if (group === 'helm.toolkit.fluxcd.io' && release.kind === 'HelmRelease') {
    if (isRecord(spec.values)) return { object: spec.values, path: ['spec', 'values'] };
    return { refused: `${release.kind} ${release.name} has no inline spec.values${Array.isArray(spec.valuesFrom) ? ' (its values come from valuesFrom ConfigMaps/Secrets in the cluster)' : ''}; set the value there by hand` };
  }
  if (group === 'argoproj.io' && release.kind === 'Application') {
    const sources: [unknown, ValuePath][] = [[spec.source, ['spec', 'source']], ...(Array.isArray(spec.sources) ? spec.sources.map((s, i): [unknown, ValuePath] => [s, ['spec', 'sources', i]]) : [])];
    for (const [source, at] of sources) {
      const helm = isRecord(source) && isRecord(source.helm) ? source.helm : undefined;
      if (helm && isRecord(helm.valuesObject)) return { object: helm.valuesObject, path: [...at, 'helm', 'valuesObject'] };
      if (helm && typeof helm.values === 'string') return { refused: `Application ${release.name} writes its Helm values as a string (helm.values); edit them by hand` };
    }
    return { refused: `Application ${release.name} has no helm.valuesObject` };
  }
  return { refused: `${release.kind} ${release.name} is neither a Flux HelmRelease nor an Argo CD Application` };
}

function leavesEqual(value: unknown, wanted: unknown, at: ValuePath): ValuePath[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leavesEqual(v, wanted, [...at, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => leavesEqual(v, wanted, [...at, k]));
  return value !== null && value !== undefined && (typeof wanted === 'string' || typeof wanted === 'number' || typeof wanted === 'boolean') && String(value) === String(wanted) ? [at] : [];
}

/** `image: {repository: ghcr.io/acme/api, tag: 1.4.2}` spells `ghcr.io/acme/api:1.4.2`: the parts that change. */
function imagePairEdits(values: unknown, from: string, to: string): { path: ValuePath; value: unknown }[] {
  const before = parseImageReference(from);
  const after = parseImageReference(to);
  if (before.tag === undefined || after.tag === undefined || after.digest !== undefined) return [];
  const found: ValuePath[] = [];
  const walk = (v: unknown, at: ValuePath) => {
    if (!isRecord(v)) return;
    if (v.repository === before.name && String(v.tag) === before.tag) found.push(at);
    for (const [k, child] of Object.entries(v)) walk(child, [...at, k]);
  };
  walk(values, []);
  const only = found[0];
  if (found.length !== 1 || !only) return [];
  return [
    ...(after.name !== before.name ? [{ path: [...only, 'repository'], value: after.name }] : []),
    ...(after.tag !== before.tag ? [{ path: [...only, 'tag'], value: after.tag }] : []),
  ];
}

function dotted(path: ValuePath): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}
