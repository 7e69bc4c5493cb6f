// Data-driven write-back cases (test/fixtures/writeback/<case>/): each plan's exact diff, and the closed loop:
// the edits applied to a copy of the repository, the desired state built again (the real kustomize) and
// compared with the same live objects, the codified fields are no longer drift.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { findKustomize } from '../../../src/adapters/kustomize/find-kustomize.js';
import { resolvePath } from '../../../src/core/drift/resolve-path.js';
import { parseFieldPath } from '../../../src/core/edit/parse-field-path.js';
import { applyToCopy, driftOf, planCase, readCase, readLiveObjects, resultOf, WRITEBACK_FIXTURES } from './writeback-fixture-case.js';

const update = process.env.UPDATE_GOLDEN === '1';
const cases = readdirSync(WRITEBACK_FIXTURES).filter((c) => existsSync(join(WRITEBACK_FIXTURES, c, 'case.yaml'))).sort();

test('the write-back fixtures exist', () => assert.ok(cases.length >= 15, `only ${cases.length} cases`));

for (const name of cases) {
  test(`write-back case ${name}`, async () => {
    const kustomize = findKustomize();
    assert.ok(kustomize.available, `kubectl or kustomize must be on PATH for the write-back fixtures (${kustomize.available ? '' : kustomize.message})`);
    const dir = join(WRITEBACK_FIXTURES, name);
    const c = readCase(dir);
    const repo = join(dir, c.repo ?? 'repo');
    const live = readLiveObjects(dir);
    const before = await driftOf(repo, c, live, kustomize);
    const outcome = planCase(before, c);
    const expected = c.expect ?? 'plan';
    assert.equal(outcome.kind, expected, `${name}: ${JSON.stringify(outcome)}`);
    if (outcome.kind === 'refused') {
      if (c.reason) assert.match(outcome.reason, new RegExp(escape(c.reason)));
      assert.doesNotMatch(outcome.reason, /c2VjcmV0|s3cr3t/, 'a refusal never carries a Secret value');
      return;
    }
    if (outcome.kind === 'choose-layer') {
      if (c.reason) assert.match(outcome.question, new RegExp(escape(c.reason)));
      assert.ok(outcome.sharedWith.length > 0);
      return;
    }
    const { plan } = outcome;
    if (c.commit) assert.equal(plan.commitMessage.split('\n')[0], c.commit);
    const { root, diff } = applyToCopy(repo, plan);
    try {
      const expectedPath = join(dir, 'expected.diff');
      if (update) writeFileSync(expectedPath, diff);
      assert.ok(existsSync(expectedPath), `${name}: no expected.diff (run with UPDATE_GOLDEN=1 and review it)`);
      assert.equal(diff, readFileSync(expectedPath, 'utf8'), `${name}: the diff differs`);

      const after = await driftOf(root, c, live, kustomize);
      if (c.helm) {
        // The chart is not rendered here: the loop closes on exactly one values key now spelling the live value.
        const back = planCase(after, { ...c, helm: { ...c.helm, git: c.helm.live, live: c.helm.git } });
        assert.equal(back.kind, 'plan', `${name}: after the edit no single values key holds the live value: ${JSON.stringify(back)}`);
        return;
      }
      // The closed loop: render again, compare with the same live objects.
      const result = resultOf(after, c.resource);
      assert.ok(result, `${name}: ${c.resource} is gone after the edit`);
      assert.ok(result.status === 'Synced' || result.status === 'Drifted', `${name}: ${result.status} ${result.reason ?? ''}`);
      // Codified fields match live now; an intent's field says the intended value (live follows when the agent applies).
      for (const f of c.intent ? [] : plan.fields) {
        assert.ok(!result.fields.some((d) => d.path === f.path), `${name}: ${f.path} still drifts after the edit: ${JSON.stringify(result.fields.find((d) => d.path === f.path))}`);
      }
      if (c.intent) {
        const segments = parseFieldPath(c.intent.path);
        assert.ok(segments);
        const desired = after.pairing.desiredOf(c.resource);
        assert.deepEqual(resolvePath(desired?.object, segments)?.value, c.intent.value, `${name}: Git does not say the intended value after the edit`);
      }
    } finally {
      rmSync(dirname(root), { recursive: true, force: true });
    }
  });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
