import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResourceValidator } from '../../core/lint/resource-validator.js';
import { createSchemaValidator } from '../../core/lint/schema-validator.js';
import { createSchemaRegistry, type SchemaRegistry } from '../../core/schema/schema-registry.js';
import { createFileSchemaSource } from './file-schema-source.js';

/**
 * Where the schema data lives: next to the bundle (`dist/schemas`, copied by the build) or, when running from
 * sources (tests, tsx), in `src/core/schema/data`.
 */
export function findSchemaDirectory(): string {
  const candidates = [join(__dirname, 'schemas'), join(__dirname, '..', 'schemas'), join(__dirname, '..', '..', 'core', 'schema', 'data'), join(process.cwd(), 'src', 'core', 'schema', 'data')];
  const found = candidates.find((dir) => existsSync(join(dir, 'index.json')));
  if (!found) throw new Error(`schema data not found (looked in ${candidates.join(', ')}); run npm run build`);
  return found;
}

export function createNodeSchemaRegistry(directory = findSchemaDirectory()): SchemaRegistry {
  return createSchemaRegistry(createFileSchemaSource(directory));
}

export function createNodeValidator(registry: SchemaRegistry = createNodeSchemaRegistry()): ResourceValidator {
  return createSchemaValidator(registry);
}
