import { formatResourceKey, resourceKeyId, type ResourceKey } from '../../resource/resource-key.js';
import type { ManifestResource } from '../../resource/manifest-resource.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import type { Rule } from '../rule.js';
import { perWorkspace } from '../../workspace/per-workspace.js';
import { mayBePatched, renderedObjectsOf } from '../../kustomize/kustomize-renderings.js';

const KUSTOMIZATION_UNIT = 'kustomization:';

/**
 * The identities a resource has in each of its deployment units: in a kustomize build, its name and namespace as
 * each way the root renders it makes them (`namePrefix`, `nameSuffix`, `namespace:`); elsewhere its own.
 */
function identitiesOf(workspace: WorkspaceIndex, r: ManifestResource): { unit: string; key: ResourceKey; times: number; mayBeRenamed: boolean }[] {
  const out: { unit: string; key: ResourceKey; times: number; mayBeRenamed: boolean }[] = [];
  const rendered = renderedObjectsOf(workspace, r);
  for (const unit of workspace.unitsOf(r.file.path)) {
    if (!unit.startsWith(KUSTOMIZATION_UNIT)) {
      out.push({ unit, key: r.key, times: 1, mayBeRenamed: false });
      continue;
    }
    const root = unit.slice(KUSTOMIZATION_UNIT.length);
    // The same file reached twice under the same names is rendered twice: kustomize refuses the build.
    // A patch on the way may rename it (kustomize builds that fine): the model does not apply patches, so it cannot tell.
    const keys = new Map<string, { key: ResourceKey; times: number; mayBeRenamed: boolean }>();
    for (const o of rendered) {
      if ((o.rendering.root || '.') !== root) continue;
      const key = { ...r.key, name: o.name, namespace: o.namespace };
      const id = resourceKeyId(key);
      const seen = keys.get(id);
      keys.set(id, { key, times: (seen?.times ?? 0) + 1, mayBeRenamed: (seen?.mayBeRenamed ?? false) || mayBePatched(workspace, r, o) });
    }
    if (keys.size === 0) keys.set(resourceKeyId(r.key), { key: r.key, times: 1, mayBeRenamed: false });
    for (const { key, times, mayBeRenamed } of keys.values()) out.push({ unit, key, times, mayBeRenamed });
  }
  return out;
}

/** Resources grouped by deployment unit + rendered identity, computed once per workspace index. */
const groups = perWorkspace((workspace: WorkspaceIndex): Map<string, ManifestResource[]> => {
  const map = new Map<string, ManifestResource[]>();
  for (const r of workspace.resources) {
    if (!r.name || r.key.group === 'kustomize.config.k8s.io') continue;
    for (const { unit, key } of identitiesOf(workspace, r)) {
      const id = `${unit}\u0000${resourceKeyId(key)}`;
      const list = map.get(id) ?? [];
      if (!list.includes(r)) list.push(r);
      map.set(id, list);
    }
  }
  return map;
});

export const duplicateResourceRule: Rule = {
  meta: {
    id: 'duplicate-resource',
    title: 'Each object is declared once per deployment unit',
    rationale: 'Two declarations of the same group/kind/namespace/name in one deployment unit fail the build (kustomize) or silently overwrite each other (plain apply), so Git holds two truths. A unit is a root kustomization, a directory of this repository a Flux Kustomization or Argo CD Application applies (one whose source is another repository, an OCI artifact or an ExternalArtifact says nothing about this repository\'s folders), or else a single file (folders of standalone examples may reuse names). In a kustomize build, names and namespaces are compared as rendered (`namePrefix`, `nameSuffix`, `namespace:` of every kustomization on the way): one base included twice under different prefixes is two objects, two namespaces that `namespace:` overrides are one.',
    remediation: 'Keep one declaration; express differences between environments as overlay patches.',
    defaultSeverity: 'error',
  },
  check(resource, context) {
    if (!resource.name) return;
    const reported = new Set<ManifestResource>();
    for (const { unit, key, times, mayBeRenamed } of identitiesOf(context.workspace, resource)) {
      const same = groups(context.workspace).get(`${unit}\u0000${resourceKeyId(key)}`) ?? [];
      if (times > 1) {
        const where = `${formatResourceKey(key)} is rendered ${times} times in kustomization ${unit.slice(KUSTOMIZATION_UNIT.length)}: its file is included more than once under the same names`;
        context.report(mayBeRenamed
          ? { path: ['metadata', 'name'], message: `${where}; kustomize refuses the build unless a patch renames it.`, uncertain: true }
          : { path: ['metadata', 'name'], message: `${where} (kustomize refuses the build).` });
      }
      // A plain directory is not known to be applied as a whole (folders of examples or fixtures reuse names):
      // there, only duplicates within one file count.
      const plain = unit.startsWith('dir:');
      const others = same.filter((r) => r !== resource && !reported.has(r) && (!plain || r.file === resource.file));
      if (others.length === 0) continue;
      others.forEach((r) => reported.add(r));
      const where = unit.startsWith(KUSTOMIZATION_UNIT) ? `kustomization ${unit.slice(KUSTOMIZATION_UNIT.length)}`
        : unit.startsWith('path:') ? `the directory ${unit.slice('path:'.length) || '.'} that a GitOps agent applies`
        : 'this file';
      const renamed = key.name !== resource.key.name || key.namespace !== resource.key.namespace ? ' (as rendered)' : '';
      const id = resourceKeyId(key);
      const isUnsure = mayBeRenamed || others.some((r) => identitiesOf(context.workspace, r).some((i) => i.unit === unit && i.mayBeRenamed && resourceKeyId(i.key) === id));
      context.report({
        path: ['metadata', 'name'],
        message: `${formatResourceKey(key)} is declared ${others.length + 1} times in ${where}${renamed}${isUnsure ? ', unless a patch renames it' : ''}.`,
        ...(isUnsure ? { uncertain: true } : {}),
        related: others.map((r) => ({ resource: r, path: ['metadata', 'name'], message: 'Also declared here' })),
      });
    }
  },
};
