// The drift explorer's view-model: which nodes the tree shows, what each node looks like, and which nodes a
// store change touches. Pure (no `vscode` import): `drift-tree-provider.ts` turns its answers into TreeItems.
//
// Exports:
// - `DriftTreeModel`: built on a `DriftStore`; `roots()`, `children(node)`, `parent(node)`, `item(node, now)`, `tooltip(node)` (lazy);
//   `applyChange(change)` → the nodes to refresh (never a full rebuild for a single-resource delta);
//   `setGrouping`, `setFilter`, `clearFilter` (→ full refresh); `badge()` (drifted resources);
//   `driftedResourceNodes()` (their "N min ago" ages); `namespaces()`, `kinds()` (filter choices).
// - `DriftTreeNode`: the node objects handed to VS Code. Only ids; identity stable while the thing exists.
// - `DriftTreeItemView`: what a TreeItem shows, as plain data.
// - `DriftGrouping`, `DriftTreeFilter`, `DriftTreeChangeSet`, `DRIFT_STATUS_ICONS`, `DRIFT_OPEN_SOURCE_COMMAND`.
import type { DriftEnvironmentView, DriftResourceView } from '../../protocol/drift-messages.js';
import type { DriftStatus } from '../../core/drift/drift-types.js';
import { type DriftStore, type DriftStoreChange, isDriftedStatus } from './drift-store.js';
import { folderNameOf, formatFieldChange, formatManager, formatResourceDescription, formatStatusLine, formatSuggestedAction, formatValue } from './drift-format.js';

export type DriftGrouping = 'namespace' | 'unit';

export interface DriftTreeFilter {
  /** Only Drifted, Missing and Orphan resources. */
  readonly onlyDrifted: boolean;
  readonly namespace?: string;
  readonly kind?: string;
}

export type DriftTreeNodeType = 'environment' | 'namespace' | 'kind' | 'resource' | 'field' | 'message';

/** A node of the drift tree: ids only (the store holds the data). */
export interface DriftTreeNode {
  readonly type: DriftTreeNodeType;
  /** Unique and stable while the node exists (the TreeItem id: VS Code keeps expansion by it). */
  readonly id: string;
  readonly environmentId: string;
  readonly resourceId?: string;
  readonly pointer?: string;
  /** The namespace a namespace or kind node groups ('' for cluster-scoped). */
  readonly namespace?: string;
  /** The kind a kind node groups. */
  readonly kind?: string;
}

export interface DriftTreeItemView {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly contextValue: string;
  /** What a screen reader says (the status is otherwise only in the icon). */
  readonly accessibilityLabel?: string;
  /** Codicon id and theme colour id. */
  readonly icon?: { readonly id: string; readonly color?: string };
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
  readonly command?: { readonly command: string; readonly title: string; readonly arguments: readonly unknown[] };
}

export interface DriftTreeChangeSet {
  /** Refresh the whole tree (grouping, filter, environment list). */
  readonly all: boolean;
  /** Nodes to refresh (each with its subtree); none is an ancestor of another. */
  readonly nodes: readonly DriftTreeNode[];
  readonly badgeChanged: boolean;
}

export const DRIFT_OPEN_SOURCE_COMMAND = 'gitopsAuthoring.drift.openSource';

/** Status → codicon and contributed colour (light, dark and high-contrast values live in package.json). */
export const DRIFT_STATUS_ICONS: Readonly<Record<DriftStatus, { readonly id: string; readonly color: string }>> = {
  Synced: { id: 'pass', color: 'gitopsAuthoring.driftSynced' },
  Drifted: { id: 'diff-modified', color: 'gitopsAuthoring.driftDrifted' },
  Missing: { id: 'diff-removed', color: 'gitopsAuthoring.driftMissing' },
  Orphan: { id: 'diff-added', color: 'gitopsAuthoring.driftOrphan' },
  Unknown: { id: 'question', color: 'gitopsAuthoring.driftUnknown' },
};

const STATE_ICONS: Readonly<Record<DriftEnvironmentView['state'], { readonly id: string; readonly color?: string }>> = {
  Idle: { id: 'debug-pause' },
  Connecting: { id: 'sync~spin' },
  Connected: { id: 'vm-active', color: DRIFT_STATUS_ICONS.Synced.color },
  Degraded: { id: 'warning', color: DRIFT_STATUS_ICONS.Unknown.color },
  Unreachable: { id: 'debug-disconnect', color: DRIFT_STATUS_ICONS.Unknown.color },
  Unauthorized: { id: 'lock', color: DRIFT_STATUS_ICONS.Unknown.color },
  NoKubeconfig: { id: 'warning', color: DRIFT_STATUS_ICONS.Unknown.color },
  Untrusted: { id: 'workspace-untrusted' },
  Error: { id: 'error', color: DRIFT_STATUS_ICONS.Unknown.color },
};

interface ResourceRecord {
  /** Node ids from the environment down to the resource's group (fixed: a resource id holds its kind and namespace). */
  readonly path: readonly string[];
  visible: boolean;
  status: DriftStatus;
}

const SEP = '|';
const NO_FILTER: DriftTreeFilter = { onlyDrifted: false };

export class DriftTreeModel {
  private groupingMode: DriftGrouping;
  private filterState: DriftTreeFilter;
  /** Node cache by id: the same object for the same thing across updates. */
  private readonly nodes = new Map<string, DriftTreeNode>();
  private readonly parents = new Map<string, DriftTreeNode>();
  private readonly records = new Map<string, Map<string, ResourceRecord>>();
  /** Visible resources under an environment or group node. */
  private readonly visibleCounts = new Map<string, number>();
  /** Environment or namespace node id → its child group nodes. */
  private readonly childGroups = new Map<string, Map<string, DriftTreeNode>>();
  /** Lowest group node id → resource ids in it (visible or not). */
  private readonly members = new Map<string, Set<string>>();
  private readonly fieldNodes = new Map<string, Map<string, DriftTreeNode>>();
  private envIds: string[] = [];
  private readonly envSignatures = new Map<string, string>();
  private lastBadge = 0;

  constructor(
    private readonly store: DriftStore,
    options: { readonly grouping?: DriftGrouping; readonly filter?: DriftTreeFilter } = {},
  ) {
    this.groupingMode = options.grouping ?? 'namespace';
    this.filterState = options.filter ?? NO_FILTER;
    this.rebuild();
  }

  get grouping(): DriftGrouping {
    return this.groupingMode;
  }

  get filter(): DriftTreeFilter {
    return this.filterState;
  }

  get isFiltered(): boolean {
    return this.filterState.onlyDrifted || this.filterState.namespace !== undefined || this.filterState.kind !== undefined;
  }

  setGrouping(grouping: DriftGrouping): DriftTreeChangeSet {
    this.groupingMode = grouping;
    return this.rebuild();
  }

  setFilter(filter: Partial<DriftTreeFilter>): DriftTreeChangeSet {
    this.filterState = { ...this.filterState, ...filter };
    return this.rebuild();
  }

  clearFilter(): DriftTreeChangeSet {
    this.filterState = NO_FILTER;
    return this.rebuild();
  }

  /** Drifted, Missing and Orphan resources over every environment (the view badge). */
  badge(): number {
    const totals = this.store.totals();
    return totals.Drifted + totals.Missing + totals.Orphan;
  }

  roots(): readonly DriftTreeNode[] {
    return this.envIds.map((id) => this.envNode(id));
  }

  children(node: DriftTreeNode): readonly DriftTreeNode[] {
    switch (node.type) {
      case 'environment':
        if ((this.visibleCounts.get(node.id) ?? 0) === 0) return [this.messageNode(node.environmentId)];
        return this.visibleGroups(node.id);
      case 'namespace':
        return this.visibleGroups(node.id);
      case 'kind':
        return this.visibleResources(node);
      case 'resource': {
        const resource = this.store.resource(node.environmentId, node.resourceId ?? '');
        if (!resource || resource.status !== 'Drifted') return [];
        return resource.fields.map((f) => this.fieldNode(node, f.pointer));
      }
      default:
        return [];
    }
  }

  parent(node: DriftTreeNode): DriftTreeNode | undefined {
    if (node.type === 'environment') return undefined;
    if (node.type === 'field' || node.type === 'message') return this.parents.get(node.id);
    if (node.type === 'resource') {
      const groupId = this.records.get(node.environmentId)?.get(node.resourceId ?? '')?.path.at(-1);
      return groupId !== undefined ? this.nodes.get(groupId) : undefined;
    }
    return this.parents.get(node.id);
  }

  item(node: DriftTreeNode, now: number): DriftTreeItemView {
    switch (node.type) {
      case 'environment':
        return this.environmentItem(node, now);
      case 'namespace':
        return { id: node.id, label: node.namespace || '(cluster-scoped)', contextValue: 'driftGroup', icon: { id: 'symbol-namespace' }, collapsible: 'expanded' };
      case 'kind':
        return { id: node.id, label: node.kind ?? '', contextValue: 'driftGroup', icon: { id: 'symbol-class' }, collapsible: 'expanded' };
      case 'resource':
        return this.resourceItem(node, now);
      case 'field':
        return this.fieldItem(node, now);
      case 'message':
        return { id: node.id, label: this.messageText(node.environmentId), contextValue: 'driftMessage', icon: { id: 'info' }, collapsible: 'none' };
    }
  }

  /** The hover text of a node, computed when VS Code asks (`resolveTreeItem`), not for every item drawn. */
  tooltip(node: DriftTreeNode): string | undefined {
    const env = this.store.environment(node.environmentId);
    const resource = node.resourceId !== undefined ? this.store.resource(node.environmentId, node.resourceId) : undefined;
    if (node.type === 'environment' && env) {
      const name = env.name || folderNameOf(env.folderUri);
      return [
        `Environment: ${name}${env.path ? ` (${env.path})` : ''}`,
        env.unit ? `GitOps unit: ${env.unit.kind} ${env.unit.namespace ? `${env.unit.namespace}/` : ''}${env.unit.name}${unitStateText(env) ? ` (${unitStateText(env)})` : ''}` : undefined,
        `Context: ${env.context ?? '(none)'}`,
        `State: ${env.state}${env.reason ? ` — ${env.reason}` : ''}`,
        env.unit?.message ? `Unit message: ${env.unit.message}` : undefined,
      ].filter((l): l is string => l !== undefined).join('\n');
    }
    if (node.type === 'resource' && resource) {
      return [
        resource.label,
        formatStatusLine(resource),
        ...resource.fields.slice(0, 5).map((f) => `${f.path}: ${formatValue(f.gitValue)} → ${formatValue(f.liveValue)}${f.attribution ? ` (${formatManager(f.attribution)})` : ''}`),
        resource.fields.length > 5 ? `… ${resource.fields.length - 5} more fields` : undefined,
        resource.ignoredFields > 0 ? `${resource.ignoredFields} ignored difference${resource.ignoredFields === 1 ? '' : 's'}` : undefined,
      ].filter((l): l is string => l !== undefined).join('\n');
    }
    const field = resource?.fields.find((f) => f.pointer === node.pointer);
    if (node.type === 'field' && field) {
      return [
        field.path,
        `Git: ${formatValue(field.gitValue)}`,
        `Live: ${formatValue(field.liveValue)}`,
        field.attribution ? `Changed by ${formatManager(field.attribution)}, ${field.attribution.operation}${field.attribution.time ? `, ${field.attribution.time}` : ''}` : undefined,
        `Suggested: ${formatSuggestedAction(field.suggestedAction)} — ${field.actionReason}`,
      ].filter((l): l is string => l !== undefined).join('\n');
    }
    return undefined;
  }

  /** Apply one store change; answers the nodes whose items or children changed. */
  applyChange(change: DriftStoreChange): DriftTreeChangeSet {
    const fire = new Set<DriftTreeNode>();
    let all = false;
    if (change.environments || change.reset.length > 0) {
      const ids = this.store.environments().map((e) => e.id);
      if (ids.length !== this.envIds.length || ids.some((id, i) => id !== this.envIds[i])) {
        for (const old of this.envIds) if (!ids.includes(old)) this.dropEnvironment(old);
        const known = new Set(this.envIds);
        this.envIds = ids;
        for (const id of ids) if (!known.has(id)) this.resetEnvironment(id);
        all = true;
      }
      for (const id of ids) {
        const signature = this.environmentSignature(id);
        if (this.envSignatures.get(id) !== signature) {
          this.envSignatures.set(id, signature);
          fire.add(this.envNode(id));
        }
      }
    }
    for (const id of change.reset) {
      if (!this.envIds.includes(id)) continue;
      this.resetEnvironment(id);
      fire.add(this.envNode(id));
    }
    const resetIds = new Set(change.reset);
    for (const { environmentId, id } of change.resources) {
      if (!resetIds.has(environmentId) && this.envIds.includes(environmentId)) this.updateResource(environmentId, id, fire);
    }
    const badge = this.badge();
    const badgeChanged = badge !== this.lastBadge;
    this.lastBadge = badge;
    return { all, nodes: all ? [] : this.withoutDescendants(fire), badgeChanged };
  }

  /** Visible Drifted resources (their descriptions carry an age that needs refreshing now and then). */
  driftedResourceNodes(): readonly DriftTreeNode[] {
    const out: DriftTreeNode[] = [];
    for (const [envId, records] of this.records) {
      for (const [id, record] of records) if (record.visible && record.status === 'Drifted') out.push(this.resourceNode(envId, id));
    }
    return out;
  }

  /** Namespaces over every environment, for the filter picker ('' is cluster-scoped). */
  namespaces(): readonly string[] {
    return this.distinct((r) => r.key.namespace);
  }

  kinds(): readonly string[] {
    return this.distinct((r) => r.key.kind);
  }

  // ---- index ------------------------------------------------------------------------------------------

  private rebuild(): DriftTreeChangeSet {
    this.nodes.clear();
    this.parents.clear();
    this.records.clear();
    this.visibleCounts.clear();
    this.childGroups.clear();
    this.members.clear();
    this.fieldNodes.clear();
    this.envSignatures.clear();
    this.envIds = this.store.environments().map((e) => e.id);
    for (const id of this.envIds) {
      this.envSignatures.set(id, this.environmentSignature(id));
      this.resetEnvironment(id);
    }
    this.lastBadge = this.badge();
    return { all: true, nodes: [], badgeChanged: true };
  }

  private resetEnvironment(envId: string): void {
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

  private dropEnvironment(envId: string): void {
    const records = this.records.get(envId);
    if (records) for (const id of [...records.keys()]) this.removeRecord(envId, id, new Set());
    this.records.delete(envId);
    this.envSignatures.delete(envId);
    const envNodeId = this.envNodeId(envId);
    this.nodes.delete(envNodeId);
    this.nodes.delete(`${envNodeId}${SEP}message`);
    this.visibleCounts.delete(envNodeId);
    this.childGroups.delete(envNodeId);
  }

  private updateResource(envId: string, id: string, fire: Set<DriftTreeNode>): void {
    const records = this.records.get(envId);
    if (!records) return;
    const resource = this.store.resource(envId, id);
    const record = records.get(id);
    if (!resource) {
      if (record) this.removeRecord(envId, id, fire);
      return;
    }
    const visible = this.isVisible(resource);
    if (!record) {
      const path = this.ensureGroups(envId, resource);
      const added: ResourceRecord = { path, visible, status: resource.status };
      records.set(id, added);
      this.membersOf(path.at(-1) ?? '').add(id);
      if (visible) this.countVisible(path, +1, fire);
      return;
    }
    const wasDrifted = record.status === 'Drifted';
    record.status = resource.status;
    this.pruneFieldNodes(envId, resource);
    if (record.visible === visible) {
      if (visible) fire.add(this.resourceNode(envId, id));
      else if (wasDrifted) this.fieldNodes.delete(this.resourceNodeId(envId, id));
      return;
    }
    record.visible = visible;
    this.countVisible(record.path, visible ? +1 : -1, fire);
  }

  private removeRecord(envId: string, id: string, fire: Set<DriftTreeNode>): void {
    const records = this.records.get(envId);
    const record = records?.get(id);
    if (!records || !record) return;
    records.delete(id);
    if (record.visible) this.countVisible(record.path, -1, fire);
    const resourceNodeId = this.resourceNodeId(envId, id);
    this.nodes.delete(resourceNodeId);
    this.fieldNodes.delete(resourceNodeId);
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
        this.nodes.delete(groupId);
        this.parents.delete(groupId);
        this.visibleCounts.delete(groupId);
      }
    }
  }

  /**
   * Adds `delta` to the visible counts along `path`. The topmost node that appears or disappears (0 ↔ 1) is
   * refreshed through its parent; when none does, the resource's group (its membership changed).
   */
  private countVisible(path: readonly string[], delta: 1 | -1, fire: Set<DriftTreeNode>): void {
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
    if (node) fire.add(node);
  }

  private ensureGroups(envId: string, resource: DriftResourceView): readonly string[] {
    const env = this.envNode(envId);
    const { namespace, kind } = resource.key;
    if (this.groupingMode === 'unit') {
      const kindNode = this.groupNode(env, 'kind', `${env.id}${SEP}k${SEP}${kind}`, { kind });
      return [env.id, kindNode.id];
    }
    const nsNode = this.groupNode(env, 'namespace', `${env.id}${SEP}n${SEP}${namespace}`, { namespace });
    const kindNode = this.groupNode(nsNode, 'kind', `${nsNode.id}${SEP}k${SEP}${kind}`, { namespace, kind });
    return [env.id, nsNode.id, kindNode.id];
  }

  private groupNode(parent: DriftTreeNode, type: 'namespace' | 'kind', id: string, ids: { namespace?: string; kind?: string }): DriftTreeNode {
    const existing = this.nodes.get(id);
    if (existing) return existing;
    const node: DriftTreeNode = { type, id, environmentId: parent.environmentId, ...ids };
    this.nodes.set(id, node);
    this.parents.set(id, parent);
    let siblings = this.childGroups.get(parent.id);
    if (!siblings) this.childGroups.set(parent.id, (siblings = new Map()));
    siblings.set(id, node);
    return node;
  }

  private membersOf(groupId: string): Set<string> {
    let set = this.members.get(groupId);
    if (!set) this.members.set(groupId, (set = new Set()));
    return set;
  }

  private isVisible(resource: DriftResourceView): boolean {
    const f = this.filterState;
    if (f.onlyDrifted && !isDriftedStatus(resource.status)) return false;
    if (f.namespace !== undefined && resource.key.namespace !== f.namespace) return false;
    if (f.kind !== undefined && resource.key.kind !== f.kind) return false;
    return true;
  }

  private pruneFieldNodes(envId: string, resource: DriftResourceView): void {
    const cache = this.fieldNodes.get(this.resourceNodeId(envId, resource.id));
    if (!cache || cache.size === 0) return;
    const pointers = new Set(resource.fields.map((f) => f.pointer));
    for (const pointer of [...cache.keys()]) if (!pointers.has(pointer)) cache.delete(pointer);
  }

  private withoutDescendants(fire: Set<DriftTreeNode>): DriftTreeNode[] {
    const out: DriftTreeNode[] = [];
    for (const node of fire) {
      let ancestor = this.parent(node);
      let covered = false;
      while (ancestor) {
        if (fire.has(ancestor)) {
          covered = true;
          break;
        }
        ancestor = this.parent(ancestor);
      }
      if (!covered) out.push(node);
    }
    return out;
  }

  private distinct(pick: (r: DriftResourceView) => string): readonly string[] {
    const set = new Set<string>();
    for (const id of this.envIds) for (const r of this.store.resources(id)) set.add(pick(r));
    return [...set].sort();
  }

  // ---- nodes ------------------------------------------------------------------------------------------

  private envNodeId(envId: string): string {
    return `${this.groupingMode}${SEP}${envId}`;
  }

  private resourceNodeId(envId: string, id: string): string {
    return `${this.groupingMode}${SEP}${envId}${SEP}r${SEP}${id}`;
  }

  private envNode(envId: string): DriftTreeNode {
    const id = this.envNodeId(envId);
    let node = this.nodes.get(id);
    if (!node) this.nodes.set(id, (node = { type: 'environment', id, environmentId: envId }));
    return node;
  }

  private messageNode(envId: string): DriftTreeNode {
    const env = this.envNode(envId);
    const id = `${env.id}${SEP}message`;
    let node = this.nodes.get(id);
    if (!node) {
      this.nodes.set(id, (node = { type: 'message', id, environmentId: envId }));
      this.parents.set(id, env);
    }
    return node;
  }

  private resourceNode(envId: string, resourceId: string): DriftTreeNode {
    const id = this.resourceNodeId(envId, resourceId);
    let node = this.nodes.get(id);
    if (!node) this.nodes.set(id, (node = { type: 'resource', id, environmentId: envId, resourceId }));
    return node;
  }

  private fieldNode(resourceNode: DriftTreeNode, pointer: string): DriftTreeNode {
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
      if (resource) rows.push({ label: this.resourceLabel(resource), id });
    }
    rows.sort((a, b) => compareText(a.label, b.label) || compareText(a.id, b.id));
    return rows.map((r) => this.resourceNode(group.environmentId, r.id));
  }

  // ---- items ------------------------------------------------------------------------------------------

  private environmentSignature(envId: string): string {
    const env = this.store.environment(envId);
    return env ? JSON.stringify([env.name, env.folderUri, env.path, env.context, env.state, env.reason, env.unit]) : '';
  }

  private environmentItem(node: DriftTreeNode, _now: number): DriftTreeItemView {
    const env = this.store.environment(node.environmentId);
    if (!env) return { id: node.id, label: node.environmentId, contextValue: 'driftEnvironment', collapsible: 'expanded' };
    const name = env.name || folderNameOf(env.folderUri);
    const where = `${env.context ?? 'no context'} · ${env.state}`;
    const icon = STATE_ICONS[env.state];
    if (this.groupingMode === 'unit' && env.unit && env.unit.kind !== 'Settings') {
      const unitState = unitStateText(env);
      return {
        id: node.id,
        label: `${env.unit.kind} ${env.unit.namespace ? `${env.unit.namespace}/` : ''}${env.unit.name}`,
        description: unitState ? `${unitState} · ${where}` : where,
        contextValue: 'driftEnvironment',
        icon: { id: unitIcon(env.unit.ready, env.unit.synced) },
        collapsible: 'expanded',
      };
    }
    return { id: node.id, label: name, description: where, contextValue: 'driftEnvironment', icon, collapsible: 'expanded' };
  }

  private resourceItem(node: DriftTreeNode, now: number): DriftTreeItemView {
    const resource = this.store.resource(node.environmentId, node.resourceId ?? '');
    if (!resource) return { id: node.id, label: node.resourceId ?? '', contextValue: 'driftResource.Unknown', collapsible: 'none' };
    const hasFields = resource.status === 'Drifted' && resource.fields.length > 0;
    const label = this.resourceLabel(resource);
    const description = formatResourceDescription(resource, now);
    return {
      id: node.id,
      label,
      description,
      accessibilityLabel: resource.status === 'Drifted' ? `${resource.key.kind} ${label}, Drifted: ${description}` : `${resource.key.kind} ${label}, ${description}`,
      contextValue: `driftResource.${resource.status}`,
      icon: DRIFT_STATUS_ICONS[resource.status],
      collapsible: hasFields ? 'collapsed' : 'none',
      ...(resource.source ? { command: { command: DRIFT_OPEN_SOURCE_COMMAND, title: 'Open Source', arguments: [{ environmentId: node.environmentId, resourceId: resource.id }] } } : {}),
    };
  }

  private fieldItem(node: DriftTreeNode, now: number): DriftTreeItemView {
    const resource = this.store.resource(node.environmentId, node.resourceId ?? '');
    const field = resource?.fields.find((f) => f.pointer === node.pointer);
    if (!resource || !field) return { id: node.id, label: node.pointer ?? '', contextValue: 'driftField', collapsible: 'none' };
    return {
      id: node.id,
      label: field.path,
      description: formatFieldChange(field, now),
      contextValue: 'driftField',
      icon: { id: 'symbol-field', color: DRIFT_STATUS_ICONS.Drifted.color },
      collapsible: 'none',
      ...(field.source ?? resource.source
        ? { command: { command: DRIFT_OPEN_SOURCE_COMMAND, title: 'Open Source', arguments: [{ environmentId: node.environmentId, resourceId: resource.id, pointer: field.pointer }] } }
        : {}),
    };
  }

  private resourceLabel(resource: DriftResourceView): string {
    return this.groupingMode === 'unit' && resource.key.namespace ? `${resource.key.namespace}/${resource.key.name}` : resource.key.name;
  }

  private messageText(envId: string): string {
    const env = this.store.environment(envId);
    if (this.isFiltered && this.store.resources(envId).length > 0) return this.filterState.onlyDrifted ? 'No drifted resources' : 'No resource matches the filter';
    if (!env) return 'No resources';
    if (env.state === 'Connected' || env.state === 'Degraded') return 'No resources declared';
    if (env.state === 'Connecting') return 'Connecting…';
    if (env.state === 'Idle') return 'Not watching';
    return env.reason ? `${env.state}: ${env.reason}` : env.state;
  }
}

function unitStateText(env: DriftEnvironmentView): string {
  const unit = env.unit;
  if (!unit) return '';
  const parts: string[] = [];
  if (unit.ready !== undefined) parts.push(`Ready: ${unit.ready}`);
  if (unit.synced !== undefined) parts.push(`Synced: ${unit.synced}`);
  return parts.join(' · ');
}

function unitIcon(ready: string | undefined, synced: string | undefined): string {
  const bad = (v: string | undefined) => v !== undefined && /^(false|outofsync|degraded|missing)$/i.test(v);
  const good = (v: string | undefined) => v !== undefined && /^(true|synced|healthy)$/i.test(v);
  if (bad(ready) || bad(synced)) return 'error';
  if (good(ready) || good(synced)) return 'pass';
  return 'circle-outline';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
