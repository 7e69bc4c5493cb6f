// The Drift view: a TreeView over the tree view-model (`drift/drift-tree-model.ts`), with the badge and the
// grouping/filter controls the commands use. The model decides everything; this file only maps its answers.
import * as vscode from 'vscode';
import { DRIFT_VIEW_ID } from './command-ids.js';
import type { DriftStore } from './drift/drift-store.js';
import { DriftTreeModel, type DriftTreeFilter, type DriftTreeNode, type DriftTreeChangeSet } from './drift/drift-tree-model.js';

export interface DriftTree extends vscode.Disposable {
  readonly view: vscode.TreeView<DriftTreeNode>;
  readonly filter: DriftTreeFilter;
  readonly isFiltered: boolean;
  toggleGrouping(): void;
  setFilter(filter: Partial<DriftTreeFilter>): void;
  clearFilter(): void;
  namespaces(): readonly string[];
  kinds(): readonly string[];
}

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

class DriftTreeProvider implements vscode.TreeDataProvider<DriftTreeNode> {
  private readonly changed = new vscode.EventEmitter<DriftTreeNode | DriftTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(readonly model: DriftTreeModel) {}

  getChildren(node?: DriftTreeNode): DriftTreeNode[] {
    return [...(node ? this.model.children(node) : this.model.roots())];
  }

  getParent(node: DriftTreeNode): DriftTreeNode | undefined {
    return this.model.parent(node);
  }

  getTreeItem(node: DriftTreeNode): vscode.TreeItem {
    const view = this.model.item(node, Date.now());
    const item = new vscode.TreeItem(view.label, COLLAPSIBLE[view.collapsible]);
    item.id = view.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.contextValue = view.contextValue;
    if (view.icon) item.iconPath = new vscode.ThemeIcon(view.icon.id, view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined);
    if (view.command) item.command = { command: view.command.command, title: view.command.title, arguments: [...view.command.arguments] };
    return item;
  }

  fire(changes: DriftTreeChangeSet): void {
    if (changes.all) this.changed.fire(undefined);
    else if (changes.nodes.length > 0) this.changed.fire([...changes.nodes]);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function createDriftTree(store: DriftStore, _extension: vscode.ExtensionContext): DriftTree {
  const model = new DriftTreeModel(store);
  const provider = new DriftTreeProvider(model);
  const view = vscode.window.createTreeView(DRIFT_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const showBadge = (): void => {
    const value = model.badge();
    view.badge = value > 0 ? { value, tooltip: `${value} drifted resource${value === 1 ? '' : 's'}` } : undefined;
  };
  const apply = (changes: DriftTreeChangeSet): void => {
    provider.fire(changes);
    if (changes.badgeChanged || changes.all) showBadge();
  };
  const subscription = store.onChange((change) => apply(model.applyChange(change)));
  return {
    view,
    get filter() {
      return model.filter;
    },
    get isFiltered() {
      return model.isFiltered;
    },
    toggleGrouping: () => apply(model.setGrouping(model.grouping === 'namespace' ? 'unit' : 'namespace')),
    setFilter: (filter) => apply(model.setFilter(filter)),
    clearFilter: () => apply(model.clearFilter()),
    namespaces: () => model.namespaces(),
    kinds: () => model.kinds(),
    dispose: () => {
      subscription.dispose();
      view.dispose();
      provider.dispose();
    },
  };
}
