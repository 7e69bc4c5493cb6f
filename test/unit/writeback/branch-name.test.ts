// branchNameFrom / sanitizeBranchName: every result is accepted by the real `git check-ref-format --branch`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { branchNameFrom, DEFAULT_BRANCH_TEMPLATE, isValidBranchName, sanitizeBranchName } from '../../../src/core/edit/branch-name.js';
import { driftHashOf } from '../../../src/core/writeback/drift-hash.js';

function gitAccepts(name: string): boolean {
  try {
    execFileSync('git', ['check-ref-format', '--branch', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('branch names', () => {
  it('fills the default template: deterministic, named by the drift hash (no date)', () => {
    const name = branchNameFrom(DEFAULT_BRANCH_TEMPLATE, { kind: 'Deployment', name: 'api-server', date: new Date('2026-12-04T20:41:07Z'), hash: '0a1b2c3d' });
    assert.equal(name, 'gitops/codify-deployment-api-server-0a1b2c3d');
    assert.equal(branchNameFrom('gitops/codify-{kind}-{name}-{date}', { kind: 'Deployment', name: 'api-server', date: new Date('2026-12-04T20:41:07Z') }), 'gitops/codify-deployment-api-server-20261204-204107');
  });

  it('driftHashOf: the same drift gives the same hash whatever the order; another live value, field or resource another', () => {
    const a = { resourceId: 'apps/Deployment/shop/api', fields: [{ path: '.spec.replicas', value: 5 }, { path: '.metadata.labels', value: { b: '1', a: '2' } }] };
    const b = { resourceId: 'v1/ConfigMap/shop/cfg', fields: [{ path: '.data.mode', value: 'debug' }] };
    const hash = driftHashOf([a, b]);
    assert.match(hash, /^[0-9a-f]{8}$/);
    assert.equal(driftHashOf([b, { ...a, fields: [...a.fields].reverse().map((f) => (f.path === '.metadata.labels' ? { ...f, value: { a: '2', b: '1' } } : f)) }]), hash);
    assert.notEqual(driftHashOf([{ ...a, fields: [{ path: '.spec.replicas', value: 6 }, a.fields[1] as (typeof a.fields)[number]] }, b]), hash);
    assert.notEqual(driftHashOf([a]), hash);
    assert.notEqual(driftHashOf([{ ...a, resourceId: 'apps/Deployment/shop/web' }, b]), hash);
    assert.notEqual(driftHashOf([{ resourceId: 'x', fields: [{ path: '.a', value: '5' }] }]), driftHashOf([{ resourceId: 'x', fields: [{ path: '.a', value: 5 }] }]));
  });

  it('fills namespace, env and field; unknown placeholders vanish', () => {
    assert.equal(branchNameFrom('codify/{env}/{namespace}/{name}-{field}{nope}', { env: 'prod-eu', namespace: 'shop', name: 'api', field: 'replicas' }), 'codify/prod-eu/shop/api-replicas');
  });

  const nasty = [
    'a..b', 'a b', 'a~b^c:d?e*f[g\\h', '.hidden/x', 'x/.y', 'x.lock', 'x.lock/y', 'a/', '/a', 'a//b', 'a@{b', '@', '-a', 'a.',
    'feature/..//.lock', 'ünïcødé/名前', 'a\tb\nc', 'x'.repeat(300), '...', '@{', 'a/-b', 'a.lock.lock',
  ];
  for (const raw of nasty) {
    it(`sanitizes ${JSON.stringify(raw.slice(0, 30))} into a name git accepts`, () => {
      const name = sanitizeBranchName(raw);
      if (name === '') return assert.ok(['...', '@', '@{'].includes(raw), `only hopeless input becomes empty, got '' for ${raw}`);
      assert.ok(gitAccepts(name), `git refuses ${JSON.stringify(name)}`);
      assert.ok(isValidBranchName(name));
      assert.ok(name.length <= 100);
    });
  }

  it('a template that sanitizes to nothing falls back to the default shape', () => {
    const name = branchNameFrom('...', { date: new Date('2026-01-02T03:04:05Z'), hash: 'abcdef01' });
    assert.equal(name, 'gitops/codify-x-x-abcdef01');
    assert.ok(gitAccepts(name));
  });

  it('isValidBranchName refuses what git refuses', () => {
    for (const bad of ['a..b', 'a b', 'x.lock', '', '-x', 'a/']) assert.equal(isValidBranchName(bad), false, bad);
    assert.equal(isValidBranchName('gitops/codify-deployment-api'), true);
  });
});
