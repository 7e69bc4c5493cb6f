import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, runCase, toGolden } from './drift-fixture-case.js';

// Golden files regenerate with UPDATE_GOLDEN=1 (review the diff before committing).
const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(FIXTURES).filter((c) => existsSync(join(FIXTURES, c, 'git')) && !existsSync(join(FIXTURES, c, 'git', 'kustomization.yaml')) && !existsSync(join(FIXTURES, c, 'render.kustomize')));

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
