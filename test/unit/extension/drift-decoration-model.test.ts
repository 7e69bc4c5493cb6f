import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DriftStore } from '../../../src/extension/drift/drift-store.js';
import { computeCodeLenses, computeLineDecorations, type DriftEditorSettings } from '../../../src/extension/drift/drift-decoration-model.js';
import { aField, anEnvironment, aResource, sourceAt } from './drift-view-builders.js';

const NOW = Date.parse('2026-12-04T12:04:10Z');
const BASE = 'file:///repo/apps/base/api.yaml';
const ON: DriftEditorSettings = { decorations: true, codeLens: false };

function storeWithDrift(): DriftStore {
  const store = new DriftStore();
  store.applyEnvironments({ environments: [anEnvironment('prod'), anEnvironment('staging')], contexts: [], kubeconfigFound: true });
  store.applyDelta({ environmentId: 'file:///repo#prod', reset: true, removed: [], upserted: [
    aResource('Deployment', 'shop', 'api', { source: sourceAt(BASE, 0), fields: [
      aField('.spec.replicas', 3, 5, { source: sourceAt(BASE, 7, 12) }),
      aField('.spec.template.spec.containers[name="app"].image', 'api:1', 'api:2', { source: sourceAt(BASE, 20, 15), attribution: { manager: 'kubectl-set', operation: 'Update', time: '2026-12-04T10:04:10Z' } }),
    ] }),
    aResource('Service', 'shop', 'api', { source: sourceAt(BASE, 30) }),
    aResource('ConfigMap', 'shop', 'settings', { status: 'Missing', reason: 'not in the cluster', source: sourceAt(BASE, 45) }),
  ] });
  store.applyDelta({ environmentId: 'file:///repo#staging', reset: true, removed: [], upserted: [
    aResource('Deployment', 'shop', 'api', { source: sourceAt(BASE, 0), fields: [aField('.spec.replicas', 3, 4, { source: sourceAt(BASE, 7, 12) })] }),
  ] });
  return store;
}

const options = (settings: DriftEditorSettings, lineCount?: number) => ({ settings, now: NOW, environmentName: (id: string) => id.slice(id.indexOf('#') + 1), ...(lineCount !== undefined ? { lineCount } : {}) });

describe('drift decoration model', () => {
  it('decorates drifted field lines and a Missing resource first line, nothing else', () => {
    const store = storeWithDrift();
    const decorations = computeLineDecorations(store.findingsIn(BASE), options(ON));
    assert.deepEqual(decorations.map((d) => [d.line, d.afterText, d.status]), [
      [7, ' → 5 · kubectl (scale) · 4 min ago · prod (+1 more)', 'Drifted'],
      [20, ' → api:2 · kubectl-set · 2 h ago', 'Drifted'],
      [45, ' Missing in cluster', 'Missing'],
    ]);
    assert.equal(decorations[0]?.findings, 2, 'prod and staging share the base line');
    assert.deepEqual(computeLineDecorations(store.findingsIn('file:///repo/other.yaml'), options(ON)), []);
  });

  it('shows an Orphan with a source on its first line', () => {
    const store = new DriftStore();
    store.applyEnvironments({ environments: [anEnvironment('prod')], contexts: [], kubeconfigFound: true });
    store.applyDelta({ environmentId: 'file:///repo#prod', reset: true, removed: [], upserted: [aResource('Secret', 'shop', 'old', { status: 'Orphan', source: sourceAt(BASE, 3) })] });
    assert.deepEqual(computeLineDecorations(store.findingsIn(BASE), options(ON)).map((d) => [d.line, d.afterText]), [[3, ' Orphan: live, not in Git']]);
  });

  it('says Unknown with its reason on the first line, without the drift marks, and lets drift on a shared line win', () => {
    const store = storeWithDrift();
    // staging's cluster became unreachable: its Deployment is Unknown; prod still knows its drift.
    store.applyDelta({ environmentId: 'file:///repo#staging', reset: true, removed: [], upserted: [
      aResource('Deployment', 'shop', 'api', { status: 'Unknown', reason: 'cluster unreachable: connect ECONNREFUSED 127.0.0.1:6443', source: sourceAt(BASE, 0) }),
      aResource('Service', 'shop', 'api', { status: 'Unknown', reason: 'cluster unreachable', source: sourceAt(BASE, 7) }),
    ] });
    const decorations = computeLineDecorations(store.findingsIn(BASE), options(ON));
    assert.deepEqual(decorations.map((d) => [d.line, d.afterText, d.isDrifted]), [
      [0, ' Unknown: cluster unreachable: connect ECONNREFUSED 127.0.0.1:6443', false],
      [7, ' → 5 · kubectl (scale) · 4 min ago · prod (+1 more)', true],
      [20, ' → api:2 · kubectl-set · 2 h ago', true],
      [45, ' Missing in cluster', true],
    ]);
    assert.deepEqual(computeCodeLenses(store.findingsIn(BASE), options({ decorations: true, codeLens: true })).map((l) => l.line), [7, 20, 45], 'no CodeLens for Unknown');
  });

  it('draws nothing when the setting is off, and leaves out lines past the end of the document', () => {
    const store = storeWithDrift();
    assert.deepEqual(computeLineDecorations(store.findingsIn(BASE), options({ decorations: false, codeLens: false })), []);
    assert.deepEqual(computeLineDecorations(store.findingsIn(BASE), options(ON, 21)).map((d) => d.line), [7, 20]);
  });

  it('follows a delta: a field back in sync loses its decoration', () => {
    const store = storeWithDrift();
    store.applyDelta({ environmentId: 'file:///repo#staging', reset: false, removed: [], upserted: [aResource('Deployment', 'shop', 'api', { source: sourceAt(BASE, 0) })] });
    assert.equal(computeLineDecorations(store.findingsIn(BASE), options(ON))[0]?.afterText, ' → 5 · kubectl (scale) · 4 min ago');
  });

  it('makes CodeLenses only when opted in, with the command argument', () => {
    const store = storeWithDrift();
    assert.deepEqual(computeCodeLenses(store.findingsIn(BASE), options(ON)), []);
    const lenses = computeCodeLenses(store.findingsIn(BASE), options({ decorations: false, codeLens: true }));
    assert.deepEqual(lenses.map((l) => [l.line, l.title]), [
      [7, 'Drift: replicas 3 → 5 (kubectl scale) (+1 more)'],
      [20, 'Drift: image api:1 → api:2 (kubectl-set)'],
      [45, 'Drift: ConfigMap shop/settings missing in cluster'],
    ]);
    assert.deepEqual(lenses[0]?.argument, { environmentId: 'file:///repo#prod', resourceId: 'apps/Deployment/shop/api', pointer: '/spec/replicas' });
  });
});
