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
import { renderedObjectsOf, renderingsOf } from '../../kustomize/kustomize-renderings.js';

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
  /**
   * A core object of this kind and name exists (or is generated, produced or replicated) for this namespace. Objects
   * of kustomize builds exist under their rendered names and namespaces.
   */
  isDeclared(kind: string, name: string, namespace: string): boolean;
  /**
   * The build of this root kustomization holds a core object of this kind and (source) name: kustomize rewrites a
   * reference to it along with its name, so the reference resolves.
   */
  isInBuild(root: string, kind: string, name: string): boolean;
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

  // Root kustomization → `kind/name` (source names) of the core objects its build holds.
  const builds = new Map<string, Set<string>>();
  for (const r of workspace.resources) {
    // An object of kustomize builds exists under the names and namespaces they render.
    const rendered = renderedObjectsOf(workspace, r);
    const identities = rendered.length === 0 ? [{ name: r.name, namespace: r.namespace }] : rendered;
    if (groupOf(r.apiVersion) === '') {
      for (const o of identities) declare(r.kind, o.name, o.namespace);
      for (const o of rendered) {
        const build = builds.get(o.rendering.root) ?? new Set<string>();
        build.add(`${r.kind}/${r.name}`);
        builds.set(o.rendering.root, build);
      }
      if ((r.kind === 'Secret' || r.kind === 'ConfigMap') && hasReplicationAnnotation(r)) declare(r.kind, r.name, '');
    }
    if (!isCustom(r)) continue;
    for (const { name, namespace } of identities) {
      declare('*', name, namespace);
      if (name.length >= 3) customNames.push({ name, namespace });
    }
    for (const namespace of new Set(identities.map((o) => o.namespace))) {
      collectStrings(r.object, (s) => declare('*', s, namespace), (labels) => addLabelSet({ namespace, labels }));
    }
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
    // Objects this repository does not hold: charts it inflates, or a remote resource (a Git URL, `github.com/…`).
    const inflatesCharts = Array.isArray(value.helmCharts) && value.helmCharts.length > 0;
    const hasRemote = k.refs.some((ref) => ref.resolved === undefined && ['resources', 'bases', 'components'].includes(ref.field));
    if (!inflatesCharts && !hasRemote) continue;
    opaqueUnits.add(`kustomization:${k.dir || '.'}`);
    // A base with such objects makes every unit rendering it opaque.
    for (const file of renderedFiles(workspace, k.dir)) for (const unit of workspace.unitsOf(file)) opaqueUnits.add(unit);
    for (const rendering of renderingsOf(workspace, k.dir)) opaqueUnits.add(`kustomization:${rendering.root || '.'}`);
    if (typeof value.namespace === 'string') opaqueNamespaces.add(value.namespace);
    for (const chart of inflatesCharts ? value.helmCharts as unknown[] : []) if (isRecord(chart) && typeof chart.namespace === 'string') opaqueNamespaces.add(chart.namespace);
  }

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
    // As each kustomize build renders the pod template (labels added, namespace set), else as written.
    const rendered = renderedObjectsOf(workspace, r);
    const labels = readLabels(getAt(metadata, ['labels']));
    if (rendered.length === 0) addLabelSet({ namespace: r.namespace, labels });
    for (const o of rendered) addLabelSet({ namespace: o.namespace, labels: { ...labels, ...(o.templateLabels ?? o.addedSelectorLabels) } });
    for (const unit of workspace.unitsOf(r.file.path)) unitsWithWorkloads.add(unit);
  }

  const matches = (kind: string, name: string, namespace: string) => (declared.get(`${kind}/${name}`) ?? []).some((ns) => namespacesMatch(ns, namespace));

  return {
    isDeclared: (kind, name, namespace) => (kind === 'ConfigMap' && AUTOMATIC_CONFIGMAPS.has(name))
      || matches(kind, name, namespace)
      || matches('*', name, namespace)
      || customNames.some((c) => namespacesMatch(c.namespace, namespace) && isDerivedName(name, c.name)),
    isInBuild: (root, kind, name) => builds.get(root)?.has(`${kind}/${name}`) === true,
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
