// What a repository declares, produces or cannot know, for the `dangling-reference` rule: built once per
// workspace index. Every heuristic here leans towards silence: a false alarm costs more than a miss.
import { mapSelectorMatches, readLabels, type Labels } from '../../resource/label-selector.js';
import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { podTemplateMetadataPath } from '../../resource/pod-template.js';
import { groupOf } from '../../resource/resource-key.js';
import type { RepositoryListing } from '../../ports.js';
import { joinPath, normalizePath } from '../../text/posix-path.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import { namespacesMatch, normalizeGitUrl, thisRepositoryUrl } from '../../workspace/this-repository.js';
import { perWorkspace } from '../../workspace/per-workspace.js';

const BUILTIN_GROUPS = new Set([
  '', 'apps', 'batch', 'autoscaling', 'policy', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'apiextensions.k8s.io', 'admissionregistration.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io',
  'node.k8s.io', 'certificates.k8s.io', 'flowcontrol.apiserver.k8s.io', 'apiregistration.k8s.io', 'gateway.networking.k8s.io',
  'kustomize.config.k8s.io',
]);
/** ConfigMaps the control plane publishes in every namespace. */
const AUTOMATIC_CONFIGMAPS = new Set(['kube-root-ca.crt']);
/** Annotation keys of tools that copy a Secret or ConfigMap into other namespaces. */
const REPLICATION = /reflector|replicat|kubed|sync\.|mirror/i;

interface LabelSet {
  readonly namespace: string;
  readonly labels: Labels;
}

export interface ReferenceIndex {
  /** A core object of this kind and name exists (or is generated, produced or replicated) for this namespace. */
  isDeclared(kind: string, name: string, namespace: string): boolean;
  /** A custom resource of this name exists (operators label their pods with their resource's name). */
  isCustomResourceName(name: string, namespace: string): boolean;
  /**
   * Some pod template (with the labels kustomize adds to it), or some label set inside a custom resource (operators,
   * Argo Rollouts), in a matching namespace carries every pair of this Service-style selector.
   */
  hasPodsFor(selector: Labels, namespace: string): boolean;
  /**
   * Something in the object's namespace, or in every deployment unit it is part of, creates objects this repository
   * cannot see; or some file of the repository could not be read (any object may be declared there).
   */
  isOpaque(resource: ManifestResource): boolean;
  /**
   * The object's deployment units also declare workloads (and, with `orServices`, Services): the app is declared
   * here, so what it points to should be too.
   */
  hasNeighbours(resource: ManifestResource, orServices: boolean): boolean;
}

export const referenceIndex: (workspace: WorkspaceIndex) => ReferenceIndex = perWorkspace(buildIndex);

function isCustom(r: ManifestResource): boolean {
  return !BUILTIN_GROUPS.has(groupOf(r.apiVersion));
}

function buildIndex(workspace: WorkspaceIndex): ReferenceIndex {
  // `kind/name` → the namespaces it exists in. `*/name` holds the names custom resources mention (ExternalSecret
  // targets, SealedSecrets, Certificates' secretName, operators' connection secrets…): objects those
  // controllers may create.
  const declared = new Map<string, string[]>();
  const declare = (kind: string, name: string, namespace: string) => {
    if (!name) return;
    const key = `${kind}/${name}`;
    const list = declared.get(key);
    if (list) list.push(namespace);
    else declared.set(key, [namespace]);
  };
  // Operators name what they create after their custom resource: CloudNativePG `db` makes `db-app` and `db-rw`,
  // Zalando's `acid-main` makes `user.acid-main.credentials…`, RabbitMQ's `mq` makes `mq-default-user`.
  const customNames: { name: string; namespace: string }[] = [];
  // Label sets by each of their `key=value` pairs: a selector only looks at the sets that carry its first pair.
  const labelSets = new Map<string, LabelSet[]>();
  const addLabelSet = (set: LabelSet) => {
    for (const [k, v] of Object.entries(set.labels)) {
      const key = `${k}\u0000${v}`;
      const list = labelSets.get(key);
      if (list) list.push(set);
      else labelSets.set(key, [set]);
    }
  };
  const opaqueNamespaces = new Set<string>();
  const opaqueUnits = new Set<string>();
  const selfUrl = thisRepositoryUrl(workspace);

  for (const r of workspace.resources) {
    if (groupOf(r.apiVersion) === '') {
      declare(r.kind, r.name, r.namespace);
      if ((r.kind === 'Secret' || r.kind === 'ConfigMap') && hasReplicationAnnotation(r)) declare(r.kind, r.name, '');
    }
    if (!isCustom(r)) continue;
    declare('*', r.name, r.namespace);
    if (r.name.length >= 3) customNames.push({ name: r.name, namespace: r.namespace });
    collectStrings(r.object, (s) => declare('*', s, r.namespace), (labels) => addLabelSet({ namespace: r.namespace, labels }));
    const opaqueTarget = opaqueNamespaceOf(r, selfUrl, workspace.listing);
    if (opaqueTarget !== undefined) {
      if (opaqueTarget !== '') opaqueNamespaces.add(opaqueTarget);
      for (const unit of workspace.unitsOf(r.file.path)) opaqueUnits.add(unit);
    }
  }
  for (const k of workspace.kustomizations.values()) {
    const value = k.file.documents[0]?.value;
    if (!isRecord(value)) continue;
    for (const generator of ['configMapGenerator', 'secretGenerator'] as const) {
      const list = value[generator];
      if (!Array.isArray(list)) continue;
      for (const entry of list) {
        if (isRecord(entry) && typeof entry.name === 'string') declare(generator === 'configMapGenerator' ? 'ConfigMap' : 'Secret', entry.name, '');
      }
    }
    if (Array.isArray(value.helmCharts) && value.helmCharts.length > 0) {
      opaqueUnits.add(`kustomization:${k.dir || '.'}`);
      // A base that inflates charts makes every unit rendering it opaque.
      for (const file of renderedFiles(workspace, k.dir)) for (const unit of workspace.unitsOf(file)) opaqueUnits.add(unit);
      if (typeof value.namespace === 'string') opaqueNamespaces.add(value.namespace);
      for (const chart of value.helmCharts) if (isRecord(chart) && typeof chart.namespace === 'string') opaqueNamespaces.add(chart.namespace);
    }
  }

  const extraLabels = kustomizeLabelsByFile(workspace);
  const unitsWithWorkloads = new Set<string>();
  const serviceCountByUnit = new Map<string, number>();
  for (const r of workspace.resourcesByKind('Service')) {
    for (const unit of workspace.unitsOf(r.file.path)) serviceCountByUnit.set(unit, (serviceCountByUnit.get(unit) ?? 0) + 1);
  }
  for (const r of workspace.resources) {
    const path = podTemplateMetadataPath(r.kind) ?? (isCustom(r) ? ['spec', 'template', 'metadata'] : undefined);
    if (!path) continue;
    const metadata = getAt(r.object, path);
    if (!isRecord(metadata) && podTemplateMetadataPath(r.kind) === undefined) continue;
    addLabelSet({ namespace: r.namespace, labels: { ...readLabels(getAt(metadata, ['labels'])), ...extraLabels.get(r.file.path) } });
    for (const unit of workspace.unitsOf(r.file.path)) unitsWithWorkloads.add(unit);
  }

  const matches = (kind: string, name: string, namespace: string) => (declared.get(`${kind}/${name}`) ?? []).some((ns) => namespacesMatch(ns, namespace));

  return {
    isDeclared: (kind, name, namespace) => (kind === 'ConfigMap' && AUTOMATIC_CONFIGMAPS.has(name))
      || matches(kind, name, namespace)
      || matches('*', name, namespace)
      || customNames.some((c) => namespacesMatch(c.namespace, namespace) && isDerivedName(name, c.name)),
    isCustomResourceName: (name, namespace) => customNames.some((c) => c.name === name && namespacesMatch(c.namespace, namespace)),
    hasPodsFor: (selector, namespace) => {
      const first = Object.entries(selector)[0];
      if (!first) return true;
      return (labelSets.get(`${first[0]}\u0000${first[1]}`) ?? []).some((set) => namespacesMatch(set.namespace, namespace) && mapSelectorMatches(selector, set.labels));
    },
    // A file deployed by several units is checked when one of them creates nothing unseen: it must work there.
    isOpaque: (resource) => workspace.unreadFiles.length > 0 || opaqueNamespaces.has(resource.namespace) || workspace.unitsOf(resource.file.path).every((u) => opaqueUnits.has(u)),
    hasNeighbours: (resource, orServices) => workspace.unitsOf(resource.file.path).some((unit) =>
      unitsWithWorkloads.has(unit) || (orServices && (serviceCountByUnit.get(unit) ?? 0) > (resource.kind === 'Service' ? 1 : 0))),
  };
}

/** `db-app`, `app-db`, `user.db.credentials` are derived from `db`; `dbx` is not. */
function isDerivedName(name: string, base: string): boolean {
  return name.startsWith(`${base}-`) || name.endsWith(`-${base}`) || name.startsWith(`${base}.`) || name.includes(`.${base}.`) || name.includes(`-${base}-`);
}

function hasReplicationAnnotation(r: ManifestResource): boolean {
  const annotations = getAt(r.object, ['metadata', 'annotations']);
  return isRecord(annotations) && Object.keys(annotations).some((k) => REPLICATION.test(k));
}

/**
 * The namespace a custom resource deploys unseen objects into: '' when unknown, undefined when it deploys
 * nothing we cannot see. HelmReleases and Argo CD Applications of charts or other repositories qualify.
 */
function opaqueNamespaceOf(r: ManifestResource, selfUrl: string | undefined, listing: RepositoryListing): string | undefined {
  const group = groupOf(r.apiVersion);
  if (r.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io') {
    const target = getAt(r.object, ['spec', 'targetNamespace']);
    return typeof target === 'string' ? target : r.namespace;
  }
  if ((r.kind === 'Application' || r.kind === 'ApplicationSet') && group === 'argoproj.io') {
    const spec = r.kind === 'ApplicationSet' ? getAt(r.object, ['spec', 'template', 'spec']) : getAt(r.object, ['spec']);
    const sources = [getAt(spec, ['source']), ...(Array.isArray(getAt(spec, ['sources'])) ? (getAt(spec, ['sources']) as unknown[]) : [])];
    // A source path holding a Chart.yaml is rendered by Helm: its objects are not plain files either.
    const external = sources.some((s) => isRecord(s) && (typeof s.chart === 'string' || typeof s.repoURL !== 'string' || normalizeGitUrl(s.repoURL) !== selfUrl
      || (typeof s.path === 'string' && listing.entryType(joinPath(normalizePath(s.path), 'Chart.yaml')) === 'file')));
    if (!external) return undefined;
    const ns = getAt(spec, ['destination', 'namespace']);
    return typeof ns === 'string' && !ns.includes('{{') ? ns : '';
  }
  return undefined;
}

function collectStrings(value: unknown, onString: (s: string) => void, onLabels: (labels: Labels) => void): void {
  if (typeof value === 'string') {
    if (value.length > 0 && value.length <= 253) onString(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectStrings(v, onString, onLabels);
  } else if (isRecord(value)) {
    const labels = readLabels(value);
    if (Object.keys(labels).length > 0) onLabels(labels);
    for (const v of Object.values(value)) collectStrings(v, onString, onLabels);
  }
}

/** Labels kustomize adds to pod templates (`commonLabels`, `labels[].pairs`), by every kustomization that renders a file. */
function kustomizeLabelsByFile(workspace: WorkspaceIndex): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const k of workspace.kustomizations.values()) {
    const value = k.file.documents[0]?.value;
    if (!isRecord(value)) continue;
    const labels: Record<string, string> = { ...readLabels(value.commonLabels) };
    if (Array.isArray(value.labels)) for (const entry of value.labels) if (isRecord(entry)) Object.assign(labels, readLabels(entry.pairs));
    if (Object.keys(labels).length === 0) continue;
    for (const file of renderedFiles(workspace, k.dir)) out.set(file, { ...out.get(file), ...labels });
  }
  return out;
}

function renderedFiles(workspace: WorkspaceIndex, dir: string): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>();
  const visit = (d: string) => {
    if (seen.has(d)) return;
    seen.add(d);
    const k = workspace.kustomizations.get(d);
    if (!k) return;
    for (const ref of k.refs) {
      if (!ref.resolved) continue;
      if (workspace.kustomizations.has(ref.resolved)) visit(ref.resolved);
      else out.add(ref.resolved);
    }
  };
  visit(dir);
  return out;
}
