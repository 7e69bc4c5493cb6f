import type { ResourceValidator } from '../core/lint/resource-validator.js';

/** The schema validator for the CLI; undefined until the schema layer is wired in. */
export function createValidator(): ResourceValidator | undefined {
  return undefined;
}
