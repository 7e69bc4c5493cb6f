// The language server process: real adapters in, stdio/IPC out. Everything else is in create-server.ts.
// Start-up loads only what the first diagnostics need: the cluster side (drift service and agent control over
// @kubernetes/client-node), write-back (simple-git) and readiness are imported on first use (`import()`, a
// separate chunk of the bundle, see docs/adr/0002-lazy-loading-at-start-up.md).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
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
  driftService: async (options) => (await import('../adapters/drift/drift-service.js')).createDriftService(options),
  agentControl: async (request) => (await import('../adapters/kube/gitops-unit-control.js')).controlGitOpsUnit(request),
  readinessInput: async (root) => (await import('../adapters/readiness/gather-readiness-input.js')).gatherReadinessInput(root),
  // Large open documents are parsed and linted in worker threads (dist/lint-worker.js beside this bundle).
  offThreadLint: { startWorker: () => startLintWorker(__dirname) },
  writeBack: createNodeWriteBackBackend(),
});
connection.listen();
