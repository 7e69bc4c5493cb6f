// The JSON Schema monaco-yaml gets from our schema data: one branch per kind in the text, named definitions
// shared (and recursion-safe), descriptions as text; rebuilt only when the kinds or the version change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createNodeSchemaRegistry } from '../../../src/adapters/schema/node-validator.js';
import type { JsonSchema } from '../../../src/core/schema/to-json-schema.js';
import { createKindsJsonSchema } from '../../../src/playground/kinds-json-schema.js';

const registry = createNodeSchemaRegistry();

function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const definitions = root.definitions as Record<string, JsonSchema>;
  return { ...resolve(root, definitions[ref.replace('#/definitions/', '')] as JsonSchema), ...(schema.description ? { description: schema.description } : {}) };
}

test('a Deployment and a CRD kind get a branch each; fields carry our types and descriptions', () => {
  const schemas = createKindsJsonSchema(registry);
  const schema = schemas.update('1.34', [{ apiVersion: 'apps/v1', kind: 'Deployment' }, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }]);
  assert.ok(schema);
  const branches = schema.allOf as { if: JsonSchema; then: JsonSchema }[];
  assert.deepEqual(branches.map((b) => (b.if.properties as Record<string, { const: string }>).kind?.const), ['Deployment', 'CustomResourceDefinition']);
  const deployment = resolve(schema, branches[0]?.then as JsonSchema);
  const spec = resolve(schema, (deployment.properties as Record<string, JsonSchema>).spec as JsonSchema);
  const replicas = (spec.properties as Record<string, JsonSchema>).replicas as JsonSchema;
  assert.equal(replicas.type, 'integer');
  assert.match(String(replicas.description), /Number of desired pods/);
  assert.ok((spec.required as string[]).includes('selector'));
  assert.ok((schema.properties as Record<string, { enum: string[] }>).kind?.enum.includes('HelmRelease'), 'kind completes bundled CRD kinds too');
  assert.ok(JSON.stringify(schema).length < 2_000_000, 'the recursive JSONSchemaProps definition is referenced, not expanded');
});

test('the schema is rebuilt only when the kinds or the Kubernetes version change', () => {
  const schemas = createKindsJsonSchema(registry);
  const kinds = [{ apiVersion: 'v1', kind: 'Secret' }];
  assert.ok(schemas.update('1.34', kinds));
  assert.equal(schemas.update('1.34', [...kinds]), undefined);
  assert.ok(schemas.update('1.30', kinds));
  assert.ok(schemas.update('1.30', []));
});
