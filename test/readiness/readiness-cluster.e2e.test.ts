// `readiness --cluster`: the drift engine's count of drifting resources joins the report; a cluster that cannot
// be read is an error (exit 2), never "0 drift".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { ReadinessReport } from '../../src/core/readiness/readiness-types.js';
import { APP, writeRepo } from '../drift/drift-e2e-support.js';

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };

async function readiness(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['readiness', ...argv], {
    stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => '', isTty: false, version: 'test',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir() },
  } as Parameters<typeof runCli>[1]);
  return { code, stdout, stderr };
}

before(async () => {
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }] });
  repo = writeRepo({ 'apps/api.yaml': APP });
  await cluster.run('apply', '-f', `${repo.dir}/apps/api.yaml`);
  await cluster.run('scale', 'deployment', 'api-server', '--replicas=7', '-n', 'shop');
});

after(async () => {
  await cluster?.stop();
  repo?.cleanup();
});

test('with --cluster, the report says how many resources drift now', async () => {
  const r = await readiness([repo.dir, '--cluster', '--kubeconfig', cluster.handle.kubeconfigPath, '--format', 'json', '--timeout', '10']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout) as ReadinessReport;
  assert.equal(report.cluster?.driftCount, 1);
  assert.equal(report.cluster?.resourceCount, 4);
  const detected = report.questions.find((q) => q.id === 'reconciled.drift-detected');
  assert.ok(detected?.evidence.some((e) => /1 of 4 resource\(s\) drift now/.test(e.note)), JSON.stringify(detected));
});

test('with --cluster, the text report names the cluster and its drift count under the score', async () => {
  const r = await readiness([repo.dir, '--cluster', '--kubeconfig', cluster.handle.kubeconfigPath, '--timeout', '10']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^GitOps readiness: [\d.]+\/12\nCluster '[^']+': 1 of 4 resource\(s\) drift now\.$/m);
});

test('with --cluster and a kubeconfig that points nowhere: exit 2 and the reason', async () => {
  const kubeconfig = join(repo.dir, 'nowhere.kubeconfig');
  writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters:\n  - name: c\n    cluster: {server: "http://127.0.0.1:1"}\nusers:\n  - name: u\n    user: {token: t}\ncontexts:\n  - name: x\n    context: {cluster: c, user: u}\ncurrent-context: x\n');
  const r = await readiness([repo.dir, '--cluster', '--kubeconfig', kubeconfig, '--timeout', '3']);
  assert.equal(r.code, 2, r.stdout);
  assert.match(r.stderr, /gitops-authoring: /);
});
