// The drift explorer's TreeDataProvider: a thin renderer of `DriftTreeModel` (all logic lives there).
//
// Exports:
// - `DriftTreeProvider`: `new DriftTreeProvider(store, options)`; a `vscode.TreeDataProvider<DriftTreeNode>`
//   that listens to the store and refreshes only the nodes a change touches. `attach(treeView)` keeps the
//   view's badge (drifted resources) and description (active filter) current and refreshes the "N min ago"
//   ages every minute while the view is visible. `setGrouping`, `toggleGrouping`, `setFilter`, `clearFilter`,
//   `grouping`, `filter`, `namespaces()`, `kinds()` serve the toggle/filter commands. It sets the context
//   keys `gitopsAuthoring.drift.grouping` ('namespace' | 'unit') and `gitopsAuthoring.drift.filtered` (boolean)
//   for menus; `onViewStateChange` hears every grouping or filter change (the feature keeps them in the memento).
// - `DriftTreeProviderOptions`, `DRIFT_GROUPING_CONTEXT_KEY`, `DRIFT_FILTERED_CONTEXT_KEY`.
import * as vscode from 'vscode';
import type { DriftStore } from './drift-store.js';
import { DriftTreeModel } from './drift-tree-model.js';
import type { DriftGrouping, DriftTreeChangeSet, DriftTreeFilter, DriftTreeItemView, DriftTreeNode } from './drift-tree-types.js';
import type { DriftViewState } from './drift-view-state.js';

export const DRIFT_GROUPING_CONTEXT_KEY = 'gitopsAuthoring.drift.grouping';
export const DRIFT_FILTERED_CONTEXT_KEY = 'gitopsAuthoring.drift.filtered';

export interface DriftTreeProviderOptions {
  readonly grouping?: DriftGrouping;
  readonly filter?: DriftTreeFilter;
  /** Clock for the "N min ago" ages (tests inject one). */
  readonly now?: () => number;
  /** How often visible ages are refreshed; default one minute. */
  readonly ageRefreshMs?: number;
  /** Told the grouping and filter each time one changes (to keep them across reloads). */
  readonly onViewStateChange?: (state: DriftViewState) => void;
}

const COLLAPSIBLE: Record<DriftTreeItemView['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

export class DriftTreeProvider implements vscode.TreeDataProvider<DriftTreeNode>, vscode.Disposable {
  private readonly model: DriftTreeModel;
  private readonly changeEmitter = new vscode.EventEmitter<DriftTreeNode | DriftTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private view: vscode.TreeView<DriftTreeNode> | undefined;
  private readonly now: () => number;

  constructor(store: DriftStore, private readonly options: DriftTreeProviderOptions = {}) {
    this.model = new DriftTreeModel(store, { ...(options.grouping ? { grouping: options.grouping } : {}), ...(options.filter ? { filter: options.filter } : {}) });
    this.now = options.now ?? Date.now;
    const subscription = store.onChange((change) => this.fire(this.model.applyChange(change)));
    this.disposables.push({ dispose: () => subscription.dispose() });
    this.updateContextKeys();
  }

  /** Keeps the view's badge and description current; refreshes visible ages while the view is visible. */
  attach(view: vscode.TreeView<DriftTreeNode>): void {
    this.view = view;
    this.updateView();
    const timer = setInterval(() => {
      if (!view.visible) return;
      const nodes = this.model.driftedResourceNodes();
      if (nodes.length > 0) this.changeEmitter.fire([...nodes]);
    }, this.options.ageRefreshMs ?? 60_000);
    this.disposables.push({ dispose: () => clearInterval(timer) });
  }

  get grouping(): DriftGrouping {
    return this.model.grouping;
  }

  get filter(): DriftTreeFilter {
    return this.model.filter;
  }

  setGrouping(grouping: DriftGrouping): void {
    this.fire(this.model.setGrouping(grouping));
    this.viewStateChanged();
  }

  toggleGrouping(): DriftGrouping {
    this.setGrouping(this.model.grouping === 'namespace' ? 'unit' : 'namespace');
    return this.model.grouping;
  }

  setFilter(filter: Partial<DriftTreeFilter>): void {
    this.fire(this.model.setFilter(filter));
    this.viewStateChanged();
  }

  clearFilter(): void {
    this.fire(this.model.clearFilter());
    this.viewStateChanged();
  }

  namespaces(): readonly string[] {
    return this.model.namespaces();
  }

  kinds(): readonly string[] {
    return this.model.kinds();
  }

  getTreeItem(node: DriftTreeNode): vscode.TreeItem {
    return toTreeItem(this.model.item(node, this.now()));
  }

  /** Tooltips are built only when hovered. */
  resolveTreeItem(item: vscode.TreeItem, node: DriftTreeNode): vscode.TreeItem {
    const tooltip = this.model.tooltip(node);
    if (tooltip !== undefined) item.tooltip = tooltip;
    return item;
  }

  getChildren(node?: DriftTreeNode): DriftTreeNode[] {
    return [...(node ? this.model.children(node) : this.model.roots())];
  }

  getParent(node: DriftTreeNode): DriftTreeNode | undefined {
    return this.model.parent(node);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private fire(set: DriftTreeChangeSet): void {
    if (set.all) this.changeEmitter.fire(undefined);
    else if (set.nodes.length > 0) this.changeEmitter.fire([...set.nodes]);
    if (set.badgeChanged || set.all) this.updateView();
  }

  private updateView(): void {
    const view = this.view;
    if (!view) return;
    const count = this.model.badge();
    view.badge = count > 0 ? { value: count, tooltip: `${count} drifted resource${count === 1 ? '' : 's'}` } : undefined;
    const f = this.model.filter;
    const parts = [f.onlyDrifted ? 'only drifted' : undefined, f.namespace !== undefined ? `namespace ${f.namespace || '(cluster-scoped)'}` : undefined, f.kind !== undefined ? `kind ${f.kind}` : undefined];
    view.description = parts.filter((p) => p !== undefined).join(' · ') || undefined;
  }

  private viewStateChanged(): void {
    this.updateContextKeys();
    this.options.onViewStateChange?.({ grouping: this.model.grouping, filter: this.model.filter });
  }

  private updateContextKeys(): void {
    void vscode.commands.executeCommand('setContext', DRIFT_GROUPING_CONTEXT_KEY, this.model.grouping);
    void vscode.commands.executeCommand('setContext', DRIFT_FILTERED_CONTEXT_KEY, this.model.isFiltered);
  }
}

function toTreeItem(view: DriftTreeItemView): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label, COLLAPSIBLE[view.collapsible]);
  item.id = view.id;
  if (view.description !== undefined) item.description = view.description;
  item.contextValue = view.contextValue;
  if (view.accessibilityLabel !== undefined) item.accessibilityInformation = { label: view.accessibilityLabel };
  if (view.icon) item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
  if (view.command) item.command = { command: view.command.command, title: view.command.title, arguments: [...view.command.arguments] };
  return item;
}
