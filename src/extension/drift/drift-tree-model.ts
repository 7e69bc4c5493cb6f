// The drift explorer's view-model: which nodes the tree shows, what each node looks like, and which nodes a
// store change touches. Pure (no `vscode` import): `drift-tree-provider.ts` turns its answers into TreeItems.
// This file holds the API and the change sets (`applyChange` → the nodes to refresh); the membership index is
// drift-tree-index-model.ts (node objects: drift-tree-nodes-model.ts), the items and tooltips
// drift-tree-item-model.ts.
//
// Exports:
// - `DriftTreeModel`: built on a `DriftStore`; `roots()`, `children(node)`, `parent(node)`, `item(node, now)`, `tooltip(node)` (lazy);
//   `applyChange(change)` → the nodes to refresh (never a full rebuild for a single-resource delta);
//   `setGrouping`, `setFilter`, `clearFilter` (→ full refresh); `badge()` (drifted resources);
//   `driftedResourceNodes()` (their "N min ago" ages); `namespaces()`, `kinds()` (filter choices).
// Its shapes (`DriftTreeNode`, `DriftTreeItemView`, `DriftGrouping`, `DriftTreeFilter`, `DriftTreeChangeSet`,
// `DRIFT_STATUS_ICONS`, `DRIFT_OPEN_SOURCE_COMMAND`) live in `drift-tree-types.ts`.
import type { DriftResourceView } from '../../protocol/drift-messages.js';
import type { DriftStore, DriftStoreChange } from './drift-store.js';
import { DriftTreeIndex } from './drift-tree-index-model.js';
import { DriftTreeItemModel, environmentSignatureOf } from './drift-tree-item-model.js';
import { DRIFT_OPEN_SOURCE_COMMAND, DRIFT_STATUS_ICONS, type DriftGrouping, type DriftTreeChangeSet, type DriftTreeFilter, type DriftTreeItemView, type DriftTreeNode } from './drift-tree-types.js';

const NO_FILTER: DriftTreeFilter = { onlyDrifted: false };

export class DriftTreeModel {
  private groupingMode: DriftGrouping;
  private filterState: DriftTreeFilter;
  /** Rebuilt (with new node objects) when the grouping or the filter changes. */
  private index: DriftTreeIndex;
  private readonly items: DriftTreeItemModel;
  /** Environment id → what its item showed last (see `environmentSignatureOf`). */
  private readonly envSignatures = new Map<string, string>();
  /** Whether the roots VS Code last read were shown (a kubeconfig was found then). */
  private shownKubeconfigFound = true;
  private lastBadge = 0;

  constructor(
    private readonly store: DriftStore,
    options: { readonly grouping?: DriftGrouping; readonly filter?: DriftTreeFilter } = {},
  ) {
    this.groupingMode = options.grouping ?? 'namespace';
    this.filterState = options.filter ?? NO_FILTER;
    this.items = new DriftTreeItemModel(store, this, { statusIcons: DRIFT_STATUS_ICONS, openSourceCommand: DRIFT_OPEN_SOURCE_COMMAND });
    this.index = this.indexStore();
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

  /** No roots while no kubeconfig was found: the view's welcome content says how to connect instead. */
  roots(): readonly DriftTreeNode[] {
    return this.store.kubeconfigFound ? this.index.roots() : [];
  }

  children(node: DriftTreeNode): readonly DriftTreeNode[] {
    return this.index.children(node);
  }

  parent(node: DriftTreeNode): DriftTreeNode | undefined {
    return this.index.parent(node);
  }

  item(node: DriftTreeNode, now: number): DriftTreeItemView {
    return this.items.item(node, now);
  }

  /** The hover text of a node, computed when VS Code asks (`resolveTreeItem`), not for every item drawn. */
  tooltip(node: DriftTreeNode): string | undefined {
    return this.items.tooltip(node);
  }

  /** Apply one store change; answers the nodes whose items or children changed. */
  applyChange(change: DriftStoreChange): DriftTreeChangeSet {
    const refresh = new Set<DriftTreeNode>();
    let all = this.shownKubeconfigFound !== this.store.kubeconfigFound;
    this.shownKubeconfigFound = this.store.kubeconfigFound;
    if (change.environments || change.reset.length > 0) {
      const ids = this.store.environments().map((e) => e.id);
      if (this.index.followEnvironments(ids)) {
        for (const old of [...this.envSignatures.keys()]) if (!ids.includes(old)) this.envSignatures.delete(old);
        all = true;
      }
      for (const id of ids) {
        const signature = environmentSignatureOf(this.store.environment(id));
        if (this.envSignatures.get(id) !== signature) {
          this.envSignatures.set(id, signature);
          refresh.add(this.index.envNode(id));
        }
      }
    }
    for (const id of change.reset) {
      if (!this.index.hasEnvironment(id)) continue;
      this.index.resetEnvironment(id);
      refresh.add(this.index.envNode(id));
    }
    const resetIds = new Set(change.reset);
    for (const { environmentId, id } of change.resources) {
      if (!resetIds.has(environmentId) && this.index.hasEnvironment(environmentId)) this.index.updateResource(environmentId, id, refresh);
    }
    const badge = this.badge();
    const badgeChanged = badge !== this.lastBadge;
    this.lastBadge = badge;
    return { all, nodes: all ? [] : this.withoutDescendants(refresh), badgeChanged };
  }

  /** Visible Drifted resources (their descriptions carry an age that needs refreshing now and then). */
  driftedResourceNodes(): readonly DriftTreeNode[] {
    return this.index.driftedResourceNodes();
  }

  /** Namespaces over every environment, for the filter picker ('' is cluster-scoped). */
  namespaces(): readonly string[] {
    return this.distinct((r) => r.key.namespace);
  }

  kinds(): readonly string[] {
    return this.distinct((r) => r.key.kind);
  }

  private rebuild(): DriftTreeChangeSet {
    this.index = this.indexStore();
    return { all: true, nodes: [], badgeChanged: true };
  }

  /** A fresh index of the store for the current grouping and filter; resets the signatures and the badge. */
  private indexStore(): DriftTreeIndex {
    const index = new DriftTreeIndex(this.store, this.groupingMode, this.filterState);
    this.envSignatures.clear();
    for (const id of index.environmentIds) this.envSignatures.set(id, environmentSignatureOf(this.store.environment(id)));
    this.lastBadge = this.badge();
    return index;
  }

  /** The nodes of `refresh` none of whose ancestors is in it (refreshing a node refreshes its subtree). */
  private withoutDescendants(refresh: Set<DriftTreeNode>): DriftTreeNode[] {
    const out: DriftTreeNode[] = [];
    for (const node of refresh) {
      let ancestor = this.parent(node);
      let covered = false;
      while (ancestor) {
        if (refresh.has(ancestor)) {
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
    for (const id of this.index.environmentIds) for (const r of this.store.resources(id)) set.add(pick(r));
    return [...set].sort();
  }
}
