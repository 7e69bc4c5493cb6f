// The drift tree's shapes, shared by the model and its parts (index, nodes, items) and the provider: the node
// objects VS Code holds, what an item shows, grouping, filter and change sets. Pure (no `vscode` import).
import type { DriftStatus } from '../../core/drift/drift-types.js';

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

