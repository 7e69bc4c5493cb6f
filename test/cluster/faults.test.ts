// Fault injection on the handle start() returns: latency, 500 and 429 answers for a share of requests,
// dropped watches, restarts that keep or lose state, and a server that goes away.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { startTestCluster, type TestCluster } from './harness.js';
import { apiClient, readWatch } from './http-client.js';

const CM = '/api/v1/namespaces/default/configmaps';

describe('fault injection', () => {
  let c: TestCluster;
  let api: ReturnType<typeof apiClient>;
  before(async () => {
    c = await startTestCluster();
    api = apiClient(c.handle);
  });
  after(() => c.stop());

  it('answers a share of requests with 429 and Retry-After', async () => {
    c.handle.faults.set({ errorRate: 0.5, errorCode: 429, retryAfterSeconds: 2 });
    const codes = [];
    let limited: Awaited<ReturnType<typeof api>> | undefined;
    for (let i = 0; i < 4; i++) {
      const r = await api('GET', CM);
      codes.push(r.status);
      if (r.status === 429) limited = r;
    }
    c.handle.faults.reset();
    assert.deepEqual(codes, [200, 429, 200, 429]);
    assert.equal(limited?.headers.get('retry-after'), '2');
    assert.equal(limited?.body.reason, 'TooManyRequests');
    assert.deepEqual((limited?.body.details as JsonObject).retryAfterSeconds, 2);
  });

  it('answers 500 InternalError to every matching request, and kubectl reports it', async () => {
    c.handle.faults.set({ errorRate: 1, errorCode: 500, pathFilter: /\/configmaps/ });
    const r = await c.kubectl(['get', 'configmaps']);
    c.handle.faults.reset();
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Internal error occurred: injected fault|InternalError|an error on the server/);
    assert.equal((await api('GET', CM)).status, 200);
  });

  it('adds latency: a client with a shorter timeout gives up', async () => {
    c.handle.faults.set({ latencyMs: 1500, pathFilter: /\/configmaps/ });
    const r = await c.kubectl(['get', 'configmaps', '--request-timeout=200ms']);
    c.handle.faults.reset();
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /timeout|deadline|Timeout/i);
  });

  it('drops every open watch', async () => {
    let dropped = 0;
    const watching = readWatch(c.handle, `${CM}?watch=true&resourceVersion=${c.handle.resourceVersion()}`, () => false, 5000);
    await new Promise<void>((resolve) => {
      const poll = () => {
        dropped = c.handle.faults.dropWatches();
        if (dropped > 0) resolve();
        else setTimeout(poll, 20);
      };
      poll();
    });
    const events = await watching;
    assert.equal(dropped, 1);
    assert.deepEqual(events, [], 'the stream ended without events');
  });

  it('restarts keeping state, then losing it, on the same URL', async () => {
    await api('POST', CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'survivor' } });
    await c.handle.faults.restart({ keepState: true });
    // The restart cut the client's kept-alive connection, as a real restart does: clients retry.
    await assert.rejects(api('GET', `${CM}/survivor`), /fetch failed/);
    assert.equal((await api('GET', `${CM}/survivor`)).status, 200);
    await c.run('get', 'configmap', 'survivor');
    await c.handle.faults.restart({ keepState: false });
    await assert.rejects(api('GET', `${CM}/survivor`), /fetch failed/);
    assert.equal((await api('GET', `${CM}/survivor`)).status, 404);
    assert.equal((await api('GET', '/api/v1/namespaces/default')).status, 200, 'a fresh server has its system namespaces');
  });

  it('goes away: connections are refused', async () => {
    await c.handle.faults.goAway();
    await assert.rejects(api('GET', CM), /fetch failed/);
    await assert.rejects(api('GET', CM), (e: Error & { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED');
    const r = await c.kubectl(['get', 'configmaps', '--request-timeout=2s']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /connection to the server .* was refused/);
  });
});
