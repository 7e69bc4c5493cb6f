// The schema registry: finds the schema of (Kubernetes version, apiVersion, kind) among the built-in kinds,
// the bundled CRDs and the CRDs defined in the workspace, loading data chunks lazily through a SchemaSource.
import {
  compareKubernetesVersions,
  deprecationMessage,
  deprecationStatus,
  findApiDeprecation,
  type ApiDeprecation,
} from './api-deprecations.js';
import { compileNode, type CompiledNode, type DefinitionResolver } from './compiled-schema.js';
import { describeConfigFileKind } from './config-file-kinds.js';
import { schemaFromCustomResourceDefinition, type CustomResourceSchema } from './crd-schema.js';
import {
  definitionGroup,
  SCHEMA_DATA_FORMAT,
  type SchemaDefinitionsChunkJson,
  type SchemaIndexJson,
  type SchemaNodeJson,
  type SchemaVersionIndexJson,
} from './schema-data.js';
import type { SchemaSource } from './schema-source.js';
import { suggestField } from './suggest-field.js';

export type SchemaOrigin = 'builtin' | 'bundled-crd' | 'workspace-crd';

export interface KindSchema {
  readonly apiVersion: string;
  readonly kind: string;
  /** The Kubernetes version whose definitions were used (after clamping to the supported range). */
  readonly kubernetesVersion: string;
  readonly origin: SchemaOrigin;
  /** Bundled CRDs: the project (`flux-cd`, `argo-cd`, …). Workspace CRDs: the source id given to the registry. */
  readonly source?: string;
  readonly root: CompiledNode;
  /** The text of a description reference (an id is loaded lazily from its chunk; a string is returned as is). */
  describe(description: number | string | undefined): string | undefined;
}

export type SchemaLookup =
  | { readonly status: 'found'; readonly schema: KindSchema }
  | {
      readonly status: 'deprecated';
      /** Present while the apiVersion is still served (validate against it). */
      readonly schema?: KindSchema;
      readonly deprecation: ApiDeprecation;
      readonly replacement?: string;
      readonly removedIn?: string;
      readonly message: string;
    }
  | {
      readonly status: 'removed';
      readonly deprecation: ApiDeprecation;
      readonly replacement?: string;
      readonly removedIn?: string;
      readonly message: string;
    }
  | {
      readonly status: 'unknown-kind';
      readonly apiVersion: string;
      readonly kind: string;
      /** True when the apiVersion belongs to a built-in group or a known CRD: then the kind is surely wrong. */
      readonly knownApiVersion: boolean;
      readonly suggestion?: string;
      readonly message: string;
    };

export interface SchemaRegistry {
  readonly kubernetesVersions: readonly string[];
  readonly defaultKubernetesVersion: string;
  /** Problems with the data source (missing index, wrong format); empty when all is well. */
  readonly problems: readonly string[];
  /** Maps `1.31`, `v1.31.4`, undefined … onto a supported version (nearest one when out of range). */
  resolveKubernetesVersion(kubernetesVersion: string | undefined): string;
  lookup(kubernetesVersion: string | undefined, apiVersion: string, kind: string): SchemaLookup;
  /**
   * Registers the CRDs found in one workspace source (a file), replacing what that source gave before.
   * Workspace CRDs override bundled ones for the same group and kind. Returns problems per unusable CRD.
   */
  setWorkspaceCustomResourceDefinitions(sourceId: string, crds: readonly unknown[]): readonly string[];
  removeWorkspaceCustomResourceDefinitions(sourceId: string): void;
  /** apiVersion → kinds for completion of `kind:` (built-in, bundled and workspace). */
  listKinds(kubernetesVersion: string | undefined): ReadonlyMap<string, readonly string[]>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function normalizeVersion(version: string | undefined): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version?.trim() ?? '');
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

export function createSchemaRegistry(source: SchemaSource): SchemaRegistry {
  const problems: string[] = [];
  const chunks = new Map<string, unknown>();
  const loadChunk = (chunkId: string): unknown => {
    if (chunks.has(chunkId)) return chunks.get(chunkId);
    let value: unknown;
    try {
      value = source.load(chunkId);
    } catch {
      value = undefined;
    }
    chunks.set(chunkId, value);
    return value;
  };

  const rawIndex = loadChunk('index');
  let index: SchemaIndexJson | undefined;
  if (!isRecord(rawIndex)) problems.push('schema data: no index chunk; only workspace CRDs can be validated');
  else if (rawIndex.format !== SCHEMA_DATA_FORMAT) problems.push(`schema data: format ${String(rawIndex.format)} is not ${SCHEMA_DATA_FORMAT}; regenerate it`);
  else index = rawIndex as unknown as SchemaIndexJson;

  const kubernetesVersions = [...(index?.kubernetesVersions ?? [])].sort(compareKubernetesVersions);
  const defaultKubernetesVersion = index?.defaultKubernetesVersion ?? kubernetesVersions[kubernetesVersions.length - 1] ?? '1.33';

  const resolveKubernetesVersion = (requested: string | undefined): string => {
    const wanted = normalizeVersion(requested);
    if (!wanted || kubernetesVersions.length === 0) return defaultKubernetesVersion;
    if (kubernetesVersions.includes(wanted)) return wanted;
    let chosen = kubernetesVersions[0]!;
    for (const v of kubernetesVersions) if (compareKubernetesVersions(v, wanted) <= 0) chosen = v;
    return chosen;
  };

  const describe = (description: number | string | undefined): string | undefined => {
    if (typeof description === 'string') return description;
    if (typeof description !== 'number' || !index) return undefined;
    const size = index.descriptionChunkSize;
    const chunk = loadChunk(`desc-${Math.floor(description / size)}`);
    const list = isRecord(chunk) && Array.isArray(chunk.descriptions) ? chunk.descriptions : undefined;
    const text = list?.[description % size];
    return typeof text === 'string' ? text : undefined;
  };

  // One resolver per Kubernetes version: named built-in definitions compile once per version.
  interface VersionContext {
    readonly version: string;
    readonly index?: SchemaVersionIndexJson;
    readonly resolver: DefinitionResolver;
    readonly roots: Map<string, CompiledNode>;
  }
  const contexts = new Map<string, VersionContext>();
  const contextFor = (version: string): VersionContext => {
    let ctx = contexts.get(version);
    if (ctx) return ctx;
    const chunkId = index?.versionChunks[version];
    const raw = chunkId ? loadChunk(chunkId) : undefined;
    const versionIndex = isRecord(raw) && isRecord(raw.kinds) && isRecord(raw.groups) ? (raw as unknown as SchemaVersionIndexJson) : undefined;
    const compiled = new Map<string, CompiledNode>();
    const inProgress = new Set<string>();
    const resolver: DefinitionResolver = {
      resolve(name) {
        const done = compiled.get(name);
        if (done) return done;
        if (inProgress.has(name)) return undefined;
        const group = versionIndex?.groups[definitionGroup(name)];
        const chunk = group ? loadChunk(group) : undefined;
        const json = isRecord(chunk) && isRecord(chunk.defs) ? (chunk as unknown as SchemaDefinitionsChunkJson).defs[name] : undefined;
        if (json === undefined) return undefined;
        inProgress.add(name);
        const node = compileNode(json, resolver, name);
        inProgress.delete(name);
        compiled.set(name, node);
        return node;
      },
    };
    ctx = { version, index: versionIndex, resolver, roots: new Map() };
    contexts.set(version, ctx);
    return ctx;
  };

  /** Compiles a root that lives in a chunk of its own (bundled or workspace CRD), resolving the chunk's defs first. */
  const chunkResolver = (ctx: VersionContext, defs: Record<string, SchemaNodeJson>): DefinitionResolver => {
    const compiled = new Map<string, CompiledNode>();
    const resolver: DefinitionResolver = {
      resolve(name) {
        const done = compiled.get(name);
        if (done) return done;
        const json = Object.prototype.hasOwnProperty.call(defs, name) ? defs[name] : undefined;
        if (json === undefined || typeof json === 'string') return ctx.resolver.resolve(typeof json === 'string' ? json : name);
        const node = compileNode(json, resolver, name.includes('/') ? undefined : name);
        compiled.set(name, node);
        return node;
      },
    };
    return resolver;
  };

  const kindSchema = (ctx: VersionContext, apiVersion: string, kind: string, origin: SchemaOrigin, root: CompiledNode, sourceName?: string): KindSchema => ({
    apiVersion,
    kind,
    kubernetesVersion: ctx.version,
    origin,
    source: sourceName,
    root,
    describe,
  });

  // `kind: List` is a client-side wrapper (kubectl get -o yaml): its items are validated one by one by the caller.
  const listSchema = (ctx: VersionContext): KindSchema => {
    let root = ctx.roots.get('List');
    if (!root) {
      root = compileNode(
        { t: 'object', p: { apiVersion: { t: 'string' }, kind: { t: 'string' }, metadata: 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', items: { t: 'array', i: { t: 'any' } } }, r: ['items'] },
        ctx.resolver,
      );
      ctx.roots.set('List', root);
    }
    return kindSchema(ctx, 'v1', 'List', 'builtin', root);
  };

  const builtinSchema = (ctx: VersionContext, apiVersion: string, kind: string): KindSchema | undefined => {
    const defName = ctx.index?.kinds[apiVersion]?.[kind];
    if (typeof defName !== 'string') return undefined;
    const root = ctx.resolver.resolve(defName);
    return root ? kindSchema(ctx, apiVersion, kind, 'builtin', root) : undefined;
  };

  const bundledSchema = (ctx: VersionContext, apiVersion: string, kind: string): KindSchema | undefined => {
    const entry = index?.crds[apiVersion]?.[kind];
    if (!entry) return undefined;
    const key = `bundled|${apiVersion}|${kind}`;
    let root = ctx.roots.get(key);
    if (!root) {
      const chunk = loadChunk(entry.chunk);
      if (!isRecord(chunk) || !isRecord(chunk.defs)) return undefined;
      root = chunkResolver(ctx, chunk.defs as Record<string, SchemaNodeJson>).resolve(entry.root);
      if (!root) return undefined;
      ctx.roots.set(key, root);
    }
    return kindSchema(ctx, apiVersion, kind, 'bundled-crd', root, entry.project);
  };

  // Workspace CRDs, by source id. Compiled roots are cached per (CRD object, version, Kubernetes version).
  const workspace = new Map<string, CustomResourceSchema[]>();
  const workspaceRoots = new WeakMap<CustomResourceSchema, Map<string, CompiledNode>>();
  // group/kind → the CRD that defines it; the source registered last wins. Rebuilt on every change.
  let workspaceIndex = new Map<string, { crd: CustomResourceSchema; sourceId: string }>();
  const reindexWorkspace = (): void => {
    workspaceIndex = new Map();
    for (const [sourceId, crds] of workspace) for (const crd of crds) workspaceIndex.set(`${crd.group}/${crd.kind}`, { crd, sourceId });
  };
  const findWorkspaceCrd = (group: string, kind: string): { crd: CustomResourceSchema; sourceId: string } | undefined =>
    workspaceIndex.get(`${group}/${kind}`);

  const lookupWorkspace = (ctx: VersionContext, apiVersion: string, kind: string): SchemaLookup | undefined => {
    const group = groupOf(apiVersion);
    if (!group) return undefined;
    const hit = findWorkspaceCrd(group, kind);
    if (!hit) return undefined;
    const version = hit.crd.versions.find((v) => v.apiVersion === apiVersion && v.served);
    if (!version) {
      const served = hit.crd.versions.filter((v) => v.served).map((v) => v.apiVersion);
      return {
        status: 'unknown-kind',
        apiVersion,
        kind,
        knownApiVersion: true,
        suggestion: served[0],
        message: `The CustomResourceDefinition for ${kind} in ${hit.sourceId} does not serve ${apiVersion}${served.length ? `; it serves ${served.join(', ')}` : ''}.`,
      };
    }
    let perCrd = workspaceRoots.get(hit.crd);
    if (!perCrd) workspaceRoots.set(hit.crd, (perCrd = new Map()));
    const key = `${version.name}|${ctx.version}`;
    let root = perCrd.get(key);
    if (!root) {
      root = version.schema === undefined ? compileNode({ t: 'any' }, ctx.resolver) : chunkResolver(ctx, { root: version.schema }).resolve('root') ?? compileNode({ t: 'any' }, ctx.resolver);
      perCrd.set(key, root);
    }
    const schema = kindSchema(ctx, apiVersion, kind, 'workspace-crd', root, hit.sourceId);
    if (!version.deprecated) return { status: 'found', schema };
    const replacement = hit.crd.versions.find((v) => v.served && !v.deprecated)?.apiVersion;
    const deprecation: ApiDeprecation = { apiVersion, kind, replacement, project: 'kubernetes', note: version.deprecationWarning };
    return {
      status: 'deprecated',
      schema,
      deprecation,
      replacement,
      message: version.deprecationWarning ?? `${apiVersion} ${kind} is deprecated by its CustomResourceDefinition${replacement ? `; use ${replacement}` : ''}.`,
    };
  };

  /** True for the apiVersions and groups of built-in kinds (CRD groups are shared between projects: argoproj.io). */
  const isBuiltinGroup = (ctx: VersionContext, apiVersion: string): boolean => {
    if (ctx.index?.kinds[apiVersion]) return true;
    const group = groupOf(apiVersion);
    for (const known of Object.keys(ctx.index?.kinds ?? {})) if (groupOf(known) === group) return true;
    return false;
  };

  const lookup = (requestedVersion: string | undefined, apiVersion: string, kind: string): SchemaLookup => {
    const ctx = contextFor(resolveKubernetesVersion(requestedVersion));
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      return { status: 'unknown-kind', apiVersion: String(apiVersion), kind: String(kind), knownApiVersion: false, message: 'apiVersion and kind must be strings.' };
    }
    const fromWorkspace = lookupWorkspace(ctx, apiVersion, kind);
    if (fromWorkspace) return fromWorkspace;

    const deprecation = findApiDeprecation(apiVersion, kind);
    const builtin = builtinSchema(ctx, apiVersion, kind);
    const bundled = builtin ? undefined : bundledSchema(ctx, apiVersion, kind);
    const schema = builtin ?? bundled;
    if (deprecation) {
      const status = deprecationStatus(deprecation, ctx.version);
      if (status === 'removed' || (status === 'deprecated' && !schema && deprecation.project !== 'kubernetes')) {
        return { status: 'removed', deprecation, replacement: deprecation.replacement, removedIn: deprecation.removedIn, message: deprecationMessage(deprecation, 'removed', ctx.version) };
      }
      if (status === 'deprecated') {
        return { status: 'deprecated', schema, deprecation, replacement: deprecation.replacement, removedIn: deprecation.removedIn, message: deprecationMessage(deprecation, 'deprecated', ctx.version) };
      }
    }
    if (schema) return { status: 'found', schema };
    if (apiVersion === 'v1' && kind === 'List') return { status: 'found', schema: listSchema(ctx) };
    const configFile = describeConfigFileKind(apiVersion, kind);
    if (configFile) {
      // A kubeconfig, a component or cluster-tool configuration: no API object, so no error and no CRD advice.
      return { status: 'unknown-kind', apiVersion, kind, knownApiVersion: false, message: `${apiVersion} ${kind} is ${configFile}, not an API object: not validated.` };
    }

    if (ctx.version === kubernetesVersions[kubernetesVersions.length - 1] && index?.newerKinds?.kinds[apiVersion]?.includes(kind)) {
      return {
        status: 'unknown-kind', apiVersion, kind, knownApiVersion: false,
        message: `${apiVersion} ${kind} is served by a Kubernetes newer than ${ctx.version}, the newest these schemas cover (${index.newerKinds.source} lists it): not validated.`,
      };
    }
    const group = groupOf(apiVersion);
    // Argo CD, Argo Rollouts and Argo Workflows all use argoproj.io: a bundled group does not make a kind wrong.
    const kindsOfApiVersion = [...Object.keys(ctx.index?.kinds[apiVersion] ?? {}), ...Object.keys(index?.crds[apiVersion] ?? {})];
    const kindSuggestion = suggestField(kind, kindsOfApiVersion);
    const servingKind = [
      ...Object.keys(ctx.index?.kinds ?? {}).filter((v) => ctx.index?.kinds[v]?.[kind]),
      ...Object.keys(index?.crds ?? {}).filter((v) => index?.crds[v]?.[kind]),
    ];
    // The core group serves only `v1`: another group-less version (Talos machine configuration's `v1alpha1`,
    // a tool's own file) is not the core group's unless the kind is a Kubernetes kind written wrongly.
    const groupKnown = group === '' && apiVersion !== 'v1' ? servingKind.length > 0 : isBuiltinGroup(ctx, apiVersion);
    // Another project's kind may share a built-in name (Knative Service, Istio Gateway): only point elsewhere
    // when the apiVersion is a known group or a near-miss of one that serves the kind.
    const sameGroup = servingKind.find((v) => groupOf(v) === group);
    const apiVersionSuggestion = sameGroup ?? (groupKnown ? servingKind[0] : suggestField(apiVersion, servingKind));
    const known = groupKnown || kindSuggestion !== undefined || apiVersionSuggestion !== undefined;
    const message = kindSuggestion
      ? `Unknown kind ${kind} in ${apiVersion}; did you mean ${kindSuggestion}?`
      : apiVersionSuggestion
        ? `${kind} is not served as ${apiVersion} in Kubernetes ${ctx.version}; use ${apiVersionSuggestion}.`
        : known
          ? `Unknown kind ${kind} in ${apiVersion} (Kubernetes ${ctx.version}).`
          : `No schema for ${apiVersion} ${kind}: add its CustomResourceDefinition to the repository to validate it.`;
    return { status: 'unknown-kind', apiVersion, kind, knownApiVersion: known, suggestion: kindSuggestion ?? apiVersionSuggestion, message };
  };

  return {
    kubernetesVersions,
    defaultKubernetesVersion,
    problems,
    resolveKubernetesVersion,
    lookup,
    setWorkspaceCustomResourceDefinitions(sourceId, crds) {
      const out: CustomResourceSchema[] = [];
      const found: string[] = [];
      for (const crd of Array.isArray(crds) ? crds : []) {
        const result = schemaFromCustomResourceDefinition(crd);
        if (result.schema) out.push(result.schema);
        found.push(...result.problems);
      }
      workspace.delete(sourceId);
      if (out.length) workspace.set(sourceId, out);
      reindexWorkspace();
      return found;
    },
    removeWorkspaceCustomResourceDefinitions(sourceId) {
      workspace.delete(sourceId);
      reindexWorkspace();
    },
    listKinds(requestedVersion) {
      const ctx = contextFor(resolveKubernetesVersion(requestedVersion));
      const out = new Map<string, Set<string>>();
      const add = (apiVersion: string, kind: string) => {
        let set = out.get(apiVersion);
        if (!set) out.set(apiVersion, (set = new Set()));
        set.add(kind);
      };
      for (const [apiVersion, kinds] of Object.entries(ctx.index?.kinds ?? {})) for (const kind of Object.keys(kinds)) add(apiVersion, kind);
      for (const [apiVersion, kinds] of Object.entries(index?.crds ?? {})) for (const kind of Object.keys(kinds)) add(apiVersion, kind);
      for (const crds of workspace.values()) for (const crd of crds) for (const v of crd.versions) if (v.served) add(v.apiVersion, crd.kind);
      return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
    },
  };
}
