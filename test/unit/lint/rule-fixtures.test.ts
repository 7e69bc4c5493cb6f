// Every registered rule has a failing and a passing fixture under test/fixtures/lint/<rule-id>/{fail,pass}/.
// In `fail`, each expected finding is marked on its line with `# expect: <rule-id>`; `pass` must stay clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { scanRepository } from '../../../src/adapters/fs/scan-repository.js';
import { expectedMarkers, findingMarkers, lintDirectory } from '../../support/lint-fixture.js';

for (const rule of RULES) {
  const id = rule.meta.id;
  const base = `test/fixtures/lint/${id}`;
  const enabled = { rules: { [id]: rule.meta.defaultSeverity === 'off' ? 'warning' as const : rule.meta.defaultSeverity } };

  test(`${id}: failing fixture is flagged on exactly the marked lines`, () => {
    assert.ok(existsSync(`${base}/fail`), `missing fixture ${base}/fail`);
    const expected = expectedMarkers(`${base}/fail`, scanRepository(`${base}/fail`).manifestPaths).filter((m) => m.endsWith(` ${id}`));
    assert.ok(expected.length > 0, `${base}/fail marks no expected finding`);
    assert.deepEqual(findingMarkers(lintDirectory(`${base}/fail`, enabled), id), expected);
  });

  test(`${id}: passing fixture is clean`, () => {
    assert.ok(existsSync(`${base}/pass`), `missing fixture ${base}/pass`);
    assert.deepEqual(findingMarkers(lintDirectory(`${base}/pass`, enabled), id), []);
  });
}
