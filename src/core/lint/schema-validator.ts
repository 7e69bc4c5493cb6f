// The ResourceValidator the CLI, the language server and the playground use: the schema registry for whole
// objects, and kustomize patches merged onto their target before validation (mapped back to the patch).
import { strategicMerge, pathInPatch } from '../kustomize/strategic-merge.js';
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { patchesFor } from '../resource/kustomize-patches.js';
import { dirname } from '../text/posix-path.js';
import type { SchemaFinding } from '../schema/schema-finding.js';
import type { SchemaRegistry } from '../schema/schema-registry.js';
import { validateNode } from '../schema/validate-node.js';
import { validateResource } from '../schema/validate-resource.js';
import { perWorkspace } from '../workspace/per-workspace.js';
import { checkObjectMetadata } from '../schema/metadata-checks.js';
import { describeRendering, renderedObjectsOf, type RenderedObject } from '../kustomize/kustomize-renderings.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { DEPRECATED_API_RULE_ID, SCHEMA_RULE_ID } from './engine-checks.js';
import { replaceValueEdit } from '../edit/yaml-text-edits.js';
import { fixOf } from '../findings/finding.js';
import type { ResourceValidator, SchemaIssue } from './resource-validator.js';

const WORKSPACE_CRDS = 'workspace';
// Configuration files of tools that read the repository, never applied to a cluster: kustomize's own, and
// Jenkins X's (`jx-requirements.yml`, Lighthouse trigger configuration).
const NOT_VALIDATED_GROUPS = new Set(['kustomize.config.k8s.io', 'core.jenkins-x.io', 'config.lighthouse.jenkins.io']);

export function createSchemaValidator(registry: SchemaRegistry): ResourceValidator {
  let crdsOf: WorkspaceIndex | undefined;
  let crdObjects: readonly unknown[] = [];

  const syncWorkspaceCrds = (workspace: WorkspaceIndex) => {
    if (crdsOf === workspace) return;
    crdsOf = workspace;
    const objects = workspace.resourcesByKind('CustomResourceDefinition').filter((r) => r.key.group === 'apiextensions.k8s.io').map((r) => r.object);
    if (objects.length === crdObjects.length && objects.every((o, i) => o === crdObjects[i])) return;
    crdObjects = objects;
    registry.setWorkspaceCustomResourceDefinitions(WORKSPACE_CRDS, objects);
  };

  return {
    validateConfigDocument: (filePath, value, kubernetesVersion) => validateFleetYaml(registry, filePath, value, kubernetesVersion),
    validate(resource, kubernetesVersion, workspace) {
      // Kustomize's own configuration (kustomization files, `apiVersion: builtin` plugin configs) and other tools'
      // repository configuration never reach the API server.
      if (NOT_VALIDATED_GROUPS.has(resource.key.group) || resource.apiVersion === 'builtin') return [];
      syncWorkspaceCrds(workspace);
      const targets = workspace.patchTargetsOf(resource.file.path).length > 0 ? findPatchTargets(resource, workspace) : undefined;
      const namespace = kustomizeNamespaceOf(resource, workspace);
      const issues = targets !== undefined
        ? validatePatch(registry, resource, kubernetesVersion, targets)
        : isLoosePatchFile(resource.file.path, workspace)
          ? validatePatch(registry, resource, kubernetesVersion, [])
          : validateWhole(registry, resource, kubernetesVersion, namespace, renderedObjectsOf(workspace, resource), workspace);
      return namespace !== undefined ? issues.filter((i) => !i.missesNamespace) : issues;
    },
  };
}

const FLEET_YAML = /(^|\/)fleet\.ya?ml$/;
/** fleet.yaml keys that are not BundleSpec fields: its own name and labels, image scans, override targets. */
const FLEET_YAML_ONLY = new Set(['name', 'labels', 'imageScans', 'overrideTargets']);

/**
 * Rancher Fleet's `fleet.yaml` is a bundle's spec (BundleSpec), plus `targetCustomizations` (the bundle's
 * `targets`) and a few keys of its own: validated against the bundled Fleet `Bundle` schema.
 */
function validateFleetYaml(registry: SchemaRegistry, filePath: string, value: unknown, kubernetesVersion: string): SchemaIssue[] {
  if (!FLEET_YAML.test(filePath) || !isRecord(value)) return [];
  const lookup = registry.lookup(kubernetesVersion, 'fleet.cattle.io/v1alpha1', 'Bundle');
  const spec = lookup.status === 'found' ? lookup.schema.root.properties?.get('spec')?.node.get() : undefined;
  if (!spec) return [];
  const asSpec: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (!FLEET_YAML_ONLY.has(key)) asSpec[key === 'targetCustomizations' ? 'targets' : key] = v;
  return validateNode(asSpec, spec).map((f) => {
    const path = f.path[0] === 'targets' ? ['targetCustomizations', ...f.path.slice(1)] : f.path;
    return { ruleId: SCHEMA_RULE_ID, path: f.code === 'required' && f.field !== undefined ? [...path, f.field] : path, message: f.message, severity: f.severity, on: f.on ?? (f.code === 'unknown-field' || f.code === 'required' ? 'key' : 'value') };
  });
}

/** `deployment-patch.yaml`, `patch_replicas.yml`, `2.argocd-repo-server-patch.yaml`, `patches/x.yaml`. */
const PATCH_FILE = /(^|[-_./])patch(es)?([-_./][^/]*)?$/i;

/**
 * A file named as a patch that no kustomization renders and no GitOps agent applies is a patch for
 * `kubectl patch --patch-file` or a tool's step (as its README says): its target holds what it leaves out.
 */
function isLoosePatchFile(path: string, workspace: WorkspaceIndex): boolean {
  return PATCH_FILE.test(path.replace(/\.ya?ml$/i, '')) && workspace.unitsOf(path).every((unit) => unit.startsWith('dir:'));
}

/**
 * The `namespace:` a kustomization rendering the file sets (its own directory's, or one that includes it through
 * `resources`/`components`/`bases`, up to the roots), if any.
 * kustomize's namespace transformer also fills the namespace of the Service an APIService, a webhook or a CRD
 * conversion points to (and RoleBinding subjects): a missing `namespace` there is no error. And it renames the
 * Namespace objects it renders, so a placeholder name (`_` in a shared component) is judged as rendered.
 */
function kustomizeNamespaceOf(resource: ManifestResource, workspace: WorkspaceIndex): string | undefined {
  const seen = new Set<string>();
  const pending = [resource.file.path, dirname(resource.file.path)];
  while (pending.length > 0) {
    const path = pending.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const value = workspace.kustomizations.get(path)?.file.documents[0]?.value;
    if (isRecord(value) && typeof value.namespace === 'string' && value.namespace !== '') return value.namespace;
    for (const k of includersOf(workspace).get(path) ?? []) pending.push(k);
  }
  return undefined;
}

/** Path (file or kustomization directory) → directories of the kustomizations that render it. */
const includersOf = perWorkspace((workspace: WorkspaceIndex): Map<string, string[]> => {
  const map = new Map<string, string[]>();
  for (const k of workspace.kustomizations.values()) {
    for (const ref of k.refs) {
      if (!ref.resolved || !['resources', 'components', 'bases'].includes(ref.field)) continue;
      const list = map.get(ref.resolved) ?? [];
      list.push(k.dir);
      map.set(ref.resolved, list);
    }
  }
  return map;
});

function validateWhole(registry: SchemaRegistry, resource: ManifestResource, kubernetesVersion: string, kustomizeNamespace: string | undefined, renderings: readonly RenderedObject[], workspace: WorkspaceIndex): ReturnType<typeof toIssue>[] {
  const rendered = resource.kind === 'Namespace' && resource.apiVersion === 'v1' && kustomizeNamespace !== undefined && isRecord(resource.object.metadata)
    ? { ...resource.object, metadata: { ...resource.object.metadata, name: kustomizeNamespace } }
    : resource.object;
  const { findings } = validateResource(registry, rendered, { kubernetesVersion });
  const kept = findings.some((f) => f.code === 'required') ? findings.filter((f) => !isSuppliedByPatch(f, resource, workspace)) : findings;
  if (renderings.length === 0) return kept.map((f) => toIssue(resource, f));
  // In kustomize builds the name and namespace the API server sees are the rendered ones.
  return [...kept.filter((f) => !isIdentityFormat(f)), ...renderedIdentityFindings(registry, resource, kubernetesVersion, renderings)].map((f) => toIssue(resource, f));
}

function isIdentityFormat(f: SchemaFinding): boolean {
  return f.code === 'format' && f.path.length === 2 && f.path[0] === 'metadata' && (f.path[1] === 'name' || f.path[1] === 'namespace');
}

/**
 * Name and namespace checks on the object as each build renders it (`namePrefix`/`nameSuffix` can make a name too
 * long, `namespace:` renames a Namespace): one finding per fault, naming the overlays when not all have it.
 */
function renderedIdentityFindings(registry: SchemaRegistry, resource: ManifestResource, kubernetesVersion: string, renderings: readonly RenderedObject[]): SchemaFinding[] {
  const metadata = isRecord(resource.object.metadata) ? resource.object.metadata : undefined;
  if (!metadata) return [];
  const lookup = registry.lookup(kubernetesVersion, resource.apiVersion, resource.kind);
  const builtin = lookup.status === 'found' && lookup.schema.origin === 'builtin';
  const faults = new Map<string, { finding: SchemaFinding; overlays: string[]; renamed: boolean }>();
  for (const o of renderings) {
    const object = { ...resource.object, metadata: { ...metadata, name: o.name, ...(o.namespace !== '' ? { namespace: o.namespace } : {}) } };
    for (const f of checkObjectMetadata(object, resource.kind, { builtin })) {
      if (!isIdentityFormat(f)) continue;
      const fault = faults.get(f.message) ?? { finding: f, overlays: [], renamed: false };
      fault.overlays.push(describeRendering(o.rendering));
      fault.renamed ||= f.path[1] === 'name' ? o.name !== resource.name : o.namespace !== resource.namespace;
      faults.set(f.message, fault);
    }
  }
  return [...faults.values()].map(({ finding, overlays, renamed }) => {
    const where = overlays.length === renderings.length ? (renamed ? ' (as rendered by kustomize)' : '') : ` (as ${[...new Set(overlays)].join(', ')} render${overlays.length === 1 ? 's' : ''} it)`;
    return { ...finding, message: finding.message.replace(/\.?$/, `${where}.`) };
  });
}

/**
 * A required field an overlay's patch (or a parent Flux Kustomization's `spec.patches`) sets is there once
 * rendered: judged as the agent sees the object. Only map paths are compared (list items merge by key).
 */
function isSuppliedByPatch(finding: SchemaFinding, resource: ManifestResource, workspace: WorkspaceIndex): boolean {
  if (finding.code !== 'required' || finding.field === undefined || finding.path.some((p) => typeof p === 'number')) return false;
  const path = [...finding.path, finding.field];
  return patchesFor(workspace, resource).strategic.some((patch) => getAt(patch, path) !== undefined && getAt(patch, path) !== null);
}

/**
 * A patch is only part of an object: merge it onto its target and keep the findings that come from the patch.
 * Without a target in the repository, the patch is checked alone, minus "required field" findings. A
 * `$patch: delete` directive at the top is an instruction about the target, not a partial object.
 */
function validatePatch(registry: SchemaRegistry, patch: ManifestResource, kubernetesVersion: string, targets: readonly ManifestResource[]): ReturnType<typeof toIssue>[] {
  if (patch.object.$patch === 'delete') return [];
  if (targets.length === 0) {
    const { findings } = validateResource(registry, patch.object, { kubernetesVersion });
    return findings.filter((f) => f.code !== 'required').map((f) => toIssue(patch, f));
  }
  const issues = new Map<string, ReturnType<typeof toIssue>>();
  for (const target of targets) {
    const merged = strategicMerge(target.object, patch.object);
    const { findings } = validateResource(registry, merged, { kubernetesVersion });
    for (const f of findings) {
      const path = f.code === 'required' ? requiredInPatch(merged, patch.object, target.object, f.path) : pathInPatch(merged, patch.object, f.path);
      if (!path) continue;
      const issue = toIssue(patch, { ...f, path });
      issues.set(`${issue.ruleId}|${path.join('/')}|${issue.message}`, issue);
    }
  }
  return [...issues.values()];
}

/** A missing required field is the patch's fault only when the patch introduced the object that lacks it. */
function requiredInPatch(merged: unknown, patch: unknown, target: unknown, path: readonly (string | number)[]): readonly (string | number)[] | undefined {
  const inPatch = pathInPatch(merged, patch, path);
  if (!inPatch) return undefined;
  return pathInPatch(merged, target, path) === undefined ? inPatch : undefined;
}

function findPatchTargets(patch: ManifestResource, workspace: WorkspaceIndex): ManifestResource[] {
  return workspace.resourcesByKind(patch.kind).filter((r) =>
    r.name === patch.name && r.key.group === patch.key.group && (!patch.namespace || !r.namespace || r.namespace === patch.namespace));
}

function toIssue(resource: ManifestResource, found: SchemaFinding): SchemaIssue & { readonly missesNamespace: boolean } {
  // `metadata:` written but left empty is "missing" to the API server: point at that key, not its parent.
  const f = found.code === 'required' && found.field !== undefined && resource.document.locator.locate([...resource.basePath, ...found.path, found.field])
    ? { ...found, path: [...found.path, found.field] }
    : found;
  const isApi = f.code === 'removed-api' || f.code === 'deprecated-api';
  const fixes = isApi && f.suggestion ? fixOf(`Change apiVersion to ${f.suggestion}`, replaceValueEdit(resource, ['apiVersion'], f.suggestion)) : undefined;
  const unknownField = f.code === 'unknown-field' && f.suggestion ? renameKeyFix(resource, f.path, f.suggestion) : undefined;
  return {
    missesNamespace: f.code === 'required' && f.field === 'namespace',
    ruleId: isApi ? DEPRECATED_API_RULE_ID : SCHEMA_RULE_ID,
    path: isApi ? ['apiVersion'] : f.path,
    message: f.message,
    severity: f.severity,
    // Wrong values are underlined on the value; unknown fields and objects missing a field on the key.
    on: isApi ? 'value' : f.on ?? (f.code === 'unknown-field' || f.code === 'required' ? 'key' : 'value'),
    fixes: fixes ?? unknownField,
  };
}

function renameKeyFix(resource: ManifestResource, path: readonly (string | number)[], name: string) {
  const located = resource.document.locator.locate([...resource.basePath, ...path]);
  if (!located?.key) return undefined;
  return [{ title: `Rename to '${name}'`, edits: [{ path: resource.file.path, range: located.key, newText: name }] }];
}
