// The lint worker: src/core bundled for the browser. Requests are answered in order; the page sends a new
// one only when the previous answer arrived, so a burst of keystrokes costs one lint of the latest text.
import { createSchemaValidator } from '../core/lint/schema-validator.js';
import { createSchemaRegistry } from '../core/schema/schema-registry.js';
import { createHttpSchemaSource } from './http-schema-source.js';
import type { LintRequest, LintResponse } from './lint-protocol.js';
import { createTextLinter } from './lint-text.js';

const registry = createSchemaRegistry(createHttpSchemaSource(new URL('schemas/', self.location.href).href));
const linter = createTextLinter(createSchemaValidator(registry));

self.onmessage = (event: MessageEvent<LintRequest>) => {
  const response: LintResponse = linter.lint(event.data);
  self.postMessage(response);
};
