// What each drift tree node looks like: its TreeItem as plain data (`item`: label, description, icon, context
// value, command) and its hover text (`tooltip`, computed only when VS Code asks). Reads the store and the tree
// model's grouping and filter; which nodes exist is drift-tree-index-model.ts's business.
import type { DriftEnvironmentView, DriftResourceView } from '../../protocol/drift-messages.js';
import type { DriftStatus } from '../../core/drift/drift-types.js';
import type { DriftStore } from './drift-store.js';
import type { DriftGrouping, DriftTreeFilter, DriftTreeItemView, DriftTreeNode } from './drift-tree-types.js';
import { folderNameOf, formatFieldChange, formatManager, formatResourceDescription, formatStatusLine, formatSuggestedAction, formatValue } from './drift-format.js';

type Icon = { readonly id: string; readonly color?: string };

/** The tree model's settings the items depend on. */
export interface DriftTreeItemSettings {
  readonly grouping: DriftGrouping;
  readonly filter: DriftTreeFilter;
  readonly isFiltered: boolean;
}

/** The status icons and the open-source command: part of drift-tree-model.ts's API, handed in from there. */
export interface DriftTreeItemStyle {
  readonly statusIcons: Readonly<Record<DriftStatus, { readonly id: string; readonly color: string }>>;
  readonly openSourceCommand: string;
}

export class DriftTreeItemModel {
  private readonly stateIcons: Readonly<Record<DriftEnvironmentView['state'], Icon>>;

  constructor(
    private readonly store: DriftStore,
    private readonly settings: DriftTreeItemSettings,
    private readonly style: DriftTreeItemStyle,
  ) {
    this.stateIcons = environmentStateIcons(style.statusIcons);
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

  private environmentItem(node: DriftTreeNode, _now: number): DriftTreeItemView {
    const env = this.store.environment(node.environmentId);
    if (!env) return { id: node.id, label: node.environmentId, contextValue: 'driftEnvironment', collapsible: 'expanded' };
    const name = env.name || folderNameOf(env.folderUri);
    const where = `${env.context ?? 'no context'} · ${env.state}`;
    const icon = this.stateIcons[env.state];
    if (this.settings.grouping === 'unit' && env.unit && env.unit.kind !== 'Settings') {
      const unitState = unitStateText(env);
      return {
        id: node.id,
        label: `${env.unit.kind} ${env.unit.namespace ? `${env.unit.namespace}/` : ''}${env.unit.name}`,
        description: unitState ? `${unitState} · ${where}` : where,
        contextValue: 'driftEnvironment',
        icon: { id: env.unit.suspended ? 'debug-pause' : unitIcon(env.unit.ready, env.unit.synced) },
        collapsible: 'expanded',
      };
    }
    // A suspended unit (the emergency flow) is said in either grouping: its agent does not correct drift now.
    const description = env.unit?.suspended ? `Suspended · ${where}` : where;
    return { id: node.id, label: name, description, contextValue: 'driftEnvironment', icon, collapsible: 'expanded' };
  }

  private resourceItem(node: DriftTreeNode, now: number): DriftTreeItemView {
    const resource = this.store.resource(node.environmentId, node.resourceId ?? '');
    if (!resource) return { id: node.id, label: node.resourceId ?? '', contextValue: 'driftResource.Unknown', collapsible: 'none' };
    const hasFields = resource.status === 'Drifted' && resource.fields.length > 0;
    const label = resourceLabelOf(resource, this.settings.grouping);
    const description = formatResourceDescription(resource, now);
    return {
      id: node.id,
      label,
      description,
      accessibilityLabel: resource.status === 'Drifted' ? `${resource.key.kind} ${label}, Drifted: ${description}` : `${resource.key.kind} ${label}, ${description}`,
      contextValue: `driftResource.${resource.status}`,
      icon: this.style.statusIcons[resource.status],
      collapsible: hasFields ? 'collapsed' : 'none',
      ...(resource.source ? { command: { command: this.style.openSourceCommand, title: 'Open Source', arguments: [{ environmentId: node.environmentId, resourceId: resource.id }] } } : {}),
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
      icon: { id: 'symbol-field', color: this.style.statusIcons.Drifted.color },
      collapsible: 'none',
      ...(field.source ?? resource.source
        ? { command: { command: this.style.openSourceCommand, title: 'Open Source', arguments: [{ environmentId: node.environmentId, resourceId: resource.id, pointer: field.pointer }] } }
        : {}),
    };
  }

  private messageText(envId: string): string {
    const env = this.store.environment(envId);
    if (this.settings.isFiltered && this.store.resources(envId).length > 0) return this.settings.filter.onlyDrifted ? 'No drifted resources' : 'No resource matches the filter';
    if (!env) return 'No resources';
    if (env.state === 'Connected' || env.state === 'Degraded') return 'No resources declared';
    if (env.state === 'Connecting') return 'Connecting…';
    if (env.state === 'Idle') return 'Not watching';
    return env.reason ? `${env.state}: ${env.reason}` : env.state;
  }
}

/** What an environment's item and tooltip show, as one string: when it changes, the environment node is refreshed. */
export function environmentSignatureOf(env: DriftEnvironmentView | undefined): string {
  return env ? JSON.stringify([env.name, env.folderUri, env.path, env.context, env.state, env.reason, env.unit]) : '';
}

/** A resource node's label (also the order of resources in a group). */
export function resourceLabelOf(resource: DriftResourceView, grouping: DriftGrouping): string {
  return grouping === 'unit' && resource.key.namespace ? `${resource.key.namespace}/${resource.key.name}` : resource.key.name;
}

/** Environment state → codicon and colour (the colours are the status ones). */
function environmentStateIcons(statusIcons: DriftTreeItemStyle['statusIcons']): Readonly<Record<DriftEnvironmentView['state'], Icon>> {
  return {
    Idle: { id: 'debug-pause' },
    Connecting: { id: 'sync~spin' },
    Connected: { id: 'vm-active', color: statusIcons.Synced.color },
    Degraded: { id: 'warning', color: statusIcons.Unknown.color },
    Unreachable: { id: 'debug-disconnect', color: statusIcons.Unknown.color },
    Unauthorized: { id: 'lock', color: statusIcons.Unknown.color },
    NoKubeconfig: { id: 'warning', color: statusIcons.Unknown.color },
    Untrusted: { id: 'workspace-untrusted' },
    Error: { id: 'error', color: statusIcons.Unknown.color },
  };
}

function unitStateText(env: DriftEnvironmentView): string {
  const unit = env.unit;
  if (!unit) return '';
  const parts: string[] = [];
  if (unit.suspended) parts.push('Suspended');
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
