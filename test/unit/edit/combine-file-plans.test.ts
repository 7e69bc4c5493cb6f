import assert from 'node:assert/strict';
import { test } from 'node:test';
import { combineFilePlans } from '../../../src/core/edit/combine-file-plans.js';
import type { FileEditPlan } from '../../../src/core/edit/edit-plan.js';

const edit = (path: string, line: number, from: number, to: number, newText: string) => ({ path, range: { start: { line, character: from }, end: { line, character: to } }, newText });
const plan = (path: string, ...edits: ReturnType<typeof edit>[]): FileEditPlan => ({ path, edits });

test('edits of different documents of one file are joined; other files kept', () => {
  const joined = combineFilePlans([plan('all.yaml', edit('all.yaml', 3, 12, 13, '5'))], [plan('all.yaml', edit('all.yaml', 40, 9, 12, '1.2')), plan('b.yaml', edit('b.yaml', 1, 0, 1, 'x'))]);
  assert.deepEqual(joined?.map((f) => [f.path, f.edits.length]), [['all.yaml', 2], ['b.yaml', 1]]);
});

test('overlapping edits, two insertions at one point, or a created file are not joined', () => {
  const a = [plan('all.yaml', edit('all.yaml', 3, 2, 10, 'x'))];
  assert.equal(combineFilePlans(a, [plan('all.yaml', edit('all.yaml', 3, 5, 12, 'y'))]), undefined);
  const insert = [plan('all.yaml', edit('all.yaml', 7, 0, 0, '  replicas: 3\n'))];
  assert.equal(combineFilePlans(insert, [plan('all.yaml', edit('all.yaml', 7, 0, 0, '  paused: true\n'))]), undefined);
  assert.equal(combineFilePlans([{ ...plan('p.yaml', edit('p.yaml', 0, 0, 0, 'a')), create: true }], [plan('p.yaml', edit('p.yaml', 0, 0, 0, 'b'))]), undefined);
});
