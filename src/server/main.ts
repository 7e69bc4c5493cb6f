// The language server process: real adapters in, stdio/IPC out. Everything else is in create-server.ts.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { RULES } from '../core/lint/rule-list.js';
import { createServer } from './create-server.js';
import { nodeWorkspaceSource } from './node-workspace-source.js';

const connection = createConnection(ProposedFeatures.all);
createServer(connection, { source: nodeWorkspaceSource, rules: RULES });
connection.listen();
