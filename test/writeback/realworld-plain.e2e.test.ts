// `gitops-authoring codify` on GoogleCloudPlatform/microservices-demo's release manifests (test/fixtures/
// writeback-realworld/microservices-demo/ORIGIN): twelve services, 35 objects in one multi-document file,
// applied with the real kubectl and changed by hand in several Deployments and a Service. One run plans every
// resource into the same file (one diff, one commit), refuses a dirty file changing nothing, commits on a new
// branch, pushes to a real bare origin; a second run finds nothing to codify. Fails when kubectl is not on PATH.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { createGitSandbox, type GitSandbox } from '../support/git-sandbox.js';
import { FIXTURES, runCodifyCli } from './realworld-support.js';

const FILE = 'release/kubernetes-manifests.yaml';
const IMAGE = 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend';
let cluster: TestCluster;
let repo: GitSandbox;
let original: string;

function filesOf(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix))) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(out, filesOf(dir, path));
    else out[path] = readFileSync(join(dir, path), 'utf8');
  }
  return out;
}

const codify = (...extra: string[]) => runCodifyCli(repo.repo, cluster.handle.kubeconfigPath, '--env', 'demo', ...extra);

before(async () => {
  repo = createGitSandbox({
    ...filesOf(join(FIXTURES, 'microservices-demo')),
    '.gitops-authoring.yaml': 'drift:\n  environments:\n    - {name: demo, path: release, namespace: demo}\n',
  });
  original = repo.read(FILE);
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo' } }] });
  await cluster.run('apply', '-f', join(repo.repo, FILE), '-n', 'demo');
});

after(async () => {
  await cluster?.stop();
  repo?.remove();
});

test('applied as is: nothing to codify (exit 0)', async () => {
  const r = await codify();
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Nothing to codify: no resource has drifted/);
});

test('kubectl set image / set env / scale / set resources / patch on four objects → one diff of the one file, every change in its own document (exit 1, nothing written)', async () => {
  await cluster.run('-n', 'demo', 'set', 'image', 'deployment/frontend', `server=${IMAGE}:v0.10.7`);
  await cluster.run('-n', 'demo', 'set', 'env', 'deployment/frontend', 'ENABLE_PROFILER=1');
  await cluster.run('-n', 'demo', 'scale', 'deployment/cartservice', '--replicas=3');
  await cluster.run('-n', 'demo', 'set', 'resources', 'deployment/redis-cart', '--requests=cpu=100m');
  await cluster.run('-n', 'demo', 'patch', 'service', 'frontend', '-p', '{"spec":{"ports":[{"port":80,"targetPort":8081}]}}');
  const before = repo.snapshot();
  const r = await codify('--dry-run');
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');
  for (const resource of ['Deployment demo/frontend', 'Deployment demo/cartservice', 'Deployment demo/redis-cart', 'Service demo/frontend']) assert.ok(r.stdout.includes(`${resource}: .spec`), `${resource} missing from:\n${r.stdout}`);
  assert.ok(r.stdout.includes(`-          image: ${IMAGE}:v0.10.6\n+          image: ${IMAGE}:v0.10.7\n`), r.stdout);
  assert.ok(r.stdout.includes('           - name: ENABLE_PROFILER\n-            value: "0"\n+            value: "1"\n'), r.stdout);
  assert.ok(r.stdout.includes('-            cpu: 70m\n+            cpu: 100m\n'), r.stdout);
  assert.ok(r.stdout.includes('-    targetPort: 8080\n+    targetPort: 8081\n'), r.stdout);
  assert.ok(r.stdout.includes('+  replicas: 3\n'), r.stdout);
  assert.equal(r.stdout.match(/^--- a\//gm)?.length, 1, 'one file');
  assert.equal(repo.snapshot(), before);
});

test('the file has uncommitted edits → refused (exit 2), nothing changed', async () => {
  repo.write(FILE, `${original}# local note\n`);
  const before = repo.snapshot();
  const r = await codify('--branch', 'gitops/refused');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /refused: release\/kubernetes-manifests\.yaml has uncommitted changes/);
  assert.equal(repo.snapshot(), before);
  repo.write(FILE, original);
});

test('--push: committed on a new branch with only the file, pushed to the bare origin; the comments in the file kept; a second run finds nothing to codify', async () => {
  const r = await codify('--push', '--branch', 'gitops/codify-demo');
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /committed [0-9a-f]{12} on branch gitops\/codify-demo \(from main\)/);
  assert.match(r.stdout, /Pushed gitops\/codify-demo to origin/);
  assert.deepEqual(repo.git(['show', '--name-only', '--format=', 'HEAD']).trim().split('\n'), [FILE]);
  assert.match(repo.git(['log', '-1', '--format=%s']), /^Codify live changes: 4 resources \(gitops-test, demo\)/);
  assert.equal(repo.git(['rev-parse', 'refs/heads/gitops/codify-demo'], repo.origin).trim(), repo.git(['rev-parse', 'HEAD']).trim());
  const after = repo.read(FILE);
  const comments = (text: string) => text.split('\n').filter((l) => l.trim().startsWith('#'));
  assert.deepEqual(comments(after), comments(original));
  assert.equal(after.split('\n').length, original.split('\n').length + 1);

  const again = await codify();
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /Nothing to codify: no resource has drifted/);
});

test('a sidecar added and tolerations set by kubectl patch → appended in the file (commit), Synced after; an env item removed live → refused with the reason (exit 2)', async () => {
  await cluster.run('-n', 'demo', 'patch', 'deployment', 'adservice', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"envoyproxy/envoy:v1.30.0","ports":[{"containerPort":9901}]}]}}}}');
  await cluster.run('-n', 'demo', 'patch', 'deployment', 'cartservice', '-p', '{"spec":{"template":{"spec":{"tolerations":[{"key":"spot","operator":"Exists","effect":"NoSchedule"}]}}}}');
  const r = await codify('--branch', 'gitops/codify-sidecar');
  assert.equal(r.code, 1, r.stderr);
  const after = repo.read(FILE);
  assert.ok(after.includes('            port: 9555\n      - name: proxy\n        image: envoyproxy/envoy:v1.30.0\n'), after);
  assert.ok(after.includes('            port: 7070\n      tolerations:\n        - key: spot\n          operator: Exists\n          effect: NoSchedule\n---\n'), after);
  const again = await codify();
  assert.equal(again.code, 0, again.stderr);

  await cluster.run('-n', 'demo', 'patch', 'deployment', 'emailservice', '--type', 'json', '-p', '[{"op":"remove","path":"/spec/template/spec/containers/0/env/0"}]');
  const before = repo.snapshot();
  const removed = await codify('--resource', 'Deployment/demo/emailservice', '--dry-run');
  assert.equal(removed.code, 2, removed.stdout);
  assert.match(removed.stderr, /Deployment demo\/emailservice: .*env\[name="PORT"\]: removing a list item is not planned; remove it by hand/);
  assert.equal(repo.snapshot(), before);
});
