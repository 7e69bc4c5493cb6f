// Records the managedFields drift fixtures (test/fixtures/drift/<case>/) from the test cluster: for each case
// of hotfix-cases.ts, a fresh cluster, `kubectl apply` of the case's public manifests, the real kubectl
// commands, then the live objects as `kubectl get -o yaml --show-managed-fields` prints them. Nothing is
// written by hand. Run: npx tsx test/support/record-hotfix-fixtures.ts [case …], then regenerate the golden
// files (UPDATE_GOLDEN=1 node scripts/run-tests.mjs test/unit/drift/drift-fixtures.test.ts) and review them.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { startTestCluster } from '../cluster/harness.js';
import { HOTFIX_CASES, PUBLIC_MANIFESTS, REPO_FILES, runHotfixStep, type HotfixCase } from './hotfix-cases.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/drift');

async function record(c: HotfixCase): Promise<void> {
  const dir = join(FIXTURES, c.name);
  rmSync(dir, { recursive: true, force: true });
  for (const file of c.files) {
    const target = join(dir, 'git', file);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(PUBLIC_MANIFESTS, REPO_FILES[file] as string), target);
  }
  writeFileSync(join(dir, 'case.yaml'), stringify({
    description: `${c.description} (recorded by test/support/record-hotfix-fixtures.ts; manifests: test/fixtures/public-manifests/NOTICE.md)`,
    ...(c.settings ? { settings: c.settings } : {}),
  }));
  const cluster = await startTestCluster();
  try {
    await cluster.run('apply', '-f', join(dir, 'git', 'apps'));
    for (const step of c.steps) await runHotfixStep(cluster, step);
    mkdirSync(join(dir, 'live'));
    // Every object the case's manifests declare, as `kubectl get` prints it (managedFields included).
    type Item = { kind: string; metadata: { name: string } };
    const got = parse(await cluster.run('get', '-f', join(dir, 'git', 'apps'), '-o', 'yaml', '--show-managed-fields')) as Item & { items?: Item[] };
    const header = `# Recorded from the test cluster after: kubectl apply; ${c.steps.map(describeStep).join('; ')}\n`;
    for (const item of got.kind === 'List' ? got.items ?? [] : [got]) {
      writeFileSync(join(dir, 'live', `${item.kind.toLowerCase()}-${item.metadata.name}.yaml`), header + stringify(item));
    }
  } finally {
    await cluster.stop();
  }
}

function describeStep(step: HotfixCase['steps'][number]): string {
  if ('kubectl' in step) return `kubectl ${step.kubectl.join(' ')}`;
  if ('edit' in step) return `kubectl edit ${step.edit} (KUBE_EDITOR script)`;
  return `HPA scale of ${step.hpaScale} to ${step.replicas}`;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  for (const c of HOTFIX_CASES.filter((x) => wanted.length === 0 || wanted.includes(x.name))) {
    await record(c);
    console.log(`recorded ${c.name}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
