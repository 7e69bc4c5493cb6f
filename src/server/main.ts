// The language server process: real adapters in, stdio/IPC out. Everything else is in create-server.ts.
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createFileSchemaSource } from '../adapters/schema/file-schema-source.js';
import { RULES } from '../core/lint/rule-list.js';
import { createSchemaRegistry } from '../core/schema/schema-registry.js';
import { createServer } from './create-server.js';
import { nodeWorkspaceSource } from './node-workspace-source.js';
import { createRegistrySchemaProvider } from './registry-schema-provider.js';

// scripts/build.mjs copies the schema data next to the bundle (dist/schemas); chunks load lazily per kind.
const registry = createSchemaRegistry(createFileSchemaSource(join(__dirname, 'schemas')));
const connection = createConnection(ProposedFeatures.all);
createServer(connection, { source: nodeWorkspaceSource, rules: RULES, schema: createRegistrySchemaProvider(registry) });
connection.listen();
