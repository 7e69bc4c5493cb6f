import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileNode, type DefinitionResolver } from '../../../src/core/schema/compiled-schema.js';
import { validateNode } from '../../../src/core/schema/validate-node.js';
import { validateResource } from '../../../src/core/schema/validate-resource.js';
import { dataRegistry, fixtureObjects } from './schema-test-support.js';

const registry = dataRegistry();

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 4 || r < 0.3) {
    const pick = Math.floor(next() * 8);
    return [null, undefined, true, 0, -1.5, '', 'x'.repeat(Math.floor(next() * 20)), Number.NaN][pick];
  }
  if (r < 0.6) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
  const keys = ['apiVersion', 'kind', 'metadata', 'spec', 'containers', 'name', 'replicas', 'template', 'selector', 'data', 'bogus'];
  return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [keys[Math.floor(next() * keys.length)]!, randomValue(next, depth + 1)]));
}

test('never throws on garbage at the root', () => {
  const inputs: unknown[] = [null, undefined, 0, 'text', true, [], [{ apiVersion: 'v1', kind: 'Pod' }], Symbol('s'), () => 1, new Map(), Object.create(null)];
  for (const input of inputs) {
    const result = validateResource(registry, input);
    assert.ok(Array.isArray(result.findings));
  }
  assert.deepEqual(validateResource(registry, null).findings.map((f) => f.code), ['type']);
  assert.deepEqual(validateResource(registry, [1, 2]).findings.map((f) => f.code), ['type']);
});

test('never throws on type-swapped real manifests (fuzz over the valid fixtures)', () => {
  const next = random(42);
  const objects = [...fixtureObjects('valid/workloads.yaml'), ...fixtureObjects('valid/flux.yaml'), ...fixtureObjects('valid/argo-and-secrets.yaml')];
  let findings = 0;
  for (let round = 0; round < 300; round++) {
    const object = structuredClone(objects[round % objects.length]!) as Record<string, unknown>;
    // Replace a random subtree with random data.
    const walk = (value: unknown, depth: number): void => {
      if (!value || typeof value !== 'object') return;
      const keys = Object.keys(value);
      if (!keys.length) return;
      const key = keys[Math.floor(next() * keys.length)]!;
      if (depth > 0 && next() < 0.4) (value as Record<string, unknown>)[key] = randomValue(next, 0);
      else walk((value as Record<string, unknown>)[key], depth + 1);
    };
    walk(object, 0);
    findings += validateResource(registry, object, { kubernetesVersion: ['1.30', '1.33'][round % 2] }).findings.length;
    validateResource(registry, randomValue(next, 0));
  }
  assert.ok(findings > 0, 'mutations were noticed');
});

test('cyclic data ends in a bounded walk, not a hang or a stack overflow', () => {
  const crd = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x' }, spec: { group: 'g', names: { kind: 'K', plural: 'ks' }, scope: 'Namespaced', versions: [] as unknown[] } };
  const props: Record<string, unknown> = { type: 'object' };
  props.properties = { self: props }; // JSONSchemaProps is recursive in the schema, so the walk follows the cycle
  crd.spec.versions.push({ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: props } });
  const findings = validateResource(registry, crd).findings;
  assert.ok(findings.some((f) => f.code === 'limit'));
  const looped: Record<string, unknown> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
  looped.data = looped;
  assert.ok(validateResource(registry, looped).findings.length > 0);
});

test('huge strings and huge objects stay fast and bounded', () => {
  const big = 'A'.repeat(10_000_000);
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'big' }, data: { a: big, b: `${big}!` } };
  assert.deepEqual(validateResource(registry, secret).findings.map((f) => f.path.join('.')), ['data.b']);
  const many = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])) };
  const findings = validateResource(registry, many).findings;
  assert.equal(findings.length, 201);
  assert.equal(findings[200]!.code, 'limit');
  const long = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { [`x${'y'.repeat(100_000)}`]: 1 } };
  assert.equal(validateResource(registry, long).findings[0]!.code, 'unknown-field');
});

test('a throwing getter in the data is contained', () => {
  const hostile = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, get data(): unknown { throw new Error('boom'); } };
  const findings = validateResource(registry, hostile).findings;
  assert.equal(findings.at(-1)?.code, 'limit');
});

test('malformed schema nodes compile to "accept anything" instead of throwing', () => {
  const resolver: DefinitionResolver = { resolve: () => undefined };
  for (const json of [undefined, 'missing.Ref', { t: 'weird' }, { t: 'object', x: 1, p: null }, { t: 'string', pat: '(' }] as const) {
    const node = compileNode(json as never, resolver);
    assert.deepEqual(validateNode({ any: 'thing' }, node).filter((f) => f.code !== 'type'), []);
  }
});
