import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fieldNameOf, folderNameOf, formatAfterText, formatCodeLensTitle, formatFieldChange, formatManager, formatRelativeTime, formatResourceDescription, formatValue,
} from '../../../src/extension/drift/drift-format.js';
import { aField, aResource } from './drift-view-builders.js';

const NOW = Date.parse('2026-12-04T12:04:10Z');

describe('drift short forms', () => {
  it('names a field by its last path segment', () => {
    assert.equal(fieldNameOf('.spec.replicas'), 'replicas');
    assert.equal(fieldNameOf('.spec.template.spec.containers[name="app"].image'), 'image');
    assert.equal(fieldNameOf('.spec.template.spec.containers[name="app"]'), 'containers[name="app"]');
    assert.equal(fieldNameOf('.data["app.properties"]'), 'app.properties');
    assert.equal(fieldNameOf('.spec.args[2]'), 'args[2]');
    assert.equal(fieldNameOf('.'), '.');
  });

  it('shows values unquoted, one line, cut at 40 characters, absent as (none)', () => {
    assert.equal(formatValue(5), '5');
    assert.equal(formatValue('api:1.2'), 'api:1.2');
    assert.equal(formatValue(undefined), '(none)');
    assert.equal(formatValue({ a: 1 }), '{"a":1}');
    assert.equal(formatValue('line1\nline2'), 'line1↵line2');
    const long = formatValue('x'.repeat(100));
    assert.equal(long.length, 40);
    assert.ok(long.endsWith('…'));
    assert.equal(formatValue('y'.repeat(40)), 'y'.repeat(40));
  });

  it('names the manager with its subresource', () => {
    assert.equal(formatManager({ manager: 'kubectl', operation: 'Update', subresource: 'scale' }), 'kubectl (scale)');
    assert.equal(formatManager({ manager: 'kubectl-set', operation: 'Update' }), 'kubectl-set');
  });

  it('says how long ago, from an injected now', () => {
    const at = (ms: number) => new Date(NOW - ms).toISOString();
    assert.equal(formatRelativeTime(at(2_000), NOW), 'just now');
    assert.equal(formatRelativeTime(at(-30_000), NOW), 'just now', 'a clock ahead of ours');
    assert.equal(formatRelativeTime(at(42_000), NOW), '42 s ago');
    assert.equal(formatRelativeTime(at(4 * 60_000 + 10_000), NOW), '4 min ago');
    assert.equal(formatRelativeTime(at(3 * 3_600_000), NOW), '3 h ago');
    assert.equal(formatRelativeTime(at(2 * 86_400_000), NOW), '2 d ago');
    assert.equal(formatRelativeTime('yesterday', NOW), undefined);
  });

  it('describes a field change, a resource and a decoration', () => {
    const replicas = aField('.spec.replicas', 3, 5); // changed at 12:00:00, now 12:04:10
    assert.equal(formatFieldChange(replicas, NOW), '3 → 5 · kubectl (scale) · 4 min ago');
    assert.equal(formatFieldChange(aField('.spec.paused', true, undefined, { attribution: undefined, change: 'missing-live' }), NOW), 'true → (none)');
    const image = aField('.spec.template.spec.containers[name="app"].image', 'api:1', 'api:2');
    const drifted = aResource('Deployment', 'shop', 'api', { fields: [replicas, image] });
    assert.equal(formatResourceDescription(drifted, NOW), 'replicas 3 → 5 · kubectl (scale) · 4 min ago (+1 more)');
    assert.equal(formatResourceDescription(aResource('Deployment', 'shop', 'api', { fields: [replicas] }), NOW), 'replicas 3 → 5 · kubectl (scale) · 4 min ago');
    assert.equal(formatResourceDescription(aResource('Service', 'shop', 'api', { status: 'Missing', reason: 'not in the cluster' }), NOW), 'Missing · not in the cluster');
    assert.equal(formatResourceDescription(aResource('Service', 'shop', 'api'), NOW), 'Synced');
    assert.equal(formatAfterText(drifted, replicas, NOW), ' → 5 · kubectl (scale) · 4 min ago');
    assert.equal(formatAfterText(aResource('Service', 'shop', 'api', { status: 'Missing' }), undefined, NOW), ' Missing in cluster');
    assert.equal(formatAfterText(aResource('Service', 'shop', 'api', { status: 'Unknown', reason: `forbidden:\n${'x'.repeat(80)}` }), undefined, NOW).length, ' Unknown: '.length + 60, 'a long reason is cut');
    assert.equal(formatCodeLensTitle(drifted, replicas), 'Drift: replicas 3 → 5 (kubectl scale)');
  });

  it('says what a person added live and which default a person changed', () => {
    const who = { manager: 'kubectl-set', operation: 'Update', time: '2026-12-04T12:00:00Z' };
    const env = aField('.spec.template.spec.containers[name="server"].env[name="DEBUG"]', undefined, { name: 'DEBUG', value: '1' }, { change: 'added-live', attribution: who });
    assert.equal(formatFieldChange(env, NOW), 'added live: DEBUG=1 · kubectl-set · 4 min ago');
    const sidecar = aField('.spec.template.spec.containers[name="debug"]', undefined, { name: 'debug', image: 'busybox:1.36' }, { change: 'added-live', attribution: { ...who, manager: 'kubectl-patch' } });
    assert.equal(formatFieldChange(sidecar, NOW), 'added live: debug (busybox:1.36) · kubectl-patch · 4 min ago');
    const affinity = aField('.spec.sessionAffinity', undefined, 'ClientIP', { change: 'changed-default', gitDefault: 'None', attribution: { ...who, manager: 'kubectl-patch' } });
    assert.equal(formatFieldChange(affinity, NOW), '(default: None) → ClientIP · kubectl-patch · 4 min ago');
    const resource = aResource('Service', 'shop', 'frontend', { fields: [affinity] });
    assert.equal(formatAfterText(resource, env, NOW), ' added live: DEBUG=1 · kubectl-set · 4 min ago');
    assert.equal(formatAfterText(resource, affinity, NOW), ' → ClientIP · kubectl-patch · 4 min ago');
    assert.equal(formatCodeLensTitle(resource, affinity), 'Drift: sessionAffinity (default: None) → ClientIP (kubectl-patch)');
  });

  it('names a folder by its last segment', () => {
    assert.equal(folderNameOf('file:///home/me/my%20repo'), 'my repo');
    assert.equal(folderNameOf('file:///home/me/repo/'), 'repo');
  });
});
