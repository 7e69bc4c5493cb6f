import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { dataRegistry, fixtureObjects } from './schema-test-support.js';

const FILES = ['valid/workloads.yaml', 'valid/networking-and-config.yaml', 'valid/flux.yaml', 'valid/argo-and-secrets.yaml', 'valid/kubectl-generated.yaml'];
const registry = dataRegistry();

for (const file of FILES) {
  test(`every object in ${file} is valid for Kubernetes 1.30 to 1.36`, () => {
    const objects = fixtureObjects(file);
    assert.ok(objects.length >= 4, 'fixture has objects');
    for (const version of ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36']) {
      for (const object of objects) {
        const result = validateResource(registry, object, { kubernetesVersion: version });
        const label = `${String(object.apiVersion)} ${String(object.kind)} ${JSON.stringify((object.metadata as { name?: string })?.name)} @${version}`;
        assert.deepEqual(result.findings, [], label);
        assert.equal(result.validated, true, label);
      }
    }
  });

  test(`a typo anywhere in ${file} is caught: metadata, top level and spec`, () => {
    for (const object of fixtureObjects(file)) {
      const broken = structuredClone(object) as Record<string, Record<string, unknown>>;
      broken.metadata = { ...broken.metadata, lables: { a: 'b' } };
      const topKey = Object.keys(object).find((k) => !['apiVersion', 'kind', 'metadata', 'status'].includes(k));
      if (topKey) broken[`${topKey}x`] = {};
      const spec = broken.spec;
      if (spec && typeof spec === 'object' && !Array.isArray(spec)) spec.bogusField = true;
      const findings = validateResource(registry, broken).findings;
      const label = `${String(object.apiVersion)} ${String(object.kind)}`;
      // A List's metadata is ListMeta, which has no labels: the typo is still an unknown field.
      const expected = object.kind === 'List' ? undefined : 'labels';
      assert.ok(
        findings.some((f) => f.code === 'unknown-field' && f.path.join('.') === 'metadata.lables' && f.suggestion === expected),
        `${label}: metadata typo found in ${JSON.stringify(findings)}`,
      );
      if (topKey) assert.ok(findings.some((f) => f.code === 'unknown-field' && f.path.join('.') === `${topKey}x` && f.suggestion === topKey), `${label}: top-level typo`);
      if (spec && typeof spec === 'object' && !Array.isArray(spec) && object.kind !== 'List') {
        assert.ok(findings.some((f) => f.code === 'unknown-field' && f.path.join('.') === 'spec.bogusField'), `${label}: spec typo`);
      }
    }
  });
}
