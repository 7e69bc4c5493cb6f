// The lint worker: src/core bundled for the browser. Requests are answered in order; the page sends a new
// one only when the previous answer arrived, so a burst of keystrokes costs one lint of the latest text.
import { createSchemaValidator } from '../core/lint/schema-validator.js';
import { createSchemaRegistry } from '../core/schema/schema-registry.js';
import { createHttpSchemaSource } from './http-schema-source.js';
import { createKindsJsonSchema } from './kinds-json-schema.js';
import type { LintRequest, LintResponse, SchemaResponse } from './lint-protocol.js';
import { createTextLinter } from './lint-text.js';

const registry = createSchemaRegistry(createHttpSchemaSource(new URL('schemas/', self.location.href).href));
const linter = createTextLinter(createSchemaValidator(registry));
const kindsJsonSchema = createKindsJsonSchema(registry);

self.onmessage = (event: MessageEvent<LintRequest>) => {
  const response: LintResponse = linter.lint(event.data);
  self.postMessage(response);
  // After the markers: the editor's completion and hover schema, when the kinds in the text changed.
  const jsonSchema = kindsJsonSchema.update(event.data.kubernetesVersion, response.kinds);
  if (jsonSchema) self.postMessage({ type: 'schema', jsonSchema } satisfies SchemaResponse);
};
