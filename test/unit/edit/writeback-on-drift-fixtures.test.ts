// The planner on repositories it was not written for: every drifted resource of every drift fixture
// (test/fixtures/drift) is planned; the outcome is a plan whose edits apply to the file texts and parse
// without problems, or a question or refusal with a reason: never a throw, never an empty answer.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { computeDrift } from '../../../src/core/drift/compute-drift.js';
import { desiredFromManifests } from '../../../src/core/drift/desired-from-manifests.js';
import { planCodify } from '../../../src/core/edit/plan-codify.js';
import { detectEnvironments } from '../../../src/core/environments/detect-environments.js';
import { namespaceRulesFor } from '../../../src/core/environments/namespace-rules.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { FIXTURES, readCaseSettings, readLive } from '../drift/drift-fixture-case.js';
import { applyEdits } from './writeback-fixture-case.js';

test('every drifted resource of the drift fixtures gets a plan that applies cleanly, or a reason', () => {
  let plans = 0;
  let drifted = 0;
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, name);
    const settings = readCaseSettings(dir);
    const { index } = loadWorkspace(join(dir, 'git'));
    const env = settings.environment ? detectEnvironments(index.resources).find((e) => e.name === settings.environment) : undefined;
    const inEnv = index.resources.filter((r) => !env || env.path === '' || r.file.path.startsWith(`${env.path}/`));
    const desired = desiredFromManifests(inEnv, namespaceRulesFor(env, settings.defaultNamespace));
    for (const result of computeDrift({ desired, live: readLive(dir) }).filter((r) => r.status === 'Drifted')) {
      drifted++;
      const d = desired.find((x) => x.key.kind === result.key.kind && x.key.name === result.key.name && x.key.namespace === result.key.namespace);
      assert.ok(d, `${name}: ${result.id}`);
      const outcome = planCodify({ index, desired: d, drift: result, ...(env ? { environment: env } : {}), context: 'ctx' });
      if (outcome.kind === 'refused') assert.ok(outcome.reason.length > 10, `${name}: ${result.id}: empty refusal`);
      if (outcome.kind === 'choose-layer') assert.ok(outcome.sharedWith.length > 0);
      if (outcome.kind !== 'plan') continue;
      plans++;
      assert.match(outcome.plan.commitMessage, /^Codify live change: /);
      for (const file of outcome.plan.files) {
        const before = file.create ? '' : index.files.get(file.path)?.text;
        assert.ok(before !== undefined, `${name}: ${file.path} is not in the repository`);
        const after = parseManifest(file.path, applyEdits(before, file.edits));
        assert.deepEqual(after.documents.flatMap((doc) => doc.problems.map((p) => p.message)), [], `${name}: ${file.path} does not parse after the edit`);
      }
    }
  }
  console.log(`planned ${plans} of ${drifted} drifted resources across the drift fixtures`);
  assert.ok(plans > 0);
});
