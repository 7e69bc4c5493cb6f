import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Backoff } from '../../../src/adapters/kube/backoff.js';
import { ClusterAccessError } from '../../../src/adapters/kube/cluster-status.js';
import { loadKubeconfig } from '../../../src/adapters/kube/load-kubeconfig.js';
import { findKustomize } from '../../../src/adapters/kustomize/find-kustomize.js';
import { runDriftCli, writeRepo } from '../../drift/drift-e2e-support.js';

function kubeconfig(contexts: { name: string; server: string; namespace?: string; exec?: { command: string; installHint?: string } }[], current?: string): string {
  const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${current ?? '""'}`, 'clusters:'];
  for (const c of contexts) lines.push(`  - name: ${c.name}`, '    cluster:', `      server: ${c.server}`);
  lines.push('users:');
  for (const c of contexts) {
    lines.push(`  - name: ${c.name}`, '    user:');
    if (c.exec) {
      lines.push('      exec:', '        apiVersion: client.authentication.k8s.io/v1', `        command: ${c.exec.command}`, '        interactiveMode: Never');
      if (c.exec.installHint) lines.push(`        installHint: ${JSON.stringify(c.exec.installHint)}`);
    } else lines.push('      token: t');
  }
  lines.push('contexts:');
  for (const c of contexts) lines.push(`  - name: ${c.name}`, '    context:', `      cluster: ${c.name}`, `      user: ${c.name}`, ...(c.namespace ? [`      namespace: ${c.namespace}`] : []));
  return lines.join('\n') + '\n';
}

function withDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ga-kubeconfig-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('KUBECONFIG lists merge as kubectl does: the first file wins on names and current-context', () => withDir((dir) => {
  const a = join(dir, 'a');
  const b = join(dir, 'b');
  writeFileSync(a, kubeconfig([{ name: 'prod', server: 'https://prod.example:6443', namespace: 'shop' }], 'prod'));
  writeFileSync(b, kubeconfig([{ name: 'prod', server: 'https://other.example:6443' }, { name: 'dev', server: 'https://dev.example:6443' }], 'dev'));
  const loaded = loadKubeconfig({ env: { KUBECONFIG: [a, join(dir, 'missing'), b].join(delimiter), PATH: '' } });
  assert.equal(loaded.context, 'prod');
  assert.equal(loaded.server, 'https://prod.example:6443');
  assert.equal(loaded.namespace, 'shop');
  assert.deepEqual([...loaded.contexts].sort(), ['dev', 'prod']);
  assert.equal(loadKubeconfig({ context: 'dev', env: { KUBECONFIG: [a, b].join(delimiter), PATH: '' } }).server, 'https://dev.example:6443');
}));

test('an unknown context and a missing kubeconfig are clear errors', () => withDir((dir) => {
  const a = join(dir, 'a');
  writeFileSync(a, kubeconfig([{ name: 'prod', server: 'https://prod.example:6443' }], 'prod'));
  assert.throws(() => loadKubeconfig({ kubeconfig: a, context: 'nope', env: { PATH: '' } }), /context 'nope' not found in kubeconfig; known: prod/);
  assert.throws(() => loadKubeconfig({ env: { HOME: dir, PATH: '' } }), (e: unknown) => e instanceof ClusterAccessError && /no kubeconfig found/.test(e.message));
}));

test('an exec credential plugin that is not installed names the command and shows its installHint', () => withDir((dir) => {
  const a = join(dir, 'a');
  writeFileSync(a, kubeconfig([{ name: 'eks', server: 'https://eks.example', exec: { command: 'aws-iam-authenticator-missing', installHint: 'Install aws-iam-authenticator: https://example.com/install' } }], 'eks'));
  assert.throws(() => loadKubeconfig({ kubeconfig: a, env: { PATH: dir } }), (e: unknown) => {
    assert.ok(e instanceof ClusterAccessError);
    assert.equal(e.status, 'Unauthorized');
    assert.match(e.message, /exec credential plugin 'aws-iam-authenticator-missing'/);
    assert.equal(e.details.installHint, 'Install aws-iam-authenticator: https://example.com/install');
    return true;
  });
}));

test('the CLI shows the exec plugin installHint and exits 2', async () => {
  const repo = writeRepo({ 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\n' });
  try {
    const config = join(repo.dir, 'kubeconfig');
    writeFileSync(config, kubeconfig([{ name: 'eks', server: 'https://eks.example', exec: { command: 'no-such-plugin', installHint: 'brew install no-such-plugin' } }], 'eks'));
    const r = await runDriftCli([repo.dir, '--kubeconfig', config], { PATH: '' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Unauthorized: exec credential plugin 'no-such-plugin'.*\nbrew install no-such-plugin/);
  } finally {
    repo.cleanup();
  }
});

test('without kubectl or kustomize, an overlay is a clear error (exit 2), not an empty desired state', async () => {
  assert.equal(findKustomize({ PATH: '' }).available, false);
  const repo = writeRepo({ 'app/kustomization.yaml': 'resources: [cm.yaml]\n', 'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n' });
  try {
    const config = join(repo.dir, 'kubeconfig');
    writeFileSync(config, kubeconfig([{ name: 'k', server: 'https://127.0.0.1:1' }], 'k'));
    const r = await runDriftCli([repo.dir, '--kubeconfig', config], { PATH: '' });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /neither `kustomize` nor `kubectl` is on PATH/);
  } finally {
    repo.cleanup();
  }
});

test('backoff doubles with jitter up to 30 s and resets', () => {
  const high = new Backoff(500, 30_000, () => 1);
  const delays = Array.from({ length: 10 }, () => high.next());
  assert.deepEqual(delays.slice(0, 4), [500, 1000, 2000, 4000]);
  assert.equal(Math.max(...delays), 30_000);
  const low = new Backoff(500, 30_000, () => 0);
  assert.equal(low.next(), 250);
  high.reset();
  assert.equal(high.next(), 500);
});

test('an Argo CD destination picks the kube context whose cluster it names', () => withDir((dir) => {
  const a = join(dir, 'a');
  writeFileSync(a, kubeconfig([{ name: 'prod', server: 'https://prod.example:6443' }, { name: 'staging', server: 'https://staging.example:6443/' }], 'prod'));
  assert.equal(loadKubeconfig({ kubeconfig: a, cluster: 'https://staging.example:6443', env: { PATH: '' } }).context, 'staging');
  assert.equal(loadKubeconfig({ kubeconfig: a, cluster: 'staging', env: { PATH: '' } }).context, 'staging');
  // Argo CD's in-cluster destination says nothing about which context that is: the current one.
  assert.equal(loadKubeconfig({ kubeconfig: a, cluster: 'https://kubernetes.default.svc', env: { PATH: '' } }).context, 'prod');
  assert.equal(loadKubeconfig({ kubeconfig: a, cluster: 'https://staging.example:6443', context: 'prod', env: { PATH: '' } }).context, 'prod');
}));
