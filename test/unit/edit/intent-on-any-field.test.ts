// Edit Field via Git on scalars of every object in the fixture corpora (drift, lint, fuzz, the demo):
// the outcome is a plan whose edit, applied and parsed again, makes exactly that field read as the new value
// (and leaves the rest of the object as it was), or a refusal with a reason. Repositories we have not seen
// have anchors, flow style, block scalars, CRLF, JSON and lists: the planner must never write a wrong file.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { desiredFromManifests } from '../../../src/core/drift/desired-from-manifests.js';
import type { PathSegment } from '../../../src/core/drift/drift-types.js';
import { formatFieldPath } from '../../../src/core/drift/field-path.js';
import { resolvePath, segmentsOf } from '../../../src/core/drift/resolve-path.js';
import { planCodify } from '../../../src/core/edit/plan-codify.js';
import { planIntent } from '../../../src/core/edit/plan-intent.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { extractResources, isRecord } from '../../../src/core/resource/manifest-resource.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { applyEdits } from './writeback-fixture-case.js';

const CORPORA = ['test/fixtures/drift', 'test/fixtures/lint', 'test/fixtures/fuzz', 'test/fixtures/demo-repo'].map((d) => join(process.cwd(), d));

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? (name === 'live' ? [] : filesUnder(p)) : /\.(ya?ml|json)$/.test(name) ? [p] : [];
  });
}

/** Every object of the corpora (one index a file), Secrets left out. */
function* corpusObjects() {
  for (const corpus of CORPORA) {
    for (const path of filesUnder(corpus)) {
      const rel = relative(corpus, path).split('\\').join('/');
      const file = parseManifest(rel, readFileSync(path, 'utf8'));
      const index = buildWorkspaceIndex([file], { entryType: () => undefined });
      for (const desired of desiredFromManifests(index.resources, { defaultNamespace: 'default' })) if (desired.key.kind !== 'Secret') yield { rel, file, index, desired };
    }
  }
}

function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (isRecord(value)) return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return value === null || value === undefined ? [] : [at];
}

function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  return `${String(value)}-x`;
}

test('Edit Field via Git on scalars of every object of the fixture corpora: a correct edit or a reason', () => {
  let planned = 0;
  let refused = 0;
  for (const { rel, file, index, desired } of corpusObjects()) {
    const all = leaves(desired.object);
    // At most 12 fields an object, spread over it, to keep the test quick on large fixtures.
    for (const leaf of all.filter((_, i) => i % Math.ceil(all.length / 12) === 0)) {
      if (['apiVersion', 'kind'].includes(String(leaf[0])) || (leaf[0] === 'metadata' && ['name', 'namespace'].includes(String(leaf[1])))) continue;
      const segments: PathSegment[] = segmentsOf(desired.key.group, desired.key.kind, desired.object, leaf);
      // A path by merge key that two items share names neither of them: skip, as drift would never report it.
      if (formatFieldPath(segments) !== formatFieldPath(segmentsOf(desired.key.group, desired.key.kind, desired.object, resolvePath(desired.object, segments)?.path ?? []))) continue;
      // Changing an item's merge key renames the item: its path by key then names nothing (a new item).
      const item = segments[segments.length - 2];
      if (item !== undefined && typeof item !== 'string' && item.key && String(segments[segments.length - 1]) in item.key) continue;
      const from = resolvePath(desired.object, segments)?.value;
      const to = changed(from);
      const outcome = planIntent({ index, desired, path: formatFieldPath(segments), value: to, intent: 'edit-field' });
      const where = `${rel} ${desired.key.kind}/${desired.key.name} ${formatFieldPath(segments)}`;
      if (outcome.kind === 'refused') {
        assert.ok(outcome.reason.length > 10, `${where}: empty refusal`);
        refused++;
        continue;
      }
      assert.equal(outcome.kind, 'plan', `${where}: ${JSON.stringify(outcome)}`);
      if (outcome.kind !== 'plan') continue;
      assert.equal(outcome.plan.files.length, 1, where);
      const after = parseManifest(rel, applyEdits(file.text, outcome.plan.files[0]?.edits ?? []));
      const again = extractResources(after).find((r) => r.kind === desired.key.kind && r.name === desired.key.name);
      assert.ok(again, `${where}: the object is gone after the edit`);
      assert.deepEqual(resolvePath(again.object, segments)?.value, to, `${where}: reads back as something else`);
      const expected = structuredClone(desired.object) as Record<string, unknown>;
      let holder: unknown = expected;
      for (const p of leaf.slice(0, -1)) holder = (holder as Record<string | number, unknown>)[p];
      (holder as Record<string | number, unknown>)[leaf[leaf.length - 1] as string | number] = to;
      assert.deepEqual(again.object, expected, `${where}: other fields changed`);
      planned++;
    }
  }
  console.log(`Edit Field via Git on the corpora: ${planned} planned and read back, ${refused} refused with a reason`);
  assert.ok(planned > 300);
});

function mappings(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => mappings(v, [...at, i]));
  if (isRecord(value)) return [at, ...Object.entries(value).flatMap(([k, v]) => mappings(v, [...at, k]))];
  return [];
}

test('a new field under, and the removal of a field from, every mapping of the corpora: exact, or a reason', () => {
  let planned = 0;
  let refused = 0;
  for (const { rel, file, index, desired } of corpusObjects()) {
    const all = mappings(desired.object).filter((m) => !(m.length === 1 && m[0] === 'metadata') && m.length > 0);
    for (const at of all.filter((_, i) => i % Math.ceil(all.length / 6) === 0)) {
      const holder = resolvePath(desired.object, segmentsOf(desired.key.group, desired.key.kind, desired.object, at))?.value;
      if (!isRecord(holder)) continue;
      const keys = Object.keys(holder);
      for (const [change, key, value] of [['removed-from-git', 'zz-added', 'on'], ['missing-live', keys[keys.length - 1] as string, undefined]] as const) {
        const leaf = [...at, key];
        const segments = segmentsOf(desired.key.group, desired.key.kind, desired.object, leaf);
        const drift = {
          key: desired.key, id: desired.key.name, status: 'Drifted' as const, strategy: 'normalized' as const, ignoredFields: 0,
          fields: [{ path: formatFieldPath(segments), pointer: '', segments, change, ...(value === undefined ? { gitValue: holder[key] } : { liveValue: value }), suggestedAction: 'commit' as const, actionReason: 'test' }],
        };
        const outcome = planCodify({ index, desired, drift });
        const where = `${rel} ${desired.key.kind}/${desired.key.name} ${change} ${formatFieldPath(segments)}`;
        if (outcome.kind !== 'plan') {
          assert.equal(outcome.kind, 'refused', where);
          refused++;
          continue;
        }
        const after = parseManifest(rel, applyEdits(file.text, outcome.plan.files[0]?.edits ?? []));
        assert.deepEqual(after.documents.flatMap((d) => d.problems.map((p) => p.message)), [], `${where}: does not parse`);
        const again = extractResources(after).find((r) => r.kind === desired.key.kind && r.name === desired.key.name);
        assert.ok(again, `${where}: the object is gone`);
        const expected = structuredClone(desired.object) as Record<string, unknown>;
        const target = resolvePath(expected, segmentsOf(desired.key.group, desired.key.kind, desired.object, at))?.value as Record<string, unknown>;
        if (value === undefined) delete target[key];
        else target[key] = value;
        assert.deepEqual(again.object, expected, `${where}: the object is not exactly the expected one`);
        planned++;
      }
    }
  }
  console.log(`new and removed fields on the corpora: ${planned} planned and read back, ${refused} refused with a reason`);
  assert.ok(planned > 100);
});
