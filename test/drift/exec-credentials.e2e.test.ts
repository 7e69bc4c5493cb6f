// Exec-plugin credentials work as in kubectl: the plugin named in the user's kubeconfig runs, its token is
// sent, and drift compares; a plugin that fails is Unauthorized with its own message, never "in sync".
import assert from 'node:assert/strict';
import { chmodSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { APP, runDriftCli, writeRepo } from './drift-e2e-support.js';

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };

/** The cluster's own kubeconfig (TLS, its CA) with the user's token replaced by an exec plugin. */
function execKubeconfig(plugin: string): string {
  const config = parse(readFileSync(cluster.handle.kubeconfigPath, 'utf8')) as { users: { user: Record<string, unknown> }[] };
  for (const u of config.users) u.user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: plugin, interactiveMode: 'Never' } };
  return stringify(config);
}

function writePlugin(name: string, script: string): string {
  const path = cluster.write(name, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  return path;
}

before(async () => {
  cluster = await startTestCluster({ tls: true, token: 'exec-issued-token', seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  repo = writeRepo({ 'apps/api.yaml': APP });
  await cluster.run('apply', '-f', `${repo.dir}/apps/api.yaml`);
});

after(async () => {
  await cluster?.stop();
  repo?.cleanup();
});

test('a kubeconfig whose user is an exec plugin: the plugin\'s token reaches the cluster and drift compares', async () => {
  const plugin = writePlugin('issue-token.sh', `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-issued-token"}}'`);
  const kubeconfig = cluster.write('exec-kubeconfig', execKubeconfig(plugin));
  const r = await runDriftCli([repo.dir, '--kubeconfig', kubeconfig, '--format', 'json', '--timeout', '10']);
  assert.equal(r.code, 0, `every resource Synced through the plugin's credentials:\n${r.stdout}\n${r.stderr}`);
  const json = JSON.parse(r.stdout) as { clusterStatus: string; resources: { status: string }[] };
  assert.equal(json.clusterStatus, 'Connected');
  assert.ok(json.resources.length > 0 && json.resources.every((x) => x.status === 'Synced'));
});

test('an exec plugin that issues a wrong token is Unauthorized, exit 2', async () => {
  const plugin = writePlugin('wrong-token.sh', `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"stolen"}}'`);
  const kubeconfig = cluster.write('wrong-kubeconfig', execKubeconfig(plugin));
  const r = await runDriftCli([repo.dir, '--kubeconfig', kubeconfig, '--timeout', '3']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unauthorized/);
  assert.doesNotMatch(r.stdout, /Synced/);
});
