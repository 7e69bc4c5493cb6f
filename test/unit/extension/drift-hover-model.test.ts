import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeDriftHover, DRIFT_HOVER_COMMANDS, findingsOnLine } from '../../../src/extension/drift/drift-hover-model.js';
import type { DriftLineFinding } from '../../../src/extension/drift/drift-store.js';
import { aField, aResource } from './drift-view-builders.js';

const NOW = Date.parse('2026-12-04T12:04:10Z');
const ENV = 'file:///repo#prod';
const options = { now: NOW, environmentName: () => 'prod', environmentContext: () => 'kind-prod' };

describe('drift hover model', () => {
  it('tells Git and live values, who changed it and when, what to do, with command links', () => {
    const field = aField('.spec.replicas', 3, 5);
    const resource = aResource('Deployment', 'shop', 'api-server', { fields: [field] });
    const hover = computeDriftHover([{ environmentId: ENV, resource, field, line: 7 }], options);
    assert.ok(hover);
    const lines = hover.markdown.split('  \n');
    assert.equal(lines[0], '**Drift** — Deployment.apps shop/api-server');
    assert.equal(lines[1], 'Environment: prod (context kind-prod)');
    assert.equal(lines[2], 'Field: `.spec.replicas`');
    assert.equal(lines[3], 'Git: `3`');
    assert.equal(lines[4], 'Live: `5`');
    assert.equal(lines[5], 'Changed by kubectl (scale), Update, 2026-12-04T12:00:00Z (4 min ago)');
    assert.equal(lines[6], 'Suggested: commit the live value to Git — changed live by kubectl (scale), a person');
    const args = encodeURIComponent(JSON.stringify([{ environmentId: ENV, resourceId: 'apps/Deployment/shop/api-server', pointer: '/spec/replicas' }]));
    assert.equal(lines[7], `[Show diff](command:gitopsAuthoring.drift.showDiff?${args}) · [Copy resource key](command:gitopsAuthoring.drift.copyResourceKey?${args}) · [Commit to Git](command:gitopsAuthoring.writeBack.commitLiveChange?${args})`);
    assert.ok(hover.commands.every((c) => DRIFT_HOVER_COMMANDS.includes(c)));
    assert.deepEqual(JSON.parse(decodeURIComponent(args)), [{ environmentId: ENV, resourceId: 'apps/Deployment/shop/api-server', pointer: '/spec/replicas' }]);
  });

  it('says (none) for an absent side, keeps backticks and Markdown in values inert', () => {
    const field = aField('.data.script', 'echo `date` *now*', undefined, { change: 'missing-live', attribution: undefined });
    const resource = aResource('ConfigMap', 'shop', 'x_y', { fields: [field] });
    const hover = computeDriftHover([{ environmentId: ENV, resource, field, line: 2 }], options);
    assert.ok(hover);
    assert.ok(hover.markdown.includes('Git: ``echo `date` *now*``'), 'a code span longer than the backticks inside');
    assert.match(hover.markdown, /Live: `\(none\)`/);
    assert.match(hover.markdown, /\*\*Drift\*\* — ConfigMap shop\/x\\_y/);
    assert.match(hover.markdown, /Changed by: unknown/);
  });

  it('tells a changed default and an addition apart from a Git value, and lists live-only metadata on the resource', () => {
    const affinity = aField('.spec.sessionAffinity', undefined, 'ClientIP', { change: 'changed-default', gitDefault: 'None' });
    const env = aField('.spec.template.spec.containers[name="server"].env[name="DEBUG"]', undefined, { name: 'DEBUG', value: '1' }, { change: 'added-live' });
    const label = aField('.metadata.labels.owner', undefined, 'alice', { change: 'added-live', attribution: { manager: 'kubectl-label', operation: 'Update' } });
    const resource = { ...aResource('Service', 'shop', 'frontend', { fields: [affinity, env] }), liveOnlyMetadata: [label] };
    const lines = (f: typeof affinity) => computeDriftHover([{ environmentId: ENV, resource, field: f, line: 3 }], options)?.markdown.split('  \n') ?? [];
    assert.equal(lines(affinity)[3], 'Git: not set (server default `None`)');
    assert.equal(lines(env)[3], 'Git: not declared (added live)');
    const whole = computeDriftHover([{ environmentId: ENV, resource, line: 0 }], options)?.markdown ?? '';
    assert.match(whole, /Live only, not counted: `\.metadata\.labels\.owner = alice` \(kubectl-label\)/);
  });

  it('explains a Missing resource and separates several findings on one line', () => {
    const missing = aResource('ConfigMap', 'shop', 'settings', { status: 'Missing', reason: 'not in the cluster' });
    const field = aField('.spec.replicas', 3, 4);
    const findings: DriftLineFinding[] = [
      { environmentId: ENV, resource: missing, line: 0 },
      { environmentId: 'file:///repo#staging', resource: aResource('Deployment', 'shop', 'api', { fields: [field] }), field, line: 0 },
    ];
    const hover = computeDriftHover(findings, options);
    assert.ok(hover);
    const [first, second] = hover.markdown.split('\n\n---\n\n');
    assert.match(first ?? '', /Missing in cluster — not in the cluster/);
    assert.doesNotMatch(first ?? '', /Commit to Git/, 'a Missing resource has no live change to commit');
    assert.doesNotMatch(first ?? '', /Git:/);
    assert.match(second ?? '', /Live: `4`/);
    assert.equal(computeDriftHover([], options), undefined);
    const unknown = computeDriftHover([{ environmentId: ENV, resource: aResource('Service', 'shop', 'api', { status: 'Unknown', reason: 'cluster unreachable' }), line: 0 }], options);
    assert.match(unknown?.markdown ?? '', /Unknown — cluster unreachable/);
  });
});

describe('findings on a line', () => {
  it('finds the findings of one line among sorted findings', () => {
    const resource = aResource('ConfigMap', 'shop', 'a', { status: 'Missing' });
    const at = (line: number): DriftLineFinding => ({ environmentId: ENV, resource, line });
    const findings = [at(1), at(3), at(3), at(8)];
    assert.equal(findingsOnLine(findings, 3).length, 2);
    assert.deepEqual(findingsOnLine(findings, 8), [findings[3]]);
    assert.deepEqual(findingsOnLine(findings, 0), []);
    assert.deepEqual(findingsOnLine(findings, 9), []);
    assert.deepEqual(findingsOnLine([], 1), []);
  });
});
