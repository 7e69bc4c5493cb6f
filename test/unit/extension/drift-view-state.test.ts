// The Drift view's grouping and filter survive a reload: saved in the workspace memento when chosen, read back
// when the view is built again, and a tree model built from what was read shows the same grouping and filter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DriftStore } from '../../../src/extension/drift/drift-store.js';
import { DriftTreeModel } from '../../../src/extension/drift/drift-tree-model.js';
import { DEFAULT_DRIFT_VIEW_STATE, DRIFT_VIEW_STATE_KEY, DriftViewStateMemento, readDriftViewState, type ViewStateMemento } from '../../../src/extension/drift/drift-view-state.js';

/** A workspace memento as VS Code keeps it between sessions: values stored as JSON. */
function aMemento(initial: Record<string, unknown> = {}): ViewStateMemento & { readonly stored: Map<string, string> } {
  const stored = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    stored,
    get: (key) => (stored.has(key) ? JSON.parse(stored.get(key) as string) : undefined),
    update: (key, value) => {
      stored.set(key, JSON.stringify(value));
      return Promise.resolve();
    },
  };
}

describe('the Drift view state in the workspace memento', () => {
  it('round-trips grouping and every filter field, and a model built from it shows them', async () => {
    const memento = aMemento();
    const state = { grouping: 'unit' as const, filter: { onlyDrifted: true, namespace: 'shop', kind: 'Deployment' } };
    await new DriftViewStateMemento(memento).save(state);
    const restored = new DriftViewStateMemento(memento).load(); // a reload: a new reader over the same memento
    assert.deepEqual(restored, state);
    const model = new DriftTreeModel(new DriftStore(), restored);
    assert.equal(model.grouping, 'unit');
    assert.deepEqual(model.filter, state.filter);
    assert.equal(model.isFiltered, true);
  });

  it('keeps the cluster-scoped namespace choice (\'\') and an unset filter field as unset', async () => {
    const memento = aMemento();
    await new DriftViewStateMemento(memento).save({ grouping: 'namespace', filter: { onlyDrifted: false, namespace: '' } });
    assert.deepEqual(new DriftViewStateMemento(memento).load(), { grouping: 'namespace', filter: { onlyDrifted: false, namespace: '' } });
    assert.deepEqual(JSON.parse(memento.stored.get(DRIFT_VIEW_STATE_KEY) as string), { grouping: 'namespace', filter: { onlyDrifted: false, namespace: '' } });
  });

  it('a first start (nothing kept) shows the default: by namespace, unfiltered', () => {
    assert.deepEqual(new DriftViewStateMemento(aMemento()).load(), DEFAULT_DRIFT_VIEW_STATE);
  });

  it('a damaged or older value falls back field by field, never throws', () => {
    assert.deepEqual(readDriftViewState('unit'), DEFAULT_DRIFT_VIEW_STATE);
    assert.deepEqual(readDriftViewState({ grouping: 'kind', filter: { onlyDrifted: 'yes', namespace: 3, kind: 'Service' } }), { grouping: 'namespace', filter: { onlyDrifted: false, kind: 'Service' } });
    assert.deepEqual(readDriftViewState({ grouping: 'unit', filter: null }), { grouping: 'unit', filter: { onlyDrifted: false } });
  });
});
