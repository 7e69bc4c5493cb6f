import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditPlan } from '../../../src/core/edit/edit-plan.js';
import { mergePlanOutcomes } from '../../../src/core/writeback/merge-plan-outcomes.js';

function planAt(path: string, line: number, label: string): EditPlan {
  return {
    files: [{ path, edits: [{ path, range: { start: { line, character: 12 }, end: { line, character: 13 } }, newText: '5' }] }],
    fields: [{ path: '.spec.replicas', from: 3, to: 5, file: path, layer: 'plain manifest' }],
    summary: [`.spec.replicas 3 → 5 in ${path}`],
    commitMessage: `Codify live change: ${label} .spec.replicas 3 → 5\n\nbody`,
    refused: [{ path: '.spec.paused', reason: 'owned by a controller' }],
  };
}

describe('merging the plans of all drift of an environment', () => {
  it('one resource: its outcome as it is', () => {
    const outcome = { kind: 'plan' as const, plan: planAt('a.yaml', 1, 'A') };
    assert.equal(mergePlanOutcomes([{ label: 'A', outcome }], 'prod'), outcome);
  });

  it('nothing drifted: a refusal that says so', () => {
    assert.deepEqual(mergePlanOutcomes([], 'prod'), { kind: 'refused', reason: 'Nothing has drifted in prod: there is no live change to commit.' });
  });

  it('merges edits of one file, lists refusals (whole resources too) with their resource', () => {
    const merged = mergePlanOutcomes([
      { label: 'Deployment shop/a', outcome: { kind: 'plan', plan: planAt('apps.yaml', 4, 'Deployment shop/a') } },
      { label: 'Deployment shop/b', outcome: { kind: 'plan', plan: planAt('apps.yaml', 30, 'Deployment shop/b') } },
      { label: 'Secret shop/db', outcome: { kind: 'refused', reason: 'a Secret is never written to Git: use Sealed Secrets or SOPS' } },
    ], 'prod');
    assert.equal(merged.kind, 'plan');
    if (merged.kind !== 'plan') return;
    assert.deepEqual(merged.plan.files.map((f) => [f.path, f.edits.map((e) => e.range.start.line)]), [['apps.yaml', [4, 30]]]);
    assert.equal(merged.plan.commitMessage, 'Codify live changes: 2 resources (prod)\n\n- Codify live change: Deployment shop/a .spec.replicas 3 → 5\n- Codify live change: Deployment shop/b .spec.replicas 3 → 5');
    assert.deepEqual(merged.plan.summary, ['Deployment shop/a: .spec.replicas 3 → 5 in apps.yaml', 'Deployment shop/b: .spec.replicas 3 → 5 in apps.yaml']);
    assert.deepEqual(merged.plan.refused.map((r) => r.path), ['Deployment shop/a .spec.paused', 'Deployment shop/b .spec.paused', 'Secret shop/db']);
  });

  it('leaves out a resource whose edits meet another\'s (with the reason), and says why when every resource is refused', () => {
    const overlap = mergePlanOutcomes([
      { label: 'A', outcome: { kind: 'plan', plan: planAt('base.yaml', 6, 'A') } },
      { label: 'B', outcome: { kind: 'plan', plan: planAt('base.yaml', 6, 'B') } },
    ], '');
    assert.equal(overlap.kind, 'plan');
    if (overlap.kind !== 'plan') return;
    assert.deepEqual(overlap.plan.files.map((f) => f.edits.length), [1], 'only A\'s edit');
    assert.deepEqual(overlap.plan.refused.at(-1), { path: 'B', reason: 'its edits meet another resource\'s: commit it after this change' });
    const none = mergePlanOutcomes([{ label: 'A', outcome: { kind: 'refused', reason: 'r1' } }, { label: 'B', outcome: { kind: 'refused', reason: 'r2' } }], '');
    assert.deepEqual(none, { kind: 'refused', reason: 'A: r1\nB: r2' });
  });

  it('asks one layer question naming every resource and every environment that shares the base', () => {
    const asked = mergePlanOutcomes([
      { label: 'A', outcome: { kind: 'choose-layer', question: 'q', sharedWith: ['staging'] } },
      { label: 'B', outcome: { kind: 'choose-layer', question: 'q', sharedWith: ['dev', 'staging'] } },
      { label: 'C', outcome: { kind: 'plan', plan: planAt('c.yaml', 1, 'C') } },
    ], 'prod');
    assert.equal(asked.kind, 'choose-layer');
    assert.deepEqual(asked.kind === 'choose-layer' ? asked.sharedWith : [], ['dev', 'staging']);
    assert.match(asked.kind === 'choose-layer' ? asked.question : '', /A, B/);
  });
});
