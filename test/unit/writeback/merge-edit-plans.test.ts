// mergeEditPlans: several resources' plans as one commit; colliding plans wait for another run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EditPlan, FileEditPlan } from '../../../src/core/edit/edit-plan.js';
import { mergeEditPlans } from '../../../src/core/writeback/merge-edit-plans.js';
import { applyFileEdits } from '../../../src/core/writeback/apply-file-edits.js';

const edit = (path: string, line: number, from: number, to: number, newText: string) => ({ path, range: { start: { line, character: from }, end: { line, character: to } }, newText });
const planOf = (label: string, files: FileEditPlan[]): { label: string; plan: EditPlan } => ({
  label,
  plan: { files, fields: [{ path: '.x', from: 1, to: 2, file: files[0]?.path ?? '', layer: 'file' }], summary: [`.x 1 → 2`], commitMessage: `Codify live change: ${label}\n\nbody`, refused: [] },
});

describe('mergeEditPlans', () => {
  it('edits of different documents of one file combine, and apply together', () => {
    const text = 'a: 1\n---\nb: 1\n';
    const merged = mergeEditPlans([planOf('A', [{ path: 'f.yaml', edits: [edit('f.yaml', 0, 3, 4, '2')] }]), planOf('B', [{ path: 'f.yaml', edits: [edit('f.yaml', 2, 3, 4, '3')] }])], 'Codify live changes: 2 resources');
    assert.ok(merged);
    assert.deepEqual(merged.postponed, []);
    assert.equal(merged.plan.files.length, 1);
    assert.deepEqual(applyFileEdits(merged.plan.files[0] as FileEditPlan, text), { text: 'a: 2\n---\nb: 3\n' });
    assert.equal(merged.plan.commitMessage, 'Codify live changes: 2 resources\n\n- Codify live change: A\n- Codify live change: B');
    assert.deepEqual(merged.plan.summary, ['A: .x 1 → 2', 'B: .x 1 → 2']);
  });

  it('overlapping edits, insertions at the same point and a created file wait', () => {
    const merged = mergeEditPlans([
      planOf('A', [{ path: 'f.yaml', edits: [edit('f.yaml', 0, 0, 4, 'x'), edit('f.yaml', 5, 0, 0, 'ins\n')] }]),
      planOf('B', [{ path: 'f.yaml', edits: [edit('f.yaml', 0, 2, 3, 'y')] }]),
      planOf('C', [{ path: 'f.yaml', edits: [edit('f.yaml', 5, 0, 0, 'other\n')] }]),
      planOf('D', [{ path: 'f.yaml', create: true, edits: [edit('f.yaml', 0, 0, 0, 'new\n')] }]),
      planOf('E', [{ path: 'g.yaml', edits: [edit('g.yaml', 0, 0, 1, 'z')] }, { path: 'f.yaml', edits: [edit('f.yaml', 0, 4, 4, ' # ok')] }]),
    ], 'T');
    assert.ok(merged);
    assert.deepEqual(merged.kept.map((k) => k.label), ['A', 'E']);
    assert.deepEqual(merged.postponed, ['B', 'C', 'D']);
    assert.match(merged.plan.commitMessage, /Left for another run \(their edits meet these\): B, C, D/);
  });

  it('one plan comes back as it is; none gives undefined', () => {
    const one = planOf('A', [{ path: 'f.yaml', edits: [] }]);
    assert.equal(mergeEditPlans([one], 'T')?.plan, one.plan);
    assert.equal(mergeEditPlans([], 'T'), undefined);
  });
});
