// The GitOps agents a repository configures: Flux Kustomizations/HelmReleases and Argo CD Applications, with
// the fields that say whether they sync continuously, prune, heal and alert.
import { getAt, isRecord, locateInResource, type ManifestResource } from '../resource/manifest-resource.js';
import { groupOf } from '../resource/resource-key.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import { findFluxSource, isThisRepository, normalizeGitUrl, thisRepositoryUrl } from '../workspace/this-repository.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import type { Evidence } from './readiness-types.js';

export interface AgentUnit {
  readonly tool: 'flux' | 'argocd';
  readonly resource: ManifestResource;
  /** Normalized Git URL the unit pulls from, when known. */
  readonly sourceUrl?: string;
  /** Repository path it applies ('' = root), when it applies a path. */
  readonly path?: string;
  readonly isContinuous: boolean;
  readonly prunes: boolean;
  /** Live changes are reverted (Flux: every interval; Argo CD: selfHeal). */
  readonly heals: boolean;
  readonly isSuspended: boolean;
}

function evidenceAt(resource: ManifestResource, path: ValuePath, note: string): Evidence {
  return { path: resource.file.path, range: (({ key, whole }) => key ?? whole)(locateInResource(resource, path)), note };
}

export function unitEvidence(unit: AgentUnit, path: ValuePath, note: string): Evidence {
  return evidenceAt(unit.resource, path, note);
}

export function resourceEvidence(resource: ManifestResource, note: string, path: ValuePath = []): Evidence {
  return evidenceAt(resource, path, note);
}

function isFlux(r: ManifestResource, group: string): boolean {
  return groupOf(r.apiVersion) === group;
}

function readFluxUnit(index: WorkspaceIndex, r: ManifestResource): AgentUnit {
  const spec = isRecord(r.object.spec) ? r.object.spec : {};
  const source = findFluxSource(index, spec.sourceRef, r);
  const url = source ? getAt(source.object, ['spec', 'url']) : undefined;
  const isSuspended = spec.suspend === true;
  const hasInterval = typeof spec.interval === 'string' && spec.interval !== '';
  const rawPath = typeof spec.path === 'string' ? spec.path : '';
  return {
    tool: 'flux', resource: r,
    ...(typeof url === 'string' ? { sourceUrl: normalizeGitUrl(url) } : {}),
    ...(r.kind === 'Kustomization' ? { path: rawPath.replace(/^\.?\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '') } : {}),
    isContinuous: hasInterval && !isSuspended,
    prunes: r.kind === 'HelmRelease' ? true : spec.prune === true,
    // helm-controller reverts live changes only with drift detection enabled.
    heals: hasInterval && !isSuspended && (r.kind !== 'HelmRelease' || getAt(spec, ['driftDetection', 'mode']) === 'enabled'),
    isSuspended,
  };
}

function readArgoUnit(r: ManifestResource): AgentUnit {
  const spec = isRecord(r.object.spec) ? r.object.spec : {};
  // An ApplicationSet's Applications take their spec from its template.
  const appSpec = r.kind === 'ApplicationSet' ? (getAt(spec, ['template', 'spec']) ?? {}) : spec;
  const sources = [getAt(appSpec, ['source']), ...(Array.isArray(getAt(appSpec, ['sources'])) ? (getAt(appSpec, ['sources']) as unknown[]) : [])].filter(isRecord);
  const gitSource = sources.find((s) => typeof s.repoURL === 'string' && typeof s.path === 'string') ?? sources.find((s) => typeof s.repoURL === 'string');
  const automated = getAt(appSpec, ['syncPolicy', 'automated']);
  const isAutomated = isRecord(automated) ? automated.enabled !== false : automated === true;
  return {
    tool: 'argocd', resource: r,
    ...(gitSource && typeof gitSource.repoURL === 'string' ? { sourceUrl: normalizeGitUrl(gitSource.repoURL) } : {}),
    ...(gitSource && typeof gitSource.path === 'string' ? { path: gitSource.path.replace(/^\.?\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '') } : {}),
    isContinuous: isAutomated,
    prunes: isAutomated && isRecord(automated) && automated.prune === true,
    heals: isAutomated && isRecord(automated) && automated.selfHeal === true,
    isSuspended: false,
  };
}

/** Every deployment unit an agent reconciles, in file order. */
export function findAgentUnits(index: WorkspaceIndex): AgentUnit[] {
  const out: AgentUnit[] = [];
  for (const r of index.resources) {
    if ((r.kind === 'Kustomization' && isFlux(r, 'kustomize.toolkit.fluxcd.io')) || (r.kind === 'HelmRelease' && isFlux(r, 'helm.toolkit.fluxcd.io'))) {
      out.push(readFluxUnit(index, r));
    } else if ((r.kind === 'Application' || r.kind === 'ApplicationSet') && groupOf(r.apiVersion) === 'argoproj.io') {
      out.push(readArgoUnit(r));
    }
  }
  return out;
}

/**
 * Whether a unit pulls from this repository: its source URL is one of the remotes; or it applies a path that
 * exists here and either there is no remote to compare with, or the repository's own objects say it is this
 * one (Flux: the `flux-system` bootstrap source, as the lint rules decide; Argo CD: the repoURL whose paths
 * exist here). A fork or a mirror checked out under another remote is still the repository the agent pulls.
 */
export function pullsFromThisRepository(index: WorkspaceIndex, unit: AgentUnit, remoteUrls: readonly string[]): boolean {
  const remotes = remoteUrls.map(normalizeGitUrl);
  if (unit.sourceUrl && remotes.includes(unit.sourceUrl)) return true;
  if (unit.path === undefined) return false;
  const pathExists = unit.path === '' || index.listing.entryType(unit.path) === 'directory';
  if (!pathExists) return false;
  if (remotes.length === 0 || !unit.sourceUrl) return true;
  if (unit.tool === 'flux') return isThisRepository(index, getAt(unit.resource.object, ['spec', 'sourceRef']), unit.resource);
  return thisRepositoryUrl(index) === unit.sourceUrl;
}

export interface AlertFacts {
  /** Flux Alerts (with their Providers) and Argo CD notification triggers/subscriptions. */
  readonly evidence: readonly Evidence[];
}

/** Drift and reconciliation alerts: Flux Alert + Provider, Argo CD notifications (config or subscriptions). */
export function findAlerts(index: WorkspaceIndex): AlertFacts {
  const evidence: Evidence[] = [];
  for (const r of index.resources) {
    const group = groupOf(r.apiVersion);
    if (group === 'notification.toolkit.fluxcd.io' && r.kind === 'Alert') {
      const provider = getAt(r.object, ['spec', 'providerRef', 'name']);
      evidence.push(resourceEvidence(r, `Flux Alert '${r.name}' sends reconciliation events${typeof provider === 'string' ? ` to Provider '${provider}'` : ''}`));
    } else if (r.kind === 'ConfigMap' && r.name === 'argocd-notifications-cm') {
      const data = isRecord(r.object.data) ? Object.keys(r.object.data) : [];
      if (data.some((k) => k.startsWith('trigger.'))) evidence.push(resourceEvidence(r, 'Argo CD notifications define triggers'));
    } else if (group === 'argoproj.io' && (r.kind === 'Application' || r.kind === 'ApplicationSet')) {
      const annotations = getAt(r.object, ['metadata', 'annotations']);
      const subscribed = isRecord(annotations) ? Object.keys(annotations).find((k) => k.startsWith('notifications.argoproj.io/subscribe')) : undefined;
      if (subscribed) evidence.push(resourceEvidence(r, `Application '${r.name}' subscribes to notifications (${subscribed})`, ['metadata', 'annotations', subscribed]));
    }
  }
  return { evidence };
}
