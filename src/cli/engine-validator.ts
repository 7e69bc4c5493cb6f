import type { ResourceValidator } from '../core/lint/resource-validator.js';
import { createNodeValidator } from '../adapters/schema/node-validator.js';

/** The schema validator for the CLI (schema data read lazily from disk). */
export function createValidator(): ResourceValidator {
  return createNodeValidator();
}
