// A watch whose connection goes silent without closing (a vanished network, a host powered off) ends with an
// Unreachable error after its idle deadline, so the informer retries and drift says Unknown instead of a
// stale Synced. A server that keeps talking keeps the watch open.
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { KubeConfig } from '@kubernetes/client-node';
import { ClusterAccessError, ClusterStatus } from '../../../src/adapters/kube/cluster-status.js';
import { KubeClient } from '../../../src/adapters/kube/kube-client.js';

const EVENT = `${JSON.stringify({ type: 'ADDED', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', resourceVersion: '1' } } })}\n`;

describe('KubeClient.watch idle deadline', () => {
  let server: Server;
  let client: KubeClient;
  const open: ServerResponse[] = [];
  let chatty: ReturnType<typeof setInterval> | undefined;

  before(async () => {
    server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(EVENT);
      open.push(res);
      // /chatty keeps sending (bookmarks); every other watch goes silent and never closes.
      if (req.url?.startsWith('/chatty')) chatty = setInterval(() => res.write(`${JSON.stringify({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '2' } } })}\n`), 50);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'c', server: url }], users: [{ name: 'u' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    client = new KubeClient(kc, url);
  });

  after(async () => {
    if (chatty) clearInterval(chatty);
    for (const res of open) res.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a silent connection ends the watch with an Unreachable error', async () => {
    const events: string[] = [];
    const ended = await new Promise<Error | undefined>((resolve) => {
      void client.watch('/silent', {}, (e) => events.push(e.type), resolve, 300);
    });
    assert.deepEqual(events, ['ADDED']);
    assert.ok(ended instanceof ClusterAccessError, `ended with ${String(ended)}`);
    assert.equal(ended.status, ClusterStatus.Unreachable);
    assert.match(ended.message, /no data .* on an open watch/);
  });

  it('a server that keeps sending keeps the watch open past the deadline', async () => {
    const events: string[] = [];
    let endedWith: Error | undefined | 'open' = 'open';
    const handle = await client.watch('/chatty', {}, (e) => events.push(e.type), (error) => (endedWith = error), 300);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (events.filter((t) => t === 'BOOKMARK').length >= 15) {
          clearInterval(check);
          resolve();
        }
      }, 20);
    });
    assert.equal(endedWith, 'open', 'fifteen bookmarks at 50 ms span well past the 300 ms deadline');
    handle.abort();
  });
});
