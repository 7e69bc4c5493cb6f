// The Drift view's grouping and filter, kept in the workspace's memento so they survive a reload. Pure (no
// `vscode` import): the memento is anything with `get` and `update`, as `vscode.Memento` has them.
import { isRecord } from '../../core/resource/manifest-resource.js';
import type { DriftGrouping, DriftTreeFilter } from './drift-tree-types.js';

/** Workspace memento key of the Drift view's grouping and filter. */
export const DRIFT_VIEW_STATE_KEY = 'gitopsAuthoring.drift.viewState';

export interface DriftViewState {
  readonly grouping: DriftGrouping;
  readonly filter: DriftTreeFilter;
}

/** What the view shows when nothing was kept: grouped by namespace, unfiltered. */
export const DEFAULT_DRIFT_VIEW_STATE: DriftViewState = { grouping: 'namespace', filter: { onlyDrifted: false } };

/** The part of `vscode.Memento` this needs. */
export interface ViewStateMemento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** The view state from whatever the memento holds (an older or damaged value falls back, field by field). */
export function readDriftViewState(raw: unknown): DriftViewState {
  if (!isRecord(raw)) return DEFAULT_DRIFT_VIEW_STATE;
  const grouping: DriftGrouping = raw.grouping === 'unit' ? 'unit' : 'namespace';
  const filter = isRecord(raw.filter) ? raw.filter : {};
  return {
    grouping,
    filter: {
      onlyDrifted: filter.onlyDrifted === true,
      // '' is a real choice: cluster-scoped objects.
      ...(typeof filter.namespace === 'string' ? { namespace: filter.namespace } : {}),
      ...(typeof filter.kind === 'string' && filter.kind !== '' ? { kind: filter.kind } : {}),
    },
  };
}

/** Loads and saves the view state in a workspace memento. */
export class DriftViewStateMemento {
  constructor(private readonly memento: ViewStateMemento) {}

  load(): DriftViewState {
    return readDriftViewState(this.memento.get(DRIFT_VIEW_STATE_KEY));
  }

  save(state: DriftViewState): PromiseLike<void> {
    const { filter } = state;
    const plain = { onlyDrifted: filter.onlyDrifted, ...(filter.namespace !== undefined ? { namespace: filter.namespace } : {}), ...(filter.kind !== undefined ? { kind: filter.kind } : {}) };
    return this.memento.update(DRIFT_VIEW_STATE_KEY, { grouping: state.grouping, filter: plain });
  }
}
