// Which nodes the drift tree holds and how they hang together: each resource's group path (environment →
// namespace → kind, or environment → kind when grouped by GitOps unit), the members of each group, how many
// resources under each node pass the filter (a node with none is hidden), and from these `children` (sorted)
// and `parent`. Built for one grouping and filter; updated one resource at a time, each update adding to
// `refresh` the nodes whose children or items changed. Node objects come from drift-tree-nodes-model.ts.
import type { DriftResourceView } from '../../protocol/drift-messages.js';
import type { DriftStatus } from '../../core/drift/drift-types.js';
import { type DriftStore, isDriftedStatus } from './drift-store.js';
import type { DriftGrouping, DriftTreeFilter, DriftTreeNode } from './drift-tree-types.js';
import { resourceLabelOf } from './drift-tree-item-model.js';
import { DriftTreeNodes } from './drift-tree-nodes-model.js';

interface ResourceRecord {
  /** Node ids from the environment down to the resource's group (fixed: a resource id holds its kind and namespace). */
  readonly path: readonly string[];
  visible: boolean;
  status: DriftStatus;
}

export class DriftTreeIndex {
  private readonly nodes: DriftTreeNodes;
  private readonly records = new Map<string, Map<string, ResourceRecord>>();
  /** Visible resources under an environment or group node. */
  private readonly visibleCounts = new Map<string, number>();
  /** Environment or namespace node id → its child group nodes. */
  private readonly childGroups = new Map<string, Map<string, DriftTreeNode>>();
  /** Lowest group node id → resource ids in it (visible or not). */
  private readonly members = new Map<string, Set<string>>();
  private envIds: string[];

  constructor(
    private readonly store: DriftStore,
    private readonly grouping: DriftGrouping,
    private readonly filter: DriftTreeFilter,
  ) {
    this.nodes = new DriftTreeNodes(grouping);
    this.envIds = store.environments().map((e) => e.id);
    for (const id of this.envIds) this.resetEnvironment(id);
  }

  get environmentIds(): readonly string[] {
    return this.envIds;
  }

  hasEnvironment(envId: string): boolean {
    return this.envIds.includes(envId);
  }

  /** Follows the store's environment list (`ids`, in order); answers whether it changed. */
  followEnvironments(ids: string[]): boolean {
    if (ids.length === this.envIds.length && ids.every((id, i) => id === this.envIds[i])) return false;
    for (const old of this.envIds) if (!ids.includes(old)) this.dropEnvironment(old);
    const known = new Set(this.envIds);
    this.envIds = ids;
    for (const id of ids) if (!known.has(id)) this.resetEnvironment(id);
    return true;
  }

  envNode(envId: string): DriftTreeNode {
    return this.nodes.envNode(envId);
  }

  roots(): readonly DriftTreeNode[] {
    return this.envIds.map((id) => this.nodes.envNode(id));
  }

  children(node: DriftTreeNode): readonly DriftTreeNode[] {
    switch (node.type) {
      case 'environment':
        if ((this.visibleCounts.get(node.id) ?? 0) === 0) return [this.nodes.messageNode(node.environmentId)];
        return this.visibleGroups(node.id);
      case 'namespace':
        return this.visibleGroups(node.id);
      case 'kind':
        return this.visibleResources(node);
      case 'resource': {
        const resource = this.store.resource(node.environmentId, node.resourceId ?? '');
        if (!resource || resource.status !== 'Drifted') return [];
        return resource.fields.map((f) => this.nodes.fieldNode(node, f.pointer));
      }
      default:
        return [];
    }
  }

  parent(node: DriftTreeNode): DriftTreeNode | undefined {
    if (node.type === 'environment') return undefined;
    if (node.type === 'field' || node.type === 'message') return this.nodes.parentOf(node.id);
    if (node.type === 'resource') {
      const groupId = this.records.get(node.environmentId)?.get(node.resourceId ?? '')?.path.at(-1);
      return groupId !== undefined ? this.nodes.get(groupId) : undefined;
    }
    return this.nodes.parentOf(node.id);
  }

  /** Visible Drifted resources. */
  driftedResourceNodes(): readonly DriftTreeNode[] {
    const out: DriftTreeNode[] = [];
    for (const [envId, records] of this.records) {
      for (const [id, record] of records) if (record.visible && record.status === 'Drifted') out.push(this.nodes.resourceNode(envId, id));
    }
    return out;
  }

  /** Re-reads every resource of an environment from the store (the nodes it touches are not reported). */
  resetEnvironment(envId: string): void {
    const records = this.records.get(envId) ?? new Map<string, ResourceRecord>();
    this.records.set(envId, records);
    const ignored = new Set<DriftTreeNode>();
    const present = new Set<string>();
    for (const resource of this.store.resources(envId)) {
      present.add(resource.id);
      this.updateResource(envId, resource.id, ignored);
    }
    for (const id of [...records.keys()]) if (!present.has(id)) this.removeRecord(envId, id, ignored);
  }

  /** Re-reads one resource from the store; adds to `refresh` the nodes to refresh. */
  updateResource(envId: string, id: string, refresh: Set<DriftTreeNode>): void {
    const records = this.records.get(envId);
    if (!records) return;
    const resource = this.store.resource(envId, id);
    const record = records.get(id);
    if (!resource) {
      if (record) this.removeRecord(envId, id, refresh);
      return;
    }
    const visible = this.isVisible(resource);
    if (!record) {
      const path = this.ensureGroups(envId, resource);
      const added: ResourceRecord = { path, visible, status: resource.status };
      records.set(id, added);
      this.membersOf(path.at(-1) ?? '').add(id);
      if (visible) this.countVisible(path, +1, refresh);
      return;
    }
    const wasDrifted = record.status === 'Drifted';
    record.status = resource.status;
    this.nodes.pruneFieldNodes(envId, resource);
    if (record.visible === visible) {
      if (visible) refresh.add(this.nodes.resourceNode(envId, id));
      else if (wasDrifted) this.nodes.dropFieldNodes(envId, id);
      return;
    }
    record.visible = visible;
    this.countVisible(record.path, visible ? +1 : -1, refresh);
  }

  private dropEnvironment(envId: string): void {
    const records = this.records.get(envId);
    if (records) for (const id of [...records.keys()]) this.removeRecord(envId, id, new Set());
    this.records.delete(envId);
    const envNodeId = this.nodes.envNodeId(envId);
    this.nodes.dropEnvironment(envId);
    this.visibleCounts.delete(envNodeId);
    this.childGroups.delete(envNodeId);
  }

  private removeRecord(envId: string, id: string, refresh: Set<DriftTreeNode>): void {
    const records = this.records.get(envId);
    const record = records?.get(id);
    if (!records || !record) return;
    records.delete(id);
    if (record.visible) this.countVisible(record.path, -1, refresh);
    this.nodes.dropResource(envId, id);
    // Drop groups left without any member, bottom up.
    const leafId = record.path.at(-1) ?? '';
    const leafMembers = this.members.get(leafId);
    leafMembers?.delete(id);
    if (leafMembers && leafMembers.size === 0) {
      this.members.delete(leafId);
      for (let i = record.path.length - 1; i >= 1; i--) {
        const groupId = record.path[i] ?? '';
        if ((this.childGroups.get(groupId)?.size ?? 0) > 0) break;
        const parentId = record.path[i - 1] ?? '';
        this.childGroups.get(parentId)?.delete(groupId);
        this.childGroups.delete(groupId);
        this.nodes.dropGroup(groupId);
        this.visibleCounts.delete(groupId);
      }
    }
  }

  /**
   * Adds `delta` to the visible counts along `path`. The topmost node that appears or disappears (0 ↔ 1) is
   * refreshed through its parent; when none does, the resource's group (its membership changed).
   */
  private countVisible(path: readonly string[], delta: 1 | -1, refresh: Set<DriftTreeNode>): void {
    let topmost = -1;
    for (let i = 0; i < path.length; i++) {
      const id = path[i] ?? '';
      const before = this.visibleCounts.get(id) ?? 0;
      const after = before + delta;
      this.visibleCounts.set(id, after);
      if (topmost === -1 && (before === 0 || after === 0)) topmost = i;
    }
    const target = topmost === -1 ? path.at(-1) : topmost === 0 ? path[0] : path[topmost - 1];
    const node = target !== undefined ? this.nodes.get(target) : undefined;
    if (node) refresh.add(node);
  }

  private ensureGroups(envId: string, resource: DriftResourceView): readonly string[] {
    const env = this.nodes.envNode(envId);
    const { namespace, kind } = resource.key;
    if (this.grouping === 'unit') {
      const kindNode = this.groupNode(env, 'kind', kind, { kind });
      return [env.id, kindNode.id];
    }
    const nsNode = this.groupNode(env, 'namespace', namespace, { namespace });
    const kindNode = this.groupNode(nsNode, 'kind', kind, { namespace, kind });
    return [env.id, nsNode.id, kindNode.id];
  }

  private groupNode(parent: DriftTreeNode, type: 'namespace' | 'kind', name: string, ids: { namespace?: string; kind?: string }): DriftTreeNode {
    const existing = this.nodes.findGroup(parent, type, name);
    if (existing) return existing;
    const node = this.nodes.addGroup(parent, type, name, ids);
    let siblings = this.childGroups.get(parent.id);
    if (!siblings) this.childGroups.set(parent.id, (siblings = new Map()));
    siblings.set(node.id, node);
    return node;
  }

  private membersOf(groupId: string): Set<string> {
    let set = this.members.get(groupId);
    if (!set) this.members.set(groupId, (set = new Set()));
    return set;
  }

  private isVisible(resource: DriftResourceView): boolean {
    const f = this.filter;
    if (f.onlyDrifted && !isDriftedStatus(resource.status)) return false;
    if (f.namespace !== undefined && resource.key.namespace !== f.namespace) return false;
    if (f.kind !== undefined && resource.key.kind !== f.kind) return false;
    return true;
  }

  private visibleGroups(parentId: string): readonly DriftTreeNode[] {
    const groups = this.childGroups.get(parentId);
    if (!groups) return [];
    return [...groups.values()]
      .filter((g) => (this.visibleCounts.get(g.id) ?? 0) > 0)
      .sort((a, b) => compareText(a.type === 'namespace' ? a.namespace ?? '' : a.kind ?? '', b.type === 'namespace' ? b.namespace ?? '' : b.kind ?? ''));
  }

  private visibleResources(group: DriftTreeNode): readonly DriftTreeNode[] {
    const ids = this.members.get(group.id);
    const records = this.records.get(group.environmentId);
    if (!ids || !records) return [];
    const rows: { label: string; id: string }[] = [];
    for (const id of ids) {
      if (!records.get(id)?.visible) continue;
      const resource = this.store.resource(group.environmentId, id);
      if (resource) rows.push({ label: resourceLabelOf(resource, this.grouping), id });
    }
    rows.sort((a, b) => compareText(a.label, b.label) || compareText(a.id, b.id));
    return rows.map((r) => this.nodes.resourceNode(group.environmentId, r.id));
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
