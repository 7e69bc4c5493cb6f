import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, readCaseSettings, runCase, toGolden } from './drift-fixture-case.js';

// Golden files regenerate with UPDATE_GOLDEN=1 (review the diff before committing).
const update = process.env.UPDATE_GOLDEN === '1';
// Cases with `render:` in case.yaml go through kustomize (kustomize-fixtures.test.ts).
const cases = readdirSync(FIXTURES).filter((c) => existsSync(join(FIXTURES, c, 'git')) && !('render' in readCaseSettings(join(FIXTURES, c))));

for (const name of cases) {
  test(`drift case ${name}`, () => {
    const dir = join(FIXTURES, name);
    const actual = toGolden(runCase(dir));
    const expectedPath = join(dir, 'expected.json');
    if (update) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
    assert.ok(existsSync(expectedPath), `${name}: no expected.json (run with UPDATE_GOLDEN=1 and review it)`);
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}
