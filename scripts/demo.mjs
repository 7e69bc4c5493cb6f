#!/usr/bin/env node
// `npm start`: the product on the demo. Builds and packages the extension, starts the test Kubernetes API
// server seeded with what the demo repository deploys (plus a live hotfix made with the real kubectl, so
// there is drift to see), installs the VSIX into a fresh code-server profile and opens code-server on a git
// copy of the demo repository with KUBECONFIG pointing at the test cluster. Ctrl+C stops everything.
// Usage: npm start [-- --port N] [--work-dir DIR]
//   port: default 8080, or any free port when 8080 is taken; work dir: default .work/demo (recreated each start)
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { makeGitWorkspace } from './code-server/git-workspace.mjs';
import { ensureCodeServer } from './code-server/install.mjs';
import { installExtension, startCodeServer } from './code-server/launch.mjs';
import { packageVsix } from './package-vsix.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const demoRepo = join(root, 'test', 'fixtures', 'demo-repo');
const work = resolve(argValue('--work-dir') ?? join(root, '.work', 'demo'));
const CLUSTER_TIMEOUT_MS = 60_000;

const log = (line) => console.log(line);
const cleanups = [];

async function main() {
  const requestedPort = Number(argValue('--port') ?? process.env.PORT ?? 8080);
  const vsix = await packageVsix({ out: join(work, 'gitops-authoring.vsix'), quiet: true, log });
  const paths = await ensureCodeServer({ log });

  log(`▶ Preparing a fresh demo workspace and code-server profile under ${shown(work)}`);
  for (const dir of ['extensions', 'user-data', 'seed']) rmSync(join(work, dir), { recursive: true, force: true });
  const { workspace, remote } = makeGitWorkspace(demoRepo, work, 'demo-repo');
  log(`  workspace ${workspace} (git, origin = ${remote})`);
  installExtension({ paths, vsix, extensionsDir: join(work, 'extensions'), userDataDir: join(work, 'user-data') });
  log('  ✓ extension installed');

  const cluster = await startDemoCluster().catch((error) => {
    // The editor is still worth opening without a cluster: lint works offline.
    log(`  ✗ no test cluster: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });

  log('▶ Starting code-server');
  const port = (await isPortFree(requestedPort)) ? requestedPort : 0;
  const codeServerLog = join(work, 'code-server.log');
  writeFileSync(codeServerLog, '');
  const codeServer = await startCodeServer({
    paths,
    folder: workspace,
    extensionsDir: join(work, 'extensions'),
    userDataDir: join(work, 'user-data'),
    port,
    env: cluster ? { KUBECONFIG: cluster.kubeconfig } : {},
    onOutput: (text) => appendFileSync(codeServerLog, text),
  });
  cleanups.push(() => codeServer.stop());
  printBanner(codeServer.workbenchUrl, cluster, port !== requestedPort ? requestedPort : undefined);

  const stopped = await Promise.race([
    new Promise((r) => process.once('SIGINT', () => r('signal'))),
    new Promise((r) => process.once('SIGTERM', () => r('signal'))),
    codeServer.exited.then(() => 'code-server exited'),
    cluster ? cluster.exited.then(() => 'the test cluster exited') : new Promise(() => undefined),
  ]);
  log(`\n▶ Stopping (${stopped === 'signal' ? 'Ctrl+C' : stopped})`);
  await stopAll();
  log('✓ stopped code-server and the test cluster');
  process.exit(stopped === 'signal' ? 0 : 1);
}

/** Starts test/cluster seeded with the demo's objects; returns undefined (and says why) when it cannot. */
async function startDemoCluster() {
  log('▶ Starting the test Kubernetes API server (test/cluster)');
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts ?? {};
  const hasMain = existsSync(join(root, 'test', 'cluster', 'main.ts'));
  if (!scripts.cluster && !hasMain) {
    log('  ✗ not available yet: package.json has no "cluster" script and test/cluster/main.ts is missing.');
    log('    The editor still lints; the drift view will have no cluster to compare with.');
    return undefined;
  }
  const seedDir = join(work, 'seed');
  const objects = renderDemoObjects();
  mkdirSync(seedDir, { recursive: true });
  writeFileSync(join(seedDir, 'demo.yaml'), objects.map((o) => stringify(o)).join('---\n'));
  log(`  seed: ${objects.length} objects that the demo's Flux Kustomizations deploy`);
  const kubeconfig = join(work, 'kubeconfig');
  rmSync(kubeconfig, { force: true });
  const args = ['--port', '0', '--kubeconfig-out', kubeconfig, '--seed', seedDir];
  // The npm script is the cluster's public CLI; until it is declared, its entry point runs through tsx.
  const [command, ...prefix] = scripts.cluster
    ? ['npm', 'run', '--silent', 'cluster', '--']
    : [process.execPath, '--import', 'tsx', join(root, 'test', 'cluster', 'main.ts')];
  const child = spawn(command, [...prefix, ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise((r) => child.once('exit', () => r(undefined)));
  cleanups.push(async () => {
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the test cluster did not start within ${CLUSTER_TIMEOUT_MS / 1000} s:\n${output}`)), CLUSTER_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = /listening on (\S+)/.exec(output);
      if (m && /kubeconfig: /.test(output) && existsSync(kubeconfig)) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the test cluster exited before it listened:\n${output}`));
    });
  });
  log(`  ✓ listening on ${url}; kubeconfig ${shown(kubeconfig)}`);
  const seedErrors = output.split('\n').filter((l) => /error|no resource/i.test(l));
  for (const e of seedErrors) log(`  ${e}`);
  makeLiveHotfix(kubeconfig);
  return { url, kubeconfig, exited };
}

/**
 * What Flux would apply: each Flux Kustomization's path rendered with kustomize, its postBuild variables
 * substituted and its targetNamespace set. Flux's own objects are left out (the test cluster has no Flux).
 */
export function renderDemoObjects(repo = demoRepo) {
  const kustomizations = readYamlTree(repo).filter(
    (o) => o.kind === 'Kustomization' && String(o.apiVersion).startsWith('kustomize.toolkit.fluxcd.io/'),
  );
  const objects = [];
  const namespaces = new Set();
  for (const k of kustomizations) {
    const dir = join(repo, String(k.spec?.path ?? '.'));
    let text = renderDir(dir);
    for (const [name, value] of Object.entries(k.spec?.postBuild?.substitute ?? {})) {
      text = text.replaceAll(`\${${name}}`, String(value));
    }
    for (const o of parseYaml(text)) {
      if (k.spec?.targetNamespace && o.kind !== 'Namespace') o.metadata = { ...o.metadata, namespace: k.spec.targetNamespace };
      if (o.metadata?.namespace) namespaces.add(o.metadata.namespace);
      objects.push(o);
    }
  }
  const nsObjects = [...namespaces].map((name) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }));
  // Flux's own objects (GitRepository, Kustomizations) are deployed too: the test cluster serves their kinds
  // from Flux's CRDs (trimmed copies in test/fixtures/cluster/crds), as a cluster bootstrapped by Flux would.
  const crds = FLUX_CRD_FILES.flatMap((f) => parseYaml(readFileSync(join(root, 'test', 'fixtures', 'cluster', 'crds', f), 'utf8')));
  return [...crds, ...nsObjects, ...objects];
}

const FLUX_CRD_FILES = ['flux-source-gitrepositories.yaml', 'flux-kustomize-kustomizations.yaml'];

function renderDir(dir) {
  if (['kustomization.yaml', 'kustomization.yml', 'Kustomization'].some((f) => existsSync(join(dir, f)))) {
    const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`kubectl kustomize ${relative(root, dir)} failed: ${r.error?.message ?? r.stderr}`);
    return r.stdout;
  }
  // Without a kustomization file Flux takes every manifest under the path, as this does.
  return readYamlTree(dir).map((o) => stringify(o)).join('---\n');
}

function readYamlTree(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...readYamlTree(p));
    else if (/\.ya?ml$/.test(name)) out.push(...parseYaml(readFileSync(p, 'utf8')));
  }
  return out;
}

function parseYaml(text) {
  return parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o && typeof o === 'object' && typeof o.kind === 'string');
}

/** The kubectl arguments of the demo's live hotfix (Git says replicas 3 and image 1.8.2). */
/**
 * What Flux's controllers would report once they reconciled (no controller runs in the test cluster): Ready
 * conditions on the demo's GitRepository and Kustomizations, written to their status subresource.
 */
export const FLUX_READY_STEPS = [
  ['gitrepository', 'flux-system', 'Stored artifact for revision main@sha1:5d1c2a4'],
  ['kustomization', 'flux-system', 'Applied revision: main@sha1:5d1c2a4'],
  ['kustomization', 'apps', 'Applied revision: main@sha1:5d1c2a4'],
].map(([kind, name, message]) => [
  'patch', `${kind}/${name}`, '-n', 'flux-system', '--subresource=status', '--type=merge',
  '-p', JSON.stringify({ status: { conditions: [{ type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message, lastTransitionTime: '2026-12-04T08:00:00Z' }] } }),
]);

export const LIVE_HOTFIX_STEPS = [
  ['scale', 'deployment/api-server', '-n', 'shop', '--replicas=5'],
  ['set', 'image', 'deployment/api-server', 'api=ghcr.io/acme/api-server:1.8.3-hotfix', '-n', 'shop'],
];

/** A live hotfix by a human with the real kubectl, so the drift view has something to attribute. */
export function makeLiveHotfix(kubeconfig) {
  const kubectl = (...args) => spawnSync('kubectl', ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8' });
  for (const args of FLUX_READY_STEPS) {
    const r = kubectl(...args);
    if (r.status !== 0) log(`  (Flux status not set: ${(r.error?.message ?? r.stderr).trim()})`);
  }
  for (const args of LIVE_HOTFIX_STEPS) {
    const r = kubectl(...args);
    if (r.status === 0) log(`  live hotfix: kubectl ${args.join(' ')}`);
    else log(`  (skipped the live hotfix "kubectl ${args.join(' ')}": ${(r.error?.message ?? r.stderr).trim()})`);
  }
}

function printBanner(url, cluster, busyPort) {
  const line = '─'.repeat(Math.min(100, url.length + 4));
  log(`\n${line}\n  GitOps Authoring demo is running. Open in your browser:\n\n  ${url}\n${line}`);
  if (busyPort) log(`  (port ${busyPort} was taken, so code-server picked a free one)`);
  log('  Try: open apps/production/debug-pod.yaml (Problems panel: image-tag, resources);');
  log('       F1 → "GitOps Authoring: Lint Workspace".');
  if (cluster) {
    log(`  Cluster: ${cluster.url} (KUBECONFIG=${shown(cluster.kubeconfig)}), with a live hotfix to find as drift:`);
    log('       the GitOps Authoring icon in the activity bar → Drift: api-server replicas 3 → 5 by kubectl (scale);');
    log(`       change it live: kubectl --kubeconfig ${shown(cluster.kubeconfig)} scale deployment api-server -n shop --replicas=7`);
  }
  log('  Press Ctrl+C to stop code-server and the test cluster.\n');
}

async function stopAll() {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}

function killGroup(pid, signal) {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function isPortFree(port) {
  return new Promise((r) => {
    const server = createServer();
    server.once('error', () => r(false));
    server.listen(port, '127.0.0.1', () => server.close(() => r(true)));
  });
}

/** A path as the user would type it from the project folder. */
function shown(path) {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

// Run as a script (npm start); imported (by the e2e tests) for the seed and the hotfix only.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch(async (error) => {
    console.error(`\n✗ npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    await stopAll();
    process.exit(1);
  });
}
