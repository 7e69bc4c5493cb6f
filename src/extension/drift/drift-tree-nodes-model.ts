// The drift tree's node objects and their ids: one object per thing for as long as the thing exists, so the
// node VS Code holds (it keeps expansion by TreeItem id and matches nodes by identity) stays the one we hand
// back after an update. Also the parents this cache is the only one to know (group, message and field nodes;
// a resource's parent is its group in drift-tree-index-model.ts). Ids start with the grouping, so a node of
// one grouping never shares an id with a node of the other.
import type { DriftResourceView } from '../../protocol/drift-messages.js';
import type { DriftGrouping, DriftTreeNode } from './drift-tree-types.js';

const SEP = '|';

export class DriftTreeNodes {
  /** Node cache by id: the same object for the same thing across updates. */
  private readonly nodes = new Map<string, DriftTreeNode>();
  private readonly parents = new Map<string, DriftTreeNode>();
  /** Resource node id → its field nodes by JSON pointer. */
  private readonly fieldNodes = new Map<string, Map<string, DriftTreeNode>>();

  constructor(private readonly grouping: DriftGrouping) {}

  get(id: string): DriftTreeNode | undefined {
    return this.nodes.get(id);
  }

  /** The parent of a group, message or field node. */
  parentOf(id: string): DriftTreeNode | undefined {
    return this.parents.get(id);
  }

  envNodeId(envId: string): string {
    return `${this.grouping}${SEP}${envId}`;
  }

  envNode(envId: string): DriftTreeNode {
    const id = this.envNodeId(envId);
    let node = this.nodes.get(id);
    if (!node) this.nodes.set(id, (node = { type: 'environment', id, environmentId: envId }));
    return node;
  }

  messageNode(envId: string): DriftTreeNode {
    const env = this.envNode(envId);
    const id = `${env.id}${SEP}message`;
    let node = this.nodes.get(id);
    if (!node) {
      this.nodes.set(id, (node = { type: 'message', id, environmentId: envId }));
      this.parents.set(id, env);
    }
    return node;
  }

  findGroup(parent: DriftTreeNode, type: 'namespace' | 'kind', name: string): DriftTreeNode | undefined {
    return this.nodes.get(groupNodeId(parent, type, name));
  }

  addGroup(parent: DriftTreeNode, type: 'namespace' | 'kind', name: string, ids: { namespace?: string; kind?: string }): DriftTreeNode {
    const id = groupNodeId(parent, type, name);
    const node: DriftTreeNode = { type, id, environmentId: parent.environmentId, ...ids };
    this.nodes.set(id, node);
    this.parents.set(id, parent);
    return node;
  }

  resourceNode(envId: string, resourceId: string): DriftTreeNode {
    const id = this.resourceNodeId(envId, resourceId);
    let node = this.nodes.get(id);
    if (!node) this.nodes.set(id, (node = { type: 'resource', id, environmentId: envId, resourceId }));
    return node;
  }

  fieldNode(resourceNode: DriftTreeNode, pointer: string): DriftTreeNode {
    let cache = this.fieldNodes.get(resourceNode.id);
    if (!cache) this.fieldNodes.set(resourceNode.id, (cache = new Map()));
    let node = cache.get(pointer);
    if (!node) {
      const id = `${resourceNode.id}${SEP}f${SEP}${pointer}`;
      node = { type: 'field', id, environmentId: resourceNode.environmentId, resourceId: resourceNode.resourceId ?? '', pointer };
      cache.set(pointer, node);
      this.parents.set(id, resourceNode);
    }
    return node;
  }

  /** Forgets an environment's own node and its message node. */
  dropEnvironment(envId: string): void {
    const envNodeId = this.envNodeId(envId);
    this.nodes.delete(envNodeId);
    this.nodes.delete(`${envNodeId}${SEP}message`);
  }

  dropGroup(groupId: string): void {
    this.nodes.delete(groupId);
    this.parents.delete(groupId);
  }

  /** Forgets a resource's node and its field nodes. */
  dropResource(envId: string, resourceId: string): void {
    const resourceNodeId = this.resourceNodeId(envId, resourceId);
    this.nodes.delete(resourceNodeId);
    this.fieldNodes.delete(resourceNodeId);
  }

  dropFieldNodes(envId: string, resourceId: string): void {
    this.fieldNodes.delete(this.resourceNodeId(envId, resourceId));
  }

  /** Forgets the field nodes of fields the resource no longer has. */
  pruneFieldNodes(envId: string, resource: DriftResourceView): void {
    const cache = this.fieldNodes.get(this.resourceNodeId(envId, resource.id));
    if (!cache || cache.size === 0) return;
    const pointers = new Set(resource.fields.map((f) => f.pointer));
    for (const pointer of [...cache.keys()]) if (!pointers.has(pointer)) cache.delete(pointer);
  }

  private resourceNodeId(envId: string, id: string): string {
    return `${this.grouping}${SEP}${envId}${SEP}r${SEP}${id}`;
  }
}

function groupNodeId(parent: DriftTreeNode, type: 'namespace' | 'kind', name: string): string {
  return `${parent.id}${SEP}${type === 'namespace' ? 'n' : 'k'}${SEP}${name}`;
}
