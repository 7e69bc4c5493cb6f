// One environment's drift against a fake service, driven by hand: the paths where a late event, a rebuild that
// failed or a second start could leave something running or show something stale.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DriftStatus } from '../../src/core/drift/drift-types.js';
import type { WorkspaceIndex } from '../../src/core/workspace/workspace-index.js';
import type { DriftDeltaParams } from '../../src/protocol/drift-messages.js';
import { EnvironmentDrift } from '../../src/server/drift/environment-drift.js';
import { aResult, FakeDriftFactory, type FakeDriftService } from './support/fake-drift-service.js';

const KEY = { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'api' };
const turns = async (n = 3) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

function anEnvironment(factory: FakeDriftFactory) {
  const deltas: DriftDeltaParams[] = [];
  const env = new EnvironmentDrift({
    folderUri: 'file:///repo', root: '/repo', env: undefined, factory: factory.create,
    index: () => ({}) as WorkspaceIndex, uriOf: (p) => `file:///repo/${p}`,
    sendDelta: (d) => deltas.push(d), changed: () => undefined, log: () => undefined, retryBaseMs: 10,
  });
  return { env, deltas };
}

describe('EnvironmentDrift', () => {
  it('once disposed, a rebuild queued behind a running one starts nothing and sends nothing', async () => {
    const factory = new FakeDriftFactory(() => [aResult(KEY)]);
    const { env, deltas } = anEnvironment(factory);
    env.watch({});
    await turns();
    const first = factory.services[0] as FakeDriftService;
    let release: () => void = () => undefined;
    first.setDesired = () => new Promise<void>((resolve) => (release = resolve));
    env.desiredChanged(); // under way
    env.desiredChanged(); // queued behind it
    env.dispose();
    const sent = deltas.length;
    release();
    await turns(5);
    assert.equal(factory.services.length, 1, 'no second service');
    assert.equal(first.stopped, true);
    assert.equal(deltas.length, sent, 'nothing sent after dispose');
  });

  it('while the desired state cannot be built, cluster events show Unknown, and the next good build shows results again', async () => {
    const factory = new FakeDriftFactory(() => [aResult(KEY)]);
    const { env, deltas } = anEnvironment(factory);
    env.watch({});
    await turns();
    const service = factory.services[0] as FakeDriftService;
    service.desiredError = new Error('kustomize: accumulating resources failed');
    env.desiredChanged();
    await turns();
    assert.equal(env.view().state, 'Error');
    service.emitChanged([aResult(KEY, DriftStatus.Synced)]);
    await turns(1);
    const lastUpsert = () => deltas.flatMap((d) => d.upserted).at(-1);
    assert.equal(lastUpsert()?.status, DriftStatus.Unknown, 'never Synced against a desired state that no longer is the repository');
    assert.match(lastUpsert()?.reason ?? '', /desired state could not be built/);
    service.desiredError = undefined;
    env.desiredChanged();
    await turns();
    assert.equal(env.view().state, 'Connected');
    assert.notEqual(lastUpsert()?.status, DriftStatus.Unknown);
  });

  it('watching again with the same target sends the whole set again (a client that forgot it)', async () => {
    const factory = new FakeDriftFactory(() => [aResult(KEY)]);
    const { env, deltas } = anEnvironment(factory);
    env.watch({});
    await turns();
    const before = deltas.length;
    env.watch({});
    await turns(1);
    const again = deltas.slice(before).find((d) => d.reset);
    assert.ok(again, 'a reset was sent');
    assert.equal(again.upserted.length, 1);
    assert.equal(factory.services.length, 1, 'without starting another service');
  });

  it('another context drops the previous context\'s results at once, before the new one answers', async () => {
    const factory = new FakeDriftFactory(() => [aResult(KEY)]);
    const { env, deltas } = anEnvironment(factory);
    env.watch({ context: 'prod' });
    await turns();
    factory.failWith = new Error('hangs'); // the new context does not answer (yet)
    env.watch({ context: 'staging' });
    await turns(1);
    const reset = deltas.filter((d) => d.reset).at(-1);
    assert.deepEqual(reset?.upserted, [], 'the tree no longer shows prod\'s resources as staging\'s');
    env.dispose();
  });
});
