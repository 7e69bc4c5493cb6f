// Data-driven cases that need rendering (case.yaml `render: DIR`) run through the real kustomize
// (`kubectl kustomize` on PATH), as the CLI and the server do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { desiredFromRendered } from '../../../src/core/drift/desired-from-rendered.js';
import { findKustomize } from '../../../src/adapters/kustomize/find-kustomize.js';
import { renderKustomization } from '../../../src/adapters/kustomize/render-kustomization.js';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { FIXTURES, readCaseSettings, runCase, toGolden } from './drift-fixture-case.js';

const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(FIXTURES).filter((c) => existsSync(join(FIXTURES, c, 'case.yaml')) && 'render' in readCaseSettings(join(FIXTURES, c)));

test('at least one kustomize case exists', () => assert.ok(cases.length > 0));

for (const name of cases) {
  test(`drift case ${name} (rendered with the real kustomize)`, async () => {
    const kustomize = findKustomize();
    assert.ok(kustomize.available, 'kubectl or kustomize must be on PATH for this test');
    const dir = join(FIXTURES, name);
    const settings = readCaseSettings(dir) as { render: string; defaultNamespace?: string };
    const gitRoot = join(dir, 'git');
    const rendered = await renderKustomization(gitRoot, settings.render, kustomize.tool);
    const { index } = loadWorkspace(gitRoot);
    const desired = desiredFromRendered(rendered, index, { defaultNamespace: settings.defaultNamespace ?? 'default' });
    const actual = toGolden(runCase(dir, desired));
    const expectedPath = join(dir, 'expected.json');
    if (update) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');
    assert.ok(existsSync(expectedPath), `${name}: no expected.json (run with UPDATE_GOLDEN=1 and review it)`);
    assert.deepEqual(actual, JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
}
