import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import { patchesFor } from '../../resource/kustomize-patches.js';
import type { Rule, RuleContext } from '../rule.js';

const EXACT = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * Why a chart version constraint (Masterminds semver, as Flux and Argo CD read it) is not one exact version,
 * or undefined when it is. Partial versions (`1.2`) are ranges there too.
 */
export function unpinnedReason(raw: string): string | undefined {
  const v = raw.trim().replace(/^=\s*/, '');
  if (EXACT.test(v)) return undefined;
  if (v === '' ) return 'is empty, which means the latest chart';
  if (v.includes('${')) return undefined; // Flux substitution: the value is decided per cluster
  if (v === '*' || /^[xX*]$/.test(v)) return `'${raw}' takes whatever chart version is newest`;
  if (/[*xX](\.|$)/.test(v) && /^v?[\d*xX]+(\.[\d*xX]+)*$/.test(v)) return `'${raw}' is a wildcard range`;
  if (/[<>^~|,]|\s-\s/.test(v)) return `'${raw}' is a version range`;
  if (/^v?\d+(\.\d+)?$/.test(v)) return `'${raw}' is a partial version, which matches a range`;
  return undefined; // not semver at all: the schema or the controller reports it, not this rule
}

function checkHelmRelease(resource: ManifestResource, context: RuleContext): void {
  const spec = getAt(resource.object, ['spec']);
  if (!isRecord(spec) || spec.chartRef !== undefined) return; // version lives in the referenced OCIRepository/HelmChart
  const chartSpec = getAt(spec, ['chart', 'spec']);
  if (!isRecord(chartSpec)) return;
  const sourceKind = getAt(chartSpec, ['sourceRef', 'kind']);
  if (sourceKind === 'GitRepository' || sourceKind === 'Bucket') return; // chart from a path: its Chart.yaml decides
  const version = chartSpec.version;
  // A base HelmRelease often leaves the version to each overlay: judge what the overlays pin instead.
  const overlays = patchesFor(context.workspace, resource).strategic.map((p) => getAt(p, ['spec', 'chart', 'spec', 'version'])).filter((v) => v !== undefined && v !== null);
  if (overlays.length > 0 && overlays.every((v) => unpinnedReason(String(v)) === undefined)) return;
  if (version === undefined || version === null) {
    context.report({ path: ['spec', 'chart', 'spec'], message: `HelmRelease '${resource.name}' does not pin spec.chart.spec.version: Flux installs the newest chart ('*').` });
    return;
  }
  const reason = unpinnedReason(String(version));
  if (reason) context.report({ path: ['spec', 'chart', 'spec', 'version'], on: 'value', message: `Chart version ${reason}: upgrades happen without a commit.` });
}

function checkApplication(resource: ManifestResource, context: RuleContext): void {
  const sources: { source: unknown; path: (string | number)[] }[] = [];
  if (getAt(resource.object, ['spec', 'source']) !== undefined) sources.push({ source: getAt(resource.object, ['spec', 'source']), path: ['spec', 'source'] });
  const list = getAt(resource.object, ['spec', 'sources']);
  if (Array.isArray(list)) list.forEach((s, i) => sources.push({ source: s, path: ['spec', 'sources', i] }));
  for (const { source, path } of sources) {
    if (!isRecord(source) || typeof source.chart !== 'string' || source.chart === '') continue;
    const revision = source.targetRevision;
    if (typeof revision !== 'string' && typeof revision !== 'number') continue;
    const reason = unpinnedReason(String(revision));
    if (reason && String(revision).trim() !== '') {
      context.report({ path: [...path, 'targetRevision'], on: 'value', message: `Helm chart '${source.chart}' targetRevision ${reason}: upgrades happen without a commit.` });
    }
  }
}

export const helmVersionRule: Rule = {
  meta: {
    id: 'helm-version',
    title: 'Helm chart versions are pinned',
    rationale: 'A missing chart version, `*`, a wildcard (`1.x`) or a range (`>=1.0`, `^1.2`, `~1.2`) lets the GitOps agent upgrade the chart whenever one is published: the cluster changes with no commit to review or revert.',
    remediation: 'Pin an exact version (`version: 1.2.3` in a Flux HelmRelease, `targetRevision: 1.2.3` for an Argo CD Helm source) and bump it in a commit (Renovate or Flux image automation can do it).',
    defaultSeverity: 'warning',
    kinds: ['HelmRelease', 'Application'],
  },
  check(resource, context) {
    const group = groupOf(resource.apiVersion);
    if (resource.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') checkHelmRelease(resource, context);
    else if (resource.kind === 'Application' && group === 'argoproj.io') checkApplication(resource, context);
  },
};
