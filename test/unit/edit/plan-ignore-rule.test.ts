// Add Ignore Rule, as data: test/fixtures/ignore-rule/<case>/{case.yaml, before.yaml?, after.yaml?}. Each case
// plans the rule for one drifted field in one dialect, applies the edits to before.yaml (absent: the plan
// creates the file) and compares with after.yaml byte for byte; or expects a refusal. Closed loop: planning
// the same rule again on the result is refused as already ignored, and the rules read back ignore the field.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import type { FieldDrift, ResourceDrift } from '../../../src/core/drift/drift-types.js';
import { applyFileEdits } from '../../../src/core/writeback/apply-file-edits.js';
import type { PlanOutcome } from '../../../src/core/edit/edit-plan.js';
import { planIgnoreRule, type IgnoreRuleTarget } from '../../../src/core/edit/plan-ignore-rule.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { extractResources } from '../../../src/core/resource/manifest-resource.js';

const ROOT = 'test/fixtures/ignore-rule';

interface Case {
  readonly target: 'argocd-application' | 'flux-kustomization' | 'flux-helmrelease' | 'settings-argocd' | 'settings-flux';
  readonly file: string;
  readonly resource: ResourceDrift['key'];
  readonly field: Pick<FieldDrift, 'path' | 'pointer' | 'segments'>;
  readonly attribution?: { readonly manager: string; readonly subresource?: string };
  readonly byManager?: boolean;
  readonly refused?: string;
}

function targetOf(c: Case, text: string | undefined): IgnoreRuleTarget {
  if (c.target === 'settings-argocd' || c.target === 'settings-flux') return { kind: 'settings', path: c.file, text, dialect: c.target === 'settings-argocd' ? 'argocd' : 'flux' };
  const kind = { 'argocd-application': 'Application', 'flux-kustomization': 'Kustomization', 'flux-helmrelease': 'HelmRelease' }[c.target];
  const resource = extractResources(parseManifest(c.file, text ?? '')).find((r) => r.kind === kind);
  assert.ok(resource, `no ${kind} in before.yaml`);
  return { kind: c.target, resource };
}

function plan(c: Case, text: string | undefined): PlanOutcome {
  const field: FieldDrift = {
    ...c.field,
    change: 'changed',
    suggestedAction: 'ignore',
    actionReason: 'owned by a controller',
    ...(c.attribution ? { attribution: { operation: 'Update', ...c.attribution } } : {}),
  };
  const resource: ResourceDrift = { key: c.resource, id: c.resource.name, status: 'Drifted', fields: [field], strategy: 'normalized', ignoredFields: 0 };
  return planIgnoreRule({ resource, field, target: targetOf(c, text), ...(c.byManager ? { byManager: true } : {}) });
}

function apply(text: string, outcome: PlanOutcome, file: string): string {
  assert.equal(outcome.kind, 'plan', outcome.kind === 'refused' ? outcome.reason : outcome.kind);
  if (outcome.kind !== 'plan') return text;
  assert.deepEqual(outcome.plan.files.map((f) => f.path), [file]);
  const planned = outcome.plan.files[0];
  assert.ok(planned);
  const applied = applyFileEdits(planned, planned.create ? undefined : text);
  assert.ok('text' in applied, 'problem' in applied ? applied.problem : '');
  return applied.text;
}

describe('planIgnoreRule (test/fixtures/ignore-rule)', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(name, () => {
      const dir = join(ROOT, name);
      const c = parseYaml(readFileSync(join(dir, 'case.yaml'), 'utf8')) as Case;
      const before = existsSync(join(dir, 'before.yaml')) ? readFileSync(join(dir, 'before.yaml'), 'utf8') : undefined;
      const outcome = plan(c, before);
      if (c.refused) {
        assert.equal(outcome.kind, 'refused', JSON.stringify(outcome));
        assert.ok(outcome.kind === 'refused' && outcome.reason.includes(c.refused), outcome.kind === 'refused' ? outcome.reason : '');
        return;
      }
      if (before === undefined) assert.equal(outcome.kind === 'plan' && outcome.plan.files[0]?.create, true, 'the file is created');
      const after = apply(before ?? '', outcome, c.file);
      assert.equal(after, readFileSync(join(dir, 'after.yaml'), 'utf8'));
      assert.deepEqual(parseManifest(c.file, after).documents.flatMap((d) => d.problems), [], 'the result parses');
      assert.ok(outcome.kind === 'plan' && outcome.plan.summary[0]?.startsWith('ignore '), 'a summary line');
      const again = plan(c, after);
      assert.equal(again.kind, 'refused', 'planning the same rule again is refused');
      assert.match(again.kind === 'refused' ? again.reason : '', /already ignored by entry/);
    });
  }
});
