import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import type { Rule, RuleContext } from '../rule.js';
import { filesRenderedFrom, fluxPath } from './flux-repository.js';
import { FLUX_BOOTSTRAP_NAME, FLUX_KUSTOMIZE_GROUP, FLUX_SOURCE_GROUP, findFluxSource, isThisRepository, namespacesMatch } from '../../workspace/this-repository.js';

/** source-watcher's group: an ArtifactGenerator produces ExternalArtifacts. */
const ARTIFACT_GENERATOR_GROUP = 'source.extensions.fluxcd.io';
import { definedVariables, variableUses } from './flux-substitutions.js';
import { perWorkspace } from '../../workspace/per-workspace.js';

const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'Bucket', 'HelmRepository', 'HelmChart', 'ExternalArtifact'];

/**
 * Paths are relative to the repository root, but the linted folder may be a subfolder. Git says when it is the
 * root (the CLI and the server ask it); otherwise only trust a missing path when some Kustomization of this
 * repository has a path that does exist (the folder is then a root, e.g. a fixture's).
 */
const isLintedAtRepositoryRoot = perWorkspace((workspace: WorkspaceIndex): boolean =>
  workspace.repository?.prefix === '' || workspace.resourcesByKind('Kustomization').some((k) => {
    if (groupOf(k.apiVersion) !== FLUX_KUSTOMIZE_GROUP || !isThisRepository(workspace, getAt(k.object, ['spec', 'sourceRef']), k)) return false;
    const path = fluxPath(k);
    return path !== undefined && path !== '' && workspace.listing.entryType(path) === 'directory';
  }));

/** Flags a sourceRef naming no source object, when the repository manages its Flux sources at all. */
function checkSourceRef(resource: ManifestResource, context: RuleContext, ref: unknown, refPath: (string | number)[]): void {
  if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || ref.name.includes('${')) return;
  if (!SOURCE_KINDS.includes(ref.kind)) return;
  if (findFluxSource(context.workspace, ref, resource)) return;
  if (ref.name === FLUX_BOOTSTRAP_NAME) return; // created by `flux bootstrap` or the Flux Operator, maybe not committed
  if (context.workspace.unreadFiles.length > 0) return; // it may be declared (or produced) in a file that could not be read
  if (ref.kind === 'ExternalArtifact') {
    checkExternalArtifactRef(resource, context, ref as { name: string; namespace?: unknown }, refPath);
    return;
  }
  const managesSources = context.workspace.resources.some((r) => groupOf(r.apiVersion) === FLUX_SOURCE_GROUP);
  if (!managesSources) return; // sources come from another repository (tenant repositories)
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : resource.namespace;
  context.report({
    path: [...refPath, 'name'],
    on: 'value',
    message: `sourceRef names ${ref.kind} '${ref.name}'${namespace ? ` in namespace '${namespace}'` : ''}, which is not declared in this repository.`,
  });
}

/**
 * An ExternalArtifact is produced, not declared: an ArtifactGenerator (source-watcher) creates one per entry of
 * its `spec.artifacts`, in its own namespace. Other controllers may produce them too, so a name no generator
 * produces is only reported when the repository has ArtifactGenerators (then it is likely a typo).
 */
function checkExternalArtifactRef(resource: ManifestResource, context: RuleContext, ref: { name: string; namespace?: unknown }, refPath: (string | number)[]): void {
  const namespace = typeof ref.namespace === 'string' ? ref.namespace : resource.namespace;
  const generators = context.workspace.resourcesByKind('ArtifactGenerator').filter((g) => groupOf(g.apiVersion) === ARTIFACT_GENERATOR_GROUP);
  if (generators.length === 0) return;
  const produces = (g: ManifestResource) => {
    const artifacts = getAt(g.object, ['spec', 'artifacts']);
    return Array.isArray(artifacts) && artifacts.some((a) => isRecord(a) && (a.name === ref.name || (typeof a.name === 'string' && a.name.includes('${'))));
  };
  if (generators.some((g) => namespacesMatch(g.namespace, namespace) && produces(g))) return;
  context.report({
    path: [...refPath, 'name'],
    on: 'value',
    message: `sourceRef names ExternalArtifact '${ref.name}'${namespace ? ` in namespace '${namespace}'` : ''}, which no ArtifactGenerator of this repository produces (they produce: ${generators.flatMap((g) => {
      const artifacts = getAt(g.object, ['spec', 'artifacts']);
      return Array.isArray(artifacts) ? artifacts.filter(isRecord).map((a) => `${g.namespace ? `${g.namespace}/` : ''}${String(a.name)}`) : [];
    }).slice(0, 5).join(', ')}).`,
  });
}

function checkKustomization(resource: ManifestResource, context: RuleContext): void {
  const { workspace } = context;
  const sourceRef = getAt(resource.object, ['spec', 'sourceRef']);
  checkSourceRef(resource, context, sourceRef, ['spec', 'sourceRef']);
  if (!isThisRepository(workspace, sourceRef, resource)) return;
  const path = fluxPath(resource);
  if (path === undefined) return;
  if (path !== '' && workspace.listing.entryType(path) !== 'directory') {
    if (!isLintedAtRepositoryRoot(workspace)) return;
    const exists = workspace.listing.entryType(path) === 'file';
    context.report({
      path: ['spec', 'path'],
      on: 'value',
      message: exists ? `spec.path '${path}' is a file; Flux needs a directory.` : `spec.path '${path}' does not exist in this repository.`,
    });
    return;
  }
  if (getAt(resource.object, ['spec', 'postBuild']) === undefined) return; // no postBuild: Flux substitutes nothing
  const defined = definedVariables(workspace, resource);
  if (!defined) return;
  const undefinedUses = variableUses(workspace, filesRenderedFrom(workspace, path)).filter((u) => !defined.has(u.name));
  if (undefinedUses.length === 0) return;
  const names = [...new Set(undefinedUses.map((u) => u.name))];
  context.report({
    path: ['spec', 'postBuild'],
    message: `${names.map((n) => '${' + n + '}').join(', ')} ${names.length === 1 ? 'is' : 'are'} used under '${path || '.'}' but defined by no postBuild.substitute or substituteFrom: Flux substitutes an empty string (escape a literal as $\${…}).`,
    related: undefinedUses.slice(0, 20).map((u) => ({ resource: u.resource, path: u.path, message: `\${${u.name}} used here` })),
  });
}

export const fluxSourceRule: Rule = {
  meta: {
    id: 'flux-source',
    title: 'Flux sources and paths resolve',
    rationale: 'A Flux Kustomization whose `spec.path` is missing, or whose `sourceRef` names no source, never reconciles; an undefined `${VAR}` is silently replaced by an empty string. Heuristics keep this quiet where the repository cannot know: paths are only checked when the source is this repository (the `flux-system` GitRepository, or one with its URL and branch) and the linted folder is the repository root (git says so, or another path resolves); a sourceRef is only checked when the repository declares Flux sources at all (and every file of it could be read), and `flux-system` is assumed to exist; an ExternalArtifact counts as declared when an ArtifactGenerator of the repository produces it (and is only checked when the repository has ArtifactGenerators); variables are only checked with a `postBuild`, when every `substituteFrom` object is in the repository and no Kustomization patches `postBuild` into others.',
    remediation: 'Fix `spec.path` (relative to the repository root) or the sourceRef name/namespace; define the variable in `postBuild.substitute` or its ConfigMap/Secret, give it a default (`${VAR:=value}`), or escape a literal as `$${VAR}`.',
    defaultSeverity: 'error',
    checksReferences: true,
    kinds: ['Kustomization', 'HelmRelease'],
  },
  check(resource, context) {
    const group = groupOf(resource.apiVersion);
    if (resource.kind === 'Kustomization' && group === FLUX_KUSTOMIZE_GROUP) checkKustomization(resource, context);
    else if (resource.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
      checkSourceRef(resource, context, getAt(resource.object, ['spec', 'chart', 'spec', 'sourceRef']), ['spec', 'chart', 'spec', 'sourceRef']);
      checkSourceRef(resource, context, getAt(resource.object, ['spec', 'chartRef']), ['spec', 'chartRef']);
    }
  },
};
