// The language server process: real adapters in, stdio/IPC out. Everything else is in create-server.ts.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createDriftService } from '../adapters/drift/drift-service.js';
import { controlGitOpsUnit } from '../adapters/kube/gitops-unit-control.js';
import { gatherReadinessInput } from '../adapters/readiness/gather-readiness-input.js';
import { createNodeSchemaRegistry, createNodeValidator } from '../adapters/schema/node-validator.js';
import { RULES } from '../core/lint/rule-list.js';
import { createServer } from './create-server.js';
import { startLintWorker } from './lint-worker/start-lint-worker.js';
import { nodeWorkspaceSource } from './node-workspace-source.js';
import { createNodeWriteBackBackend } from './writeback/node-writeback-backend.js';
import { createRegistrySchemaProvider } from './registry-schema-provider.js';

// One registry (schema chunks load lazily per kind) serves validation, hover and completion.
const registry = createNodeSchemaRegistry();
const connection = createConnection(ProposedFeatures.all);
createServer(connection, {
  source: nodeWorkspaceSource,
  rules: RULES,
  validator: createNodeValidator(registry),
  schema: createRegistrySchemaProvider(registry),
  driftService: createDriftService,
  agentControl: controlGitOpsUnit,
  readinessInput: (root) => gatherReadinessInput(root),
  // Large open documents are parsed and linted in worker threads (dist/lint-worker.js beside this bundle).
  offThreadLint: { startWorker: () => startLintWorker(__dirname) },
  writeBack: createNodeWriteBackBackend(),
});
connection.listen();
