// The hotfix guard: a plan that changes a resource whose live state carries a person's change Git lacks warns,
// unless the plan itself brings that live value into Git.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldDrift, ResourceDrift } from '../../../src/core/drift/drift-types.js';
import type { EditPlan, FileEditPlan, PlannedField } from '../../../src/core/edit/edit-plan.js';
import { findRevertedHotfixes } from '../../../src/core/edit/hotfix-guard.js';

const range = (from: number, to: number) => ({ start: { line: from, character: 0 }, end: { line: to, character: 0 } });

function field(path: string, overrides: Partial<FieldDrift> = {}): FieldDrift {
  return {
    path,
    pointer: path.replace(/\./g, '/'),
    segments: path.slice(1).split('.'),
    change: 'changed',
    gitValue: 3,
    liveValue: 5,
    attribution: { manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-12-04T10:00:00Z' },
    suggestedAction: 'commit',
    actionReason: 'changed live by kubectl (scale)',
    source: { path: 'apps/base/deployment.yaml', range: range(7, 7) },
    ...overrides,
  };
}

function resource(name: string, fields: FieldDrift[], sourcePath = 'apps/base/deployment.yaml', lines: [number, number] = [0, 30]): ResourceDrift {
  return {
    key: { group: 'apps', kind: 'Deployment', namespace: 'shop', name },
    id: `Deployment apps/v1 shop/${name}`,
    status: fields.length > 0 ? 'Drifted' : 'Synced',
    fields,
    source: { path: sourcePath, range: range(...lines) },
    strategy: 'normalized',
    ignoredFields: 0,
  };
}

function plan(files: FileEditPlan[], fields: PlannedField[] = []): Pick<EditPlan, 'files' | 'fields'> {
  return { files, fields };
}

const editAt = (path: string, line: number): FileEditPlan => ({ path, edits: [{ path, range: range(line, line), newText: 'x' }] });

describe('findRevertedHotfixes', () => {
  it('warns when the plan edits a resource whose replicas kubectl scaled live', () => {
    const results = [resource('api', [field('.spec.replicas')])];
    const [warning, ...more] = findRevertedHotfixes({ results, plan: plan([editAt('apps/base/deployment.yaml', 20)]) });
    assert.equal(more.length, 0);
    assert.equal(warning?.resourceId, 'apps/Deployment/shop/api');
    assert.deepEqual(warning?.fields.map((f) => [f.path, f.gitValue, f.liveValue, f.changedBy]), [['.spec.replicas', 3, 5, 'kubectl (scale)']]);
    assert.match(warning?.message ?? '', /would revert.*Deployment\.apps shop\/api \.spec\.replicas \(kubectl \(scale\)\).*Commit the live change first/);
  });

  it('stays quiet when the plan writes the live value of that very field', () => {
    const results = [resource('api', [field('.spec.replicas')])];
    const planned = plan([editAt('apps/base/deployment.yaml', 7)], [{ path: '.spec.replicas', from: 3, to: 5, file: 'apps/base/deployment.yaml', layer: 'base' }]);
    assert.deepEqual(findRevertedHotfixes({ results, plan: planned }), []);
  });

  it('warns for the other hotfix when the plan codifies only one of two', () => {
    const image = field('.spec.template.spec.containers[name="api"].image', { gitValue: 'api:1', liveValue: 'api:2', attribution: { manager: 'kubectl-set', operation: 'Update' } });
    const results = [resource('api', [field('.spec.replicas'), image])];
    const planned = plan([editAt('apps/base/deployment.yaml', 7)], [{ path: '.spec.replicas', from: 3, to: 5, file: 'apps/base/deployment.yaml', layer: 'base' }]);
    const warnings = findRevertedHotfixes({ results, plan: planned });
    assert.deepEqual(warnings.flatMap((w) => w.fields.map((f) => [f.path, f.changedBy])), [['.spec.template.spec.containers[name="api"].image', 'kubectl-set']]);
  });

  it('ignores live values of controllers and of the agent: only a person\'s change is a hotfix', () => {
    const hpa = field('.spec.replicas', { attribution: { manager: 'kube-controller-manager', operation: 'Update', subresource: 'scale' }, suggestedAction: 'ignore' });
    const agent = field('.spec.paused', { attribution: { manager: 'kustomize-controller', operation: 'Apply' }, suggestedAction: 'revert' });
    const results = [resource('api', [hpa, agent])];
    assert.deepEqual(findRevertedHotfixes({ results, plan: plan([editAt('apps/base/deployment.yaml', 20)]) }), []);
  });

  it('ignores resources the plan does not touch: another document of the same file, another file', () => {
    const results = [resource('api', [field('.spec.replicas')], 'apps/base/all.yaml', [0, 30]), resource('worker', [field('.spec.replicas')], 'apps/base/other.yaml', [0, 30])];
    const onlyApi = findRevertedHotfixes({ results: [...results, resource('web', [field('.spec.replicas', { source: { path: 'apps/base/all.yaml', range: range(40, 40) } })], 'apps/base/all.yaml', [32, 60])], plan: plan([editAt('apps/base/all.yaml', 10)]) });
    assert.deepEqual(onlyApi.map((w) => w.resourceId), ['apps/Deployment/shop/api']);
  });

  it('counts an overlay patch that sets one of the resource\'s fields, and resources named by the caller', () => {
    const patched = field('.spec.replicas', { source: { path: 'apps/prod/patch.yaml', range: range(6, 6) } });
    const results = [resource('api', [patched]), resource('worker', [field('.spec.replicas')], 'apps/base/worker.yaml')];
    const byPatch = findRevertedHotfixes({ results, plan: plan([editAt('apps/prod/patch.yaml', 9)]) });
    assert.deepEqual(byPatch.map((w) => w.resourceId), ['apps/Deployment/shop/api']);
    const byName = findRevertedHotfixes({ results, plan: plan([editAt('apps/prod/kustomization.yaml', 3)]), resourceIds: ['apps/Deployment/shop/worker'] });
    assert.deepEqual(byName.map((w) => w.resourceId), ['apps/Deployment/shop/worker']);
  });
});
