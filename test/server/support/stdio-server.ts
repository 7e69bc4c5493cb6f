// A language server as a process over stdio, the way the extension starts it, initialized on one folder.
import { spawn } from 'node:child_process';
import {
  createProtocolConnection,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export interface StdioServer {
  readonly connection: ProtocolConnection;
  /** Shuts the server down (shutdown, exit) and resolves with its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `node ARGS --stdio`; `listen` registers the test's handlers before the connection listens. Resolves
 * once `initialize` is answered and `initialized` sent.
 */
export async function startStdioServer(args: readonly string[], rootUri: string, listen: (connection: ProtocolConnection) => void, env: NodeJS.ProcessEnv = process.env): Promise<StdioServer> {
  const child = spawn(process.execPath, [...args, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  listen(connection);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri, capabilities: {} });
  await connection.sendNotification(InitializedNotification.type, {});
  return {
    connection,
    async stop() {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}
