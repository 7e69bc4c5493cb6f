// A local HTTP server that speaks the GitHub and GitLab pull/merge request REST shapes, recording every request.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export type Reply = { readonly status: number; readonly json?: unknown };
export type Route = (req: RecordedRequest) => Reply | undefined;

export interface FakeForge {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Routes are tried in order; the first answer wins; none → 404. */
export async function startFakeForge(routes: readonly Route[]): Promise<FakeForge> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: text === '' ? undefined : JSON.parse(text) };
      requests.push(recorded);
      const reply = routes.reduce<Reply | undefined>((found, route) => found ?? route(recorded), undefined) ?? { status: 404, json: { message: 'Not Found' } };
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
