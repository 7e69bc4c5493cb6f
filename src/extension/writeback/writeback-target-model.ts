// Which resource (and field) a write-back command acts on when no tree node or hover link names one: the
// drifted line under the cursor, else the resource declared around the cursor, else a pick. Pure.
import type { DriftEnvironmentView, DriftResourceView } from '../../protocol/drift-messages.js';
import type { DriftTarget } from '../drift-target.js';

export interface EnvironmentResources {
  readonly environment: DriftEnvironmentView;
  readonly resources: readonly DriftResourceView[];
}

/**
 * The resources declared in a document whose declaration starts at or above the line (the nearest one per
 * environment): one target per environment that renders it, so a base shared by two environments asks which.
 */
export function targetsAtLine(all: readonly EnvironmentResources[], uri: string, line: number): DriftTarget[] {
  const targets: DriftTarget[] = [];
  for (const { environment, resources } of all) {
    let best: DriftResourceView | undefined;
    for (const resource of resources) {
      const source = resource.source;
      if (!source || source.uri !== uri || source.range.start.line > line) continue;
      if (!best || (best.source?.range.start.line ?? -1) < source.range.start.line) best = resource;
    }
    if (best) targets.push({ environmentId: environment.id, resourceId: best.id });
  }
  return targets;
}

export interface TargetPickItem {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly target: DriftTarget;
}

/** Pick items: per environment with drift, "all drift" first, then each resource the filter accepts. */
export function targetPickItems(all: readonly EnvironmentResources[], accept: (resource: DriftResourceView) => boolean, withAllDrift: boolean): TargetPickItem[] {
  const items: TargetPickItem[] = [];
  for (const { environment, resources } of all) {
    const envName = environment.name || '(repository)';
    const drifted = resources.filter((r) => r.status === 'Drifted');
    if (withAllDrift && drifted.length > 1) items.push({ label: `$(git-commit) All drift of ${envName}`, description: `${drifted.length} resources`, target: { environmentId: environment.id } });
    for (const resource of resources.filter(accept)) {
      items.push({ label: resource.label, description: `${resource.status}${environment.name ? ` · ${environment.name}` : ''}`, ...(resource.reason ? { detail: resource.reason } : {}), target: { environmentId: environment.id, resourceId: resource.id } });
    }
  }
  return items;
}
