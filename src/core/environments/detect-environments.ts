import { readArgoIgnoreDifferences, readFluxIgnoreRules } from '../drift/ignore-rules.js';
import { isRecord, locateInResource, type ManifestResource } from '../resource/manifest-resource.js';
import { normalizePath } from '../text/posix-path.js';
import type { Environment, EnvironmentSetting, KustomizeOverlay } from './environment.js';
import { effectiveFluxSpec } from './flux-parent-patches.js';
import { readFluxPostBuild } from './flux-substitute.js';

const FLUX_MANAGERS = ['kustomize-controller'];
const ARGO_MANAGERS = ['argocd-controller', 'argocd-application-controller'];

/**
 * Environments declared by the repository's own GitOps objects: Flux Kustomizations (`spec.path`,
 * `targetNamespace`, ignore rules) and Argo CD Applications (`source.path`/`sources[].path`, `destination`,
 * `ignoreDifferences`), then the user's settings, which win on name.
 */
export function detectEnvironments(resources: readonly ManifestResource[], settings: readonly EnvironmentSetting[] = []): Environment[] {
  const found: Environment[] = [];
  for (const r of resources) {
    const spec = isRecord(r.object.spec) ? r.object.spec : undefined;
    if (!spec) continue;
    const source = { path: r.file.path, range: locateInResource(r, []).value };
    if (r.key.group === 'kustomize.toolkit.fluxcd.io' && r.kind === 'Kustomization') {
      const flux = effectiveFluxSpec(resources, r);
      const path = fluxSourceDirectory(resources, r, flux);
      if (path === undefined) continue; // another repository's or an OCI artifact's content: nothing of ours
      const origin = (field: string) => ({ path: r.file.path, range: locateInResource(r, ['spec', field]).value });
      const env: Environment = {
        name: r.name, path, detectedFrom: 'flux', forceNamespace: true, source,
        ...(typeof flux.targetNamespace === 'string' && flux.targetNamespace ? { namespace: flux.targetNamespace } : {}),
        owner: `${r.namespace || 'flux-system'}/${r.name}`,
        ignoreRules: [
          ...readFluxIgnoreRules(flux.driftIgnoreRules, origin('driftIgnoreRules')),
          ...readFluxIgnoreRules(flux.ignore, origin('ignore')),
        ],
        agentManagers: FLUX_MANAGERS,
        ...(readFluxPostBuild(flux) ? { postBuild: readFluxPostBuild(flux) } : {}),
        ...(readFluxOverlay(flux, path) ? { kustomizeOverlay: readFluxOverlay(flux, path) } : {}),
      };
      found.push(env);
    } else if (r.key.group === 'argoproj.io' && r.kind === 'Application') {
      const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])].filter(isRecord);
      const pathSource = sources.find((s) => typeof s.path === 'string');
      const path = pathSource?.path as string | undefined;
      if (path === undefined) continue; // Helm chart or remote-only sources: nothing of this repository to compare
      const directory = pathSource && isRecord(pathSource.directory) ? pathSource.directory : {};
      const dest = isRecord(spec.destination) ? spec.destination : {};
      const cluster = typeof dest.name === 'string' ? dest.name : typeof dest.server === 'string' ? dest.server : undefined;
      const env: Environment = {
        name: r.name, path: repoPath(path), detectedFrom: 'argocd', forceNamespace: false, source,
        ...(typeof dest.namespace === 'string' && dest.namespace ? { namespace: dest.namespace } : {}),
        ...(cluster ? { cluster } : {}),
        owner: r.name,
        ignoreRules: readArgoIgnoreDifferences(spec.ignoreDifferences, { path: r.file.path, range: locateInResource(r, ['spec', 'ignoreDifferences']).value }),
        agentManagers: ARGO_MANAGERS,
        recurse: directory.recurse === true,
      };
      found.push(env);
    }
  }
  const out = new Map(qualifyDuplicateNames(found).map((e) => [e.name, e]));
  for (const s of settings) {
    const detected = out.get(s.name);
    out.set(s.name, {
      ignoreRules: [], agentManagers: [...FLUX_MANAGERS, ...ARGO_MANAGERS], forceNamespace: false,
      ...detected,
      name: s.name, path: repoPath(s.path), detectedFrom: detected?.detectedFrom ?? 'settings',
      ...(s.context ? { context: s.context } : {}),
      ...(s.namespace ? { namespace: s.namespace } : {}),
    });
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Flux repositories declare one `apps` / `tenants` Kustomization per cluster directory (clusters/staging,
 * clusters/production): same name, different paths. Such environments are named by the directory that declares
 * them too (`clusters/production/tenants`), so none hides another and `--env tenants` is refused as ambiguous
 * rather than silently comparing one cluster's live objects with another cluster's Git.
 */
function qualifyDuplicateNames(envs: readonly Environment[]): Environment[] {
  const paths = new Map<string, Set<string>>();
  for (const e of envs) paths.set(e.name, (paths.get(e.name) ?? new Set()).add(e.path));
  return envs.map((e) => {
    if ((paths.get(e.name)?.size ?? 0) < 2 || !e.source) return e;
    const dir = e.source.path.includes('/') ? e.source.path.slice(0, e.source.path.lastIndexOf('/')) : e.source.path;
    return { ...e, name: `${dir}/${e.name}` };
  });
}

function repoPath(path: string): string {
  const p = normalizePath(path);
  return p === '.' ? '' : p.replace(/^\/+/, '');
}

/** Environments whose directory holds a repository file. */
export function environmentsOf(environments: readonly Environment[], filePath: string): Environment[] {
  return environments.filter((e) => e.path === '' || filePath === e.path || filePath.startsWith(`${e.path}/`));
}

/** What kustomize-controller adds to the kustomization it generates over `spec.path` (none: undefined). */
function readFluxOverlay(spec: Record<string, unknown>, path: string): KustomizeOverlay | undefined {
  const fields: Record<string, unknown> = {};
  for (const k of ['patches', 'images']) if (Array.isArray(spec[k]) && spec[k].length > 0) fields[k] = spec[k];
  for (const k of ['namePrefix', 'nameSuffix']) if (typeof spec[k] === 'string' && spec[k] !== '') fields[k] = spec[k];
  const common = isRecord(spec.commonMetadata) ? spec.commonMetadata : {};
  if (isRecord(common.labels)) fields.labels = [{ pairs: common.labels, includeSelectors: false, includeTemplates: false }];
  if (isRecord(common.annotations)) fields.commonAnnotations = common.annotations;
  const components = Array.isArray(spec.components) ? spec.components.filter((c): c is string => typeof c === 'string').map((c) => repoPath(normalizePath(path ? `${path}/${c}` : c))) : [];
  return Object.keys(fields).length > 0 || components.length > 0 ? { fields, components } : undefined;
}

/**
 * The repository directory a Flux Kustomization deploys: `spec.path` for this repository's own source (the
 * GitRepository the cluster syncs from, not declared here or `flux-system`); through an ArtifactGenerator's copy
 * operations for an ExternalArtifact (`@monorepo/apps/staging/** → @artifact/staging/`); undefined for
 * another repository's content (a GitRepository declared here for a tenant, an OCIRepository, a Bucket).
 */
function fluxSourceDirectory(resources: readonly ManifestResource[], ks: ManifestResource, spec: Record<string, unknown>): string | undefined {
  const path = typeof spec.path === 'string' ? repoPath(spec.path) : '';
  const ref = isRecord(spec.sourceRef) ? spec.sourceRef : {};
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : ks.namespace;
  const declared = (kind: string, group: string) => resources.find((r) => r.kind === kind && r.key.group === group && r.name === ref.name && (r.namespace || namespace) === namespace);
  if (ref.kind === undefined || ref.kind === 'GitRepository') {
    return ref.name !== 'flux-system' && declared('GitRepository', 'source.toolkit.fluxcd.io') ? undefined : path;
  }
  if (ref.kind === 'ExternalArtifact') return artifactDirectory(resources, String(ref.name), path);
  return undefined;
}

/** `path` inside an ArtifactGenerator's artifact, as a repository directory (undefined: not from this repository). */
function artifactDirectory(resources: readonly ManifestResource[], artifact: string, path: string): string | undefined {
  for (const g of resources) {
    if (g.kind !== 'ArtifactGenerator' || g.key.group !== 'source.extensions.fluxcd.io' || !isRecord(g.object.spec)) continue;
    const spec = g.object.spec;
    const artifacts = Array.isArray(spec.artifacts) ? spec.artifacts.filter(isRecord) : [];
    const own = new Set((Array.isArray(spec.sources) ? spec.sources.filter(isRecord) : []).filter((s) => s.kind === 'GitRepository').map((s) => String(s.alias)));
    for (const a of artifacts.filter((x) => x.name === artifact)) {
      for (const op of Array.isArray(a.copy) ? a.copy.filter(isRecord) : []) {
        const from = typeof op.from === 'string' ? /^@([^/]+)\/(.*?)(?:\/\*\*?)?$/.exec(op.from) : null;
        const to = typeof op.to === 'string' ? /^@artifact\/?(.*)$/.exec(op.to) : null;
        if (!from || !to || !own.has(from[1] ?? '')) continue;
        const dest = repoPath(to[1] ?? '');
        if (dest !== '' && path !== dest && !path.startsWith(`${dest}/`)) continue;
        const rest = dest === '' ? path : path.slice(dest.length).replace(/^\//, '');
        return repoPath(normalizePath([from[2] ?? '', rest].filter((x) => x !== '').join('/')));
      }
    }
  }
  return undefined;
}
