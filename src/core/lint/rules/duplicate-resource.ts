import { formatResourceKey, resourceKeyId } from '../../resource/resource-key.js';
import type { ManifestResource } from '../../resource/manifest-resource.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import type { Rule } from '../rule.js';
import { perWorkspace } from '../../workspace/per-workspace.js';

/** Resources grouped by deployment unit + identity, computed once per workspace index. */
const groups = perWorkspace((workspace: WorkspaceIndex): Map<string, ManifestResource[]> => {
  const map = new Map<string, ManifestResource[]>();
  for (const r of workspace.resources) {
    if (!r.name || r.key.group === 'kustomize.config.k8s.io') continue;
    for (const unit of workspace.unitsOf(r.file.path)) {
      const id = `${unit}\u0000${resourceKeyId(r.key)}`;
      const list = map.get(id) ?? [];
      list.push(r);
      map.set(id, list);
    }
  }
  return map;
});

export const duplicateResourceRule: Rule = {
  meta: {
    id: 'duplicate-resource',
    title: 'Each object is declared once per deployment unit',
    rationale: 'Two declarations of the same group/kind/namespace/name in one deployment unit fail the build (kustomize) or silently overwrite each other (plain apply), so Git holds two truths. A unit is a root kustomization, a directory of this repository a Flux Kustomization or Argo CD Application applies (one whose source is another repository, an OCI artifact or an ExternalArtifact says nothing about this repository\'s folders), or else a single file (folders of standalone examples may reuse names).',
    remediation: 'Keep one declaration; express differences between environments as overlay patches.',
    defaultSeverity: 'error',
  },
  check(resource, context) {
    if (!resource.name) return;
    const reported = new Set<ManifestResource>();
    for (const unit of context.workspace.unitsOf(resource.file.path)) {
      const same = groups(context.workspace).get(`${unit}\u0000${resourceKeyId(resource.key)}`) ?? [];
      // A plain directory is not known to be applied as a whole (folders of examples or fixtures reuse names):
      // there, only duplicates within one file count.
      const plain = unit.startsWith('dir:');
      const others = same.filter((r) => r !== resource && !reported.has(r) && (!plain || r.file === resource.file));
      if (others.length === 0) continue;
      others.forEach((r) => reported.add(r));
      const where = unit.startsWith('kustomization:') ? `kustomization ${unit.slice('kustomization:'.length)}`
        : unit.startsWith('path:') ? `the directory ${unit.slice('path:'.length) || '.'} that a GitOps agent applies`
        : 'this file';
      context.report({
        path: ['metadata', 'name'],
        message: `${formatResourceKey(resource.key)} is declared ${others.length + 1} times in ${where}.`,
        related: others.map((r) => ({ resource: r, path: ['metadata', 'name'], message: 'Also declared here' })),
      });
    }
  },
};
