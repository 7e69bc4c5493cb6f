// Shared helpers of the schema tests: a registry over the committed data, and fixture documents.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createFileSchemaSource } from '../../../src/adapters/schema/file-schema-source.js';
import { createSchemaRegistry, type SchemaRegistry } from '../../../src/core/schema/schema-registry.js';

export const DATA_DIR = join(__dirname, '../../../src/core/schema/data');
export const FIXTURES = join(__dirname, '../../fixtures/schema');

export function dataRegistry(): SchemaRegistry {
  return createSchemaRegistry(createFileSchemaSource(DATA_DIR));
}

/** The Kubernetes objects of a fixture file, in order. */
export function fixtureObjects(relativePath: string): Record<string, unknown>[] {
  return parseAllDocuments(readFileSync(join(FIXTURES, relativePath), 'utf8')).flatMap((doc) => {
    if (!('toJS' in doc)) return [];
    const value: unknown = doc.toJS();
    return value && typeof value === 'object' && !Array.isArray(value) ? [value as Record<string, unknown>] : [];
  });
}

export function parseYaml(text: string): Record<string, unknown> {
  const [doc] = parseAllDocuments(text);
  return (doc && 'toJS' in doc ? doc.toJS() : {}) as Record<string, unknown>;
}
