// How kustomize renders an object: every root kustomization (overlay) that includes its file, through which
// kustomizations, and what their transformers make of its name, namespace, labels, replicas and images.
// Rules judge these rendered values where an object is part of a kustomize build, and still point at the
// source line a person edits. Computed from the kustomization files only, and reused while they are the same
// parsed files (a keystroke in a manifest rebuilds the workspace index, not this).
import { isClusterScopedKind } from '../drift/cluster-scoped-kinds.js';
import type { ManifestFile } from '../manifest/manifest-types.js';
import { readLabels, type Labels } from '../resource/label-selector.js';
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { podTemplateMetadataPath } from '../resource/pod-template.js';
import { agentPaths } from '../workspace/agent-paths.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { mayPatchReach } from './kustomize-patch-targets.js';
import { readKustomizeTransform, transformImage, type KustomizeTransform } from './kustomize-transform.js';

/** One way kustomize renders a file: the root kustomization built, and the transforms on the way (innermost first). */
export interface Rendering {
  readonly root: string;
  readonly transforms: readonly KustomizeTransform[];
  /** Every kustomization (and Component) on the way, innermost first: where patches may apply. */
  readonly through: readonly string[];
}

/** A resource as one rendering makes it. */
export interface RenderedObject {
  readonly rendering: Rendering;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  /** Pod template labels (workloads), or undefined for kinds without a pod template. */
  readonly templateLabels?: Labels;
  /** Labels added to the selector (`spec.selector.matchLabels` of a workload, `spec.selector` of a Service). */
  readonly addedSelectorLabels: Labels;
  /** Every name it has on the way (as written, then after each prefix/suffix). */
  readonly names: ReadonlySet<string>;
  /** Set by a `replicas:` entry (the last kustomization that sets it). */
  readonly replicas?: { readonly count: number; readonly setIn: string };
}

interface Include {
  readonly dir: string;
  readonly viaComponents: boolean;
}

interface KustomizeGraph {
  readonly sources: ReadonlyMap<string, ManifestFile>;
  readonly includers: ReadonlyMap<string, readonly Include[]>;
  /** What a kustomization applies to all it renders: its Components' transforms, then its own (a Component applies none by itself). */
  readonly applied: ReadonlyMap<string, readonly KustomizeTransform[]>;
  /** Kustomization directories a GitOps agent of this repository applies: roots even when another includes them. */
  readonly agentRoots: ReadonlySet<string>;
  /** The Components each kustomization lists. */
  readonly components: ReadonlyMap<string, readonly string[]>;
  readonly renderings: Map<string, readonly Rendering[]>;
}

/** More ways than this to render one file are not followed (a pathological diamond of overlays). */
const MAX_RENDERINGS = 64;
/** kustomize's prefix/suffix transformer leaves these names alone (a Namespace is renamed by `namespace:`). */
const KEEPS_NAME = new Set(['/Namespace', 'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService']);

const graphs = new WeakMap<ReadonlyMap<string, unknown>, KustomizeGraph>();
/**
 * The last graph per set of kustomization directories (one per workspace folder, in practice), so that two folders
 * linted in turn do not rebuild each other's; a few sets at most, least recently used dropped.
 */
const lastGraphs = new Map<string, KustomizeGraph>();
const MAX_LAST_GRAPHS = 8;

function graphOf(workspace: WorkspaceIndex): KustomizeGraph {
  const cached = graphs.get(workspace.kustomizations);
  if (cached) return cached;
  const sources = new Map<string, ManifestFile>();
  for (const k of workspace.kustomizations.values()) sources.set(k.dir, k.file);
  const agentRoots = new Set(agentPaths(workspace).map((p) => p.dir).filter((dir) => workspace.kustomizations.has(dir)));
  const slot = [...sources.keys()].sort().join('\u0000');
  const last = lastGraphs.get(slot);
  const graph = last && isSameSources(last.sources, sources) && isSameSet(last.agentRoots, agentRoots) ? last : buildGraph(workspace, sources, agentRoots);
  graphs.set(workspace.kustomizations, graph);
  lastGraphs.delete(slot);
  lastGraphs.set(slot, graph);
  if (lastGraphs.size > MAX_LAST_GRAPHS) lastGraphs.delete(lastGraphs.keys().next().value as string);
  return graph;
}

function isSameSources(a: ReadonlyMap<string, ManifestFile>, b: ReadonlyMap<string, ManifestFile>): boolean {
  if (a.size !== b.size) return false;
  for (const [dir, file] of a) if (b.get(dir) !== file) return false;
  return true;
}

function isSameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function buildGraph(workspace: WorkspaceIndex, sources: Map<string, ManifestFile>, agentRoots: ReadonlySet<string>): KustomizeGraph {
  const includers = new Map<string, Include[]>();
  const own = new Map<string, KustomizeTransform | undefined>();
  const isComponent = new Set<string>();
  const components = new Map<string, string[]>();
  for (const k of workspace.kustomizations.values()) {
    const value = k.file.documents[0]?.value;
    own.set(k.dir, readKustomizeTransform(k.dir, value));
    if (isRecord(value) && value.kind === 'Component') isComponent.add(k.dir);
    for (const ref of k.refs) {
      if (!ref.resolved || ref.resolved === k.dir || !['resources', 'bases', 'components'].includes(ref.field)) continue;
      const list = includers.get(ref.resolved) ?? [];
      list.push({ dir: k.dir, viaComponents: ref.field === 'components' });
      includers.set(ref.resolved, list);
      if (ref.field === 'components' && workspace.kustomizations.has(ref.resolved)) components.set(k.dir, [...(components.get(k.dir) ?? []), ref.resolved]);
    }
  }
  // A Component's transforms apply to everything the kustomization that lists it renders (approximation: also
  // to what a later Component adds), before that kustomization's own.
  const composite = (dir: string, seen: Set<string>): KustomizeTransform[] => {
    if (seen.has(dir)) return [];
    seen.add(dir);
    const out = (components.get(dir) ?? []).flatMap((c) => composite(c, seen));
    const t = own.get(dir);
    return t ? [...out, t] : out;
  };
  const applied = new Map<string, readonly KustomizeTransform[]>();
  for (const dir of own.keys()) applied.set(dir, isComponent.has(dir) ? [] : composite(dir, new Set()));
  return { sources, includers, applied, agentRoots, components, renderings: new Map() };
}

/**
 * Every way kustomize renders the objects of a file (or of a kustomization directory): one per path from a root
 * kustomization (one no other includes, or one a GitOps agent of this repository applies) down to it. Empty when no kustomization renders it.
 */
export function renderingsOf(workspace: WorkspaceIndex, path: string): readonly Rendering[] {
  const graph = graphOf(workspace);
  const cached = graph.renderings.get(path);
  if (cached) return cached;
  const out: Rendering[] = [];
  const withComponents = (dir: string, seen = new Set<string>()): string[] => {
    if (seen.has(dir)) return [];
    seen.add(dir);
    return [dir, ...(graph.components.get(dir) ?? []).flatMap((c) => withComponents(c, seen))];
  };
  const walk = (at: string, transforms: readonly KustomizeTransform[], through: readonly string[], seen: ReadonlySet<string>) => {
    if (out.length >= MAX_RENDERINGS) return;
    const up = (graph.includers.get(at) ?? []).filter((i) => !seen.has(i.dir));
    // A kustomization no other includes is a root; one an agent applies (Flux spec.path, Argo CD source path) is a
    // root too, besides being rendered inside every overlay that includes it.
    if (at !== path && (up.length === 0 || graph.agentRoots.has(at))) out.push({ root: at, transforms, through });
    if (up.length === 0) return;
    for (const include of up) {
      const next = new Set(seen).add(include.dir);
      walk(include.dir, [...transforms, ...(graph.applied.get(include.dir) ?? [])], [...through, ...withComponents(include.dir)], next);
    }
  };
  // A kustomization directory's own transforms apply to the objects it renders.
  walk(path, graph.applied.get(path) ?? [], graph.sources.has(path) ? withComponents(path) : [], new Set([path]));
  graph.renderings.set(path, out);
  return out;
}

/** The overlay a rendering builds, as findings name it. */
export function describeRendering(rendering: Rendering): string {
  return `overlay ${rendering.root || '.'}`;
}

/** True when this rendering's transforms change nothing (a plain `resources:` list). */
export function isPlainRendering(rendering: Rendering): boolean {
  return rendering.transforms.length === 0;
}

/** Rendered objects by parsed object: a document an edit did not touch keeps its value, so a new index reuses them. */
const renderedCache = new WeakMap<object, { readonly renderings: readonly Rendering[]; readonly rendered: readonly RenderedObject[] }>();

/** The resource as each kustomize build renders it; empty when no kustomization renders its file. */
export function renderedObjectsOf(workspace: WorkspaceIndex, resource: ManifestResource): readonly RenderedObject[] {
  const renderings = renderingsOf(workspace, resource.file.path);
  if (renderings.length === 0) return [];
  const hit = renderedCache.get(resource.object);
  if (hit?.renderings === renderings) return hit.rendered;
  const rendered = renderings.map((rendering) => renderObject(resource, rendering));
  renderedCache.set(resource.object, { renderings, rendered });
  return rendered;
}

export function renderObject(resource: ManifestResource, rendering: Rendering): RenderedObject {
  const keepsName = KEEPS_NAME.has(`${resource.key.group}/${resource.kind}`);
  const isNamespace = resource.key.group === '' && resource.kind === 'Namespace';
  const clusterScoped = isClusterScopedKind(resource.key.group, resource.kind) === true;
  const templatePath = podTemplateMetadataPath(resource.kind);
  let name = resource.name;
  let namespace = resource.namespace;
  const names = new Set([name]);
  const labels: Record<string, string> = { ...readLabels(getAt(resource.object, ['metadata', 'labels'])) };
  const annotations: Record<string, string> = { ...readLabels(getAt(resource.object, ['metadata', 'annotations'])) };
  const templateLabels: Record<string, string> | undefined = templatePath ? { ...readLabels(getAt(resource.object, [...templatePath, 'labels'])) } : undefined;
  const addedSelectorLabels: Record<string, string> = {};
  let replicas: RenderedObject['replicas'];
  for (const t of rendering.transforms) {
    if (t.namespace !== undefined) {
      if (isNamespace) name = t.namespace;
      else if (!clusterScoped) namespace = t.namespace;
    }
    if (!keepsName) name = `${t.namePrefix}${name}${t.nameSuffix}`;
    names.add(name);
    Object.assign(labels, t.labels);
    Object.assign(annotations, t.annotations);
    if (templateLabels) Object.assign(templateLabels, t.templateLabels);
    Object.assign(addedSelectorLabels, t.selectorLabels);
    const count = t.replicas.find((r) => names.has(r.name));
    if (count) replicas = { count: count.count, setIn: t.dir };
  }
  return {
    rendering,
    name,
    namespace: clusterScoped ? '' : namespace,
    labels,
    annotations,
    ...(templateLabels ? { templateLabels } : {}),
    addedSelectorLabels,
    names,
    ...(replicas ? { replicas } : {}),
  };
}

/** True when a patch of some kustomization on the way could reach the object (and so might rename it). */
export function mayBePatched(workspace: WorkspaceIndex, resource: ManifestResource, rendered: RenderedObject): boolean {
  return rendered.rendering.through.some((dir) => mayPatchReach(workspace, dir, { kind: resource.kind, names: rendered.names }));
}

/** A container image as a rendering makes it (`images:` transformers), with the kustomization that set it. */
export function renderedImage(image: string, rendering: Rendering): { image: string; setIn?: string } {
  return transformImage(image, rendering.transforms);
}
