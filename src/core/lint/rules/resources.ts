import { patchesFor } from '../../resource/kustomize-patches.js';
import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { listContainers, WORKLOAD_KINDS, type ContainerRef } from '../../resource/pod-template.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import { insertMembersEdit } from '../../edit/yaml-text-edits.js';
import { fixOf } from '../../findings/finding.js';
import type { Rule } from '../rule.js';

const REQUESTS_STUB = ['requests:', '  cpu: 100m # placeholder: measure and adjust', '  memory: 128Mi # placeholder: measure and adjust'];
const LIMITS_STUB = ['limits:', '  memory: 128Mi # placeholder: measure and adjust'];

function hasEntries(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length > 0;
}

/** True when an overlay patch sets this container's `resources.<field>` (a base may leave it to overlays). */
function setByPatch(workspace: WorkspaceIndex, resource: ManifestResource, ref: ContainerRef, field: 'requests' | 'limits'): boolean {
  const { strategic, jsonPaths } = patchesFor(workspace, resource);
  const listPath = ref.path.slice(0, -1);
  for (const patch of strategic) {
    const list = getAt(patch, listPath);
    if (!Array.isArray(list)) continue;
    if (list.some((c) => isRecord(c) && c.name === ref.name && isRecord(c.resources) && hasEntries(c.resources[field]))) return true;
  }
  return jsonPaths.some((p) => p.includes(`/${ref.type}/`) && p.includes('/resources'));
}

/** A LimitRange gives containers of its namespace default requests (`defaultRequest`) and limits (`default`). */
function defaultedByLimitRange(workspace: WorkspaceIndex, resource: ManifestResource, field: 'requests' | 'limits'): boolean {
  const key = field === 'requests' ? 'defaultRequest' : 'default';
  return workspace.resourcesByKind('LimitRange').some((lr) => {
    if (lr.namespace !== '' && resource.namespace !== '' && lr.namespace !== resource.namespace) return false;
    const limits = getAt(lr.object, ['spec', 'limits']);
    return Array.isArray(limits) && limits.some((l) => isRecord(l) && l.type === 'Container' && hasEntries(l[key]));
  });
}

export const resourcesRule: Rule = {
  meta: {
    id: 'resources',
    title: 'Containers declare resource requests and limits',
    rationale: 'Without requests the scheduler packs pods blindly and they are the first evicted under pressure; without limits one container can starve its node. Values an overlay patch sets, and defaults of a LimitRange in the namespace, count as declared.',
    remediation: 'Add `resources.requests` (cpu, memory) and `resources.limits` (at least memory) to each container; the quick fix inserts placeholders to adjust. Set the rule option `requireLimits: false` to require requests only.',
    defaultSeverity: 'warning',
    kinds: WORKLOAD_KINDS,
  },
  check(resource, context) {
    const requireLimits = context.options.ruleOptions.resources?.requireLimits !== false;
    for (const ref of listContainers(resource)) {
      if (ref.type === 'ephemeralContainers') continue; // the API forbids resources on ephemeral containers
      const resources = ref.container.resources;
      const missing: ('requests' | 'limits')[] = [];
      const fields: ('requests' | 'limits')[] = requireLimits ? ['requests', 'limits'] : ['requests'];
      for (const field of fields) {
        if (isRecord(resources) && hasEntries(resources[field])) continue;
        if (setByPatch(context.workspace, resource, ref, field) || defaultedByLimitRange(context.workspace, resource, field)) continue;
        missing.push(field);
      }
      if (missing.length === 0) continue;
      const what = ref.type === 'initContainers' ? 'Init container' : 'Container';
      context.report({
        path: isRecord(resources) ? [...ref.path, 'resources'] : [...ref.path, 'name'],
        message: `${what} '${ref.name}' has no resource ${missing.join(' or ')}.`,
        fixes: stubFix(resource, ref, missing),
      });
    }
  },
};

/** Inserts placeholders for what is missing; no fix when an empty `requests: {}` would become a duplicate key. */
function stubFix(resource: ManifestResource, ref: ContainerRef, missing: readonly ('requests' | 'limits')[]) {
  const resources = ref.container.resources;
  const stub = [...(missing.includes('requests') ? REQUESTS_STUB : []), ...(missing.includes('limits') ? LIMITS_STUB : [])];
  const title = `Add resource ${missing.join(' and ')} (placeholders)`;
  if (resources === undefined) return fixOf(title, insertMembersEdit(resource, ref.path, ['resources:', ...stub.map((l) => `  ${l}`)]));
  if (isRecord(resources) && Object.keys(resources).length > 0 && missing.every((f) => resources[f] === undefined)) {
    return fixOf(title, insertMembersEdit(resource, [...ref.path, 'resources'], stub));
  }
  return [];
}
