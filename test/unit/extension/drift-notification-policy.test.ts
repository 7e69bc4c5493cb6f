import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  describeDriftNotification,
  DriftTransitionTracker,
  NotificationRateLimiter,
  OVERALL_INTERVAL_MS,
  PER_RESOURCE_INTERVAL_MS,
  type DriftResultsReader,
} from '../../../src/extension/drift-notification-policy.js';
import type { DriftStatus } from '../../../src/core/drift/drift-types.js';
import type { DriftResourceView } from '../../../src/protocol/drift-messages.js';

function aResource(name: string, status: DriftStatus, manager?: string): DriftResourceView {
  return {
    id: `apps/Deployment/shop/${name}`,
    key: { group: 'apps', kind: 'Deployment', namespace: 'shop', name },
    label: `Deployment.apps shop/${name}`,
    status,
    fields:
      status === 'Drifted'
        ? [{ path: '.spec.replicas', pointer: '/spec/replicas', change: 'changed', gitValue: 3, liveValue: 5, suggestedAction: 'commit', actionReason: 'a person', ...(manager ? { attribution: { manager, operation: 'Update', subresource: 'scale' } } : {}) }]
        : [],
    ignoredFields: 0,
  };
}

/** A store stand-in: one environment's resources by id. */
class Results implements DriftResultsReader {
  readonly byEnv = new Map<string, Map<string, DriftResourceView>>();
  put(env: string, ...resources: DriftResourceView[]): void {
    const map = this.byEnv.get(env) ?? new Map<string, DriftResourceView>();
    for (const r of resources) map.set(r.id, r);
    this.byEnv.set(env, map);
  }
  resources(env: string): readonly DriftResourceView[] {
    return [...(this.byEnv.get(env)?.values() ?? [])];
  }
  resource(env: string, id: string): DriftResourceView | undefined {
    return this.byEnv.get(env)?.get(id);
  }
}

describe('drift notifications: transitions', () => {
  it('the first sync tells nothing; a later change to Drifted does', () => {
    const store = new Results();
    const tracker = new DriftTransitionTracker();
    store.put('e', aResource('api', 'Drifted'), aResource('web', 'Synced'));
    assert.deepEqual(tracker.observe({ reset: ['e'], resources: [] }, store), []);
    store.put('e', aResource('web', 'Drifted'));
    const found = tracker.observe({ reset: [], resources: [{ environmentId: 'e', id: 'apps/Deployment/shop/web' }] }, store);
    assert.deepEqual(found.map((t) => t.resource.key.name), ['web']);
  });

  it('a resource that stays Drifted (a second field, or back from Unknown) is no news', () => {
    const store = new Results();
    const tracker = new DriftTransitionTracker();
    store.put('e', aResource('api', 'Drifted'));
    tracker.observe({ reset: ['e'], resources: [] }, store);
    const change = { reset: [], resources: [{ environmentId: 'e', id: 'apps/Deployment/shop/api' }] };
    assert.deepEqual(tracker.observe(change, store), []);
    store.put('e', aResource('api', 'Unknown'));
    assert.deepEqual(tracker.observe(change, store), []);
    store.put('e', aResource('api', 'Drifted'));
    assert.deepEqual(tracker.observe(change, store), []);
  });

  it('a later reset (reconnect, desired state rebuilt) reports what became Drifted meanwhile', () => {
    const store = new Results();
    const tracker = new DriftTransitionTracker();
    store.put('e', aResource('api', 'Synced'));
    tracker.observe({ reset: ['e'], resources: [] }, store);
    store.put('e', aResource('api', 'Drifted'));
    assert.equal(tracker.observe({ reset: ['e'], resources: [] }, store).length, 1);
  });

  it('after clear (server restarted) the next sync is a first sync again', () => {
    const store = new Results();
    const tracker = new DriftTransitionTracker();
    store.put('e', aResource('api', 'Synced'));
    tracker.observe({ reset: ['e'], resources: [] }, store);
    tracker.clear();
    store.put('e', aResource('api', 'Drifted'));
    assert.deepEqual(tracker.observe({ reset: ['e'], resources: [] }, store), []);
  });

  it('an environment listed before its first results still counts its first results as the initial sync', () => {
    const store = new Results();
    const tracker = new DriftTransitionTracker();
    tracker.observe({ reset: ['e'], resources: [] }, store); // environment listed, no results yet
    store.put('e', aResource('api', 'Drifted'));
    assert.deepEqual(tracker.observe({ reset: ['e'], resources: [] }, store), []);
  });
});

describe('drift notifications: rate limit', () => {
  it('allows one per resource every 5 minutes and one every 10 seconds overall', () => {
    const limiter = new NotificationRateLimiter();
    assert.equal(limiter.allow('a', 0), true);
    assert.equal(limiter.allow('b', OVERALL_INTERVAL_MS - 1), false, 'another resource, too soon overall');
    assert.equal(limiter.allow('b', OVERALL_INTERVAL_MS), true);
    assert.equal(limiter.allow('a', PER_RESOURCE_INTERVAL_MS - 1), false, 'the same resource within 5 minutes');
    assert.equal(limiter.allow('a', PER_RESOURCE_INTERVAL_MS), true);
  });
});

describe('drift notifications: words', () => {
  it('names the object and who changed it', () => {
    assert.equal(describeDriftNotification(aResource('api-server', 'Drifted', 'kubectl')), 'Deployment shop/api-server was modified outside GitOps by kubectl (scale)');
    assert.equal(describeDriftNotification(aResource('api-server', 'Drifted')), 'Deployment shop/api-server was modified outside GitOps');
  });
});
