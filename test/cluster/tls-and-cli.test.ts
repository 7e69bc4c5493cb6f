// TLS with a generated CA and bearer tokens, driven by kubectl and client-node; the CLI entry point
// (npm run cluster) with --seed, --token and --kubeconfig-out, stopped by SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as k8s from '@kubernetes/client-node';
import { hasOpenssl } from './api-server/tls.js';
import { eventually, requireKubectl, startTestCluster, type TestCluster } from './harness.js';

const ROOT = join(__dirname, '..', '..');

describe('TLS and tokens', () => {
  let c: TestCluster;
  before(async () => {
    if (!hasOpenssl()) throw new Error('the TLS test needs the openssl CLI to generate its CA, and openssl is not on PATH');
    c = await startTestCluster({ tls: true, token: 'secret-token', readOnlyTokens: ['reader'] });
  });
  after(() => c?.stop());

  it('kubectl verifies the generated CA and sends the token', async () => {
    assert.match(c.handle.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const kubeconfig = readFileSync(c.handle.kubeconfigPath, 'utf8');
    assert.match(kubeconfig, /certificate-authority-data: /);
    assert.match(kubeconfig, /token: secret-token/);
    const out = await c.run('get', 'namespaces', '-o', 'name');
    assert.match(out, /namespace\/default/);
    const noToken = await c.kubectl(['get', 'namespaces', '--token=wrong']);
    assert.notEqual(noToken.code, 0);
    assert.match(noToken.stderr, /Unauthorized|must be logged in/);
  });

  it('answers kubectl auth can-i and whoami per token', async () => {
    assert.equal((await c.run('auth', 'can-i', 'create', 'deployments')).trim(), 'yes');
    const reader = await c.kubectl(['auth', 'can-i', 'create', 'deployments', '--token=reader']);
    assert.equal(reader.stdout.trim(), 'no');
    assert.equal((await c.run('auth', 'can-i', 'list', 'pods', '--token=reader')).trim(), 'yes');
    assert.match(await c.run('auth', 'whoami'), /Username\s+kubernetes-admin/);
    const denied = await c.kubectl(['create', 'configmap', 'x', '--token=reader']);
    assert.match(denied.stderr, /configmaps is forbidden: User "readonly" cannot create resource "configmaps" in API group "" in the namespace "default"/);
  });

  it('client-node connects with the CA from the kubeconfig', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(c.handle.kubeconfigPath);
    const list = await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    assert.ok(list.items.some((n) => n.metadata?.name === 'kube-system'));
  });
});

describe('npm run cluster', () => {
  it('starts, seeds, writes the kubeconfig and stops on SIGTERM', async () => {
    requireKubectl();
    const dir = mkdtempSync(join(tmpdir(), 'cluster-cli-'));
    const kubeconfig = join(dir, 'kubeconfig');
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'test', 'cluster', 'main.ts'), '--port', '0', '--kubeconfig-out', kubeconfig, '--seed', join(ROOT, 'test', 'fixtures', 'cluster', 'crds'), '--token', 'cli-token'], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const url = await eventually(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], 'the CLI to print its URL', 20_000);
      assert.match(readFileSync(kubeconfig, 'utf8'), new RegExp(`server: ${url}`));
      const res = await fetch(`${url}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`, { headers: { Authorization: 'Bearer cli-token' } });
      const body = (await res.json()) as { items: { metadata: { name: string } }[] };
      assert.ok(body.items.some((i) => i.metadata.name === 'kustomizations.kustomize.toolkit.fluxcd.io'), 'the seeded CRDs exist');
      const flux = await fetch(`${url}/apis/kustomize.toolkit.fluxcd.io/v1`, { headers: { Authorization: 'Bearer cli-token' } });
      assert.equal(flux.status, 200, 'seeded CRDs serve their resources');
      assert.equal((await fetch(`${url}/api/v1/namespaces`)).status, 401);
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
