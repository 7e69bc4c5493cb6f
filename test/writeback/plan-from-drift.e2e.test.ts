// planCodifyFromDrift on the real drift service against the test API server, driven by the real kubectl: a
// `kubectl scale` of a kustomize overlay's Deployment is planned into the overlay's `replicas:` transformer
// with the scale's attribution and context in the commit message; once the edit is on disk the service,
// given the new index, reports the Deployment Synced (the closed loop through the running service).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDriftService, type LiveDriftService } from '../../src/adapters/drift/drift-service.js';
import { loadWorkspace } from '../../src/adapters/fs/load-workspace.js';
import { Backoff } from '../../src/adapters/kube/backoff.js';
import { planCodifyFromDrift, planIntentFromDrift } from '../../src/adapters/writeback/plan-from-drift.js';
import type { Environment } from '../../src/core/environments/environment.js';
import { startTestCluster, type TestCluster } from '../cluster/harness.js';
import { writeRepo } from '../drift/drift-e2e-support.js';
import { applyEdits } from '../unit/edit/writeback-fixture-case.js';
import { waitFor } from './realworld-support.js';

const BASE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-server
spec:
  replicas: 1
  selector:
    matchLabels: {app: api-server}
  template:
    metadata:
      labels: {app: api-server}
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
`;
const PROD = `namespace: shop
resources:
  - ../../base
# prod runs three
replicas:
  - name: api-server
    count: 3
`;
const ID = 'apps/Deployment/shop/api-server';
const PROD_ENV: Environment = { name: 'prod', path: 'apps/overlays/prod', detectedFrom: 'settings', forceNamespace: false, ignoreRules: [], agentManagers: [] };

let cluster: TestCluster;
let repo: { dir: string; cleanup(): void };
let service: LiveDriftService;

const until = (what: string, check: () => boolean, timeoutMs = 10_000) => waitFor(service, what, () => check(), timeoutMs);

const statusOf = () => service.results().find((r) => `${r.key.group}/${r.key.kind}/${r.key.namespace}/${r.key.name}` === ID);

before(async () => {
  cluster = await startTestCluster({ seedObjects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }], bookmarkIntervalMs: 200 });
  repo = writeRepo({
    'apps/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
    'apps/base/deployment.yaml': BASE,
    'apps/overlays/prod/kustomization.yaml': PROD,
    'apps/overlays/staging/kustomization.yaml': 'namespace: shop-staging\nresources:\n  - ../../base\n',
  });
  await cluster.run('apply', '-k', join(repo.dir, 'apps/overlays/prod'));
  service = await createDriftService({ root: repo.dir, index: loadWorkspace(repo.dir).index, env: PROD_ENV, kubeconfig: cluster.handle.kubeconfigPath, processEnv: { PATH: process.env.PATH ?? '', HOME: tmpdir() }, informer: { backoff: new Backoff(20, 200) } });
  await service.whenSynced(10_000);
});

after(async () => {
  service?.stop();
  repo?.cleanup();
  await cluster?.stop();
});

test('kubectl scale → a plan in the overlay\'s replicas: transformer → Synced once written', async () => {
  await until('the applied overlay to be Synced', () => statusOf()?.status === 'Synced');
  await cluster.run('scale', 'deployment', 'api-server', '-n', 'shop', '--replicas=5');
  await until('the scale to show as drift', () => statusOf()?.fields.some((f) => f.path === '.spec.replicas' && f.liveValue === 5) ?? false);

  const outcome = planCodifyFromDrift(service, ID);
  assert.equal(outcome.kind, 'plan', JSON.stringify(outcome));
  if (outcome.kind !== 'plan') return;
  assert.equal(outcome.plan.commitMessage.split('\n')[0], `Codify live change: Deployment shop/api-server .spec.replicas 3 → 5 (kubectl scale, ${service.context})`);
  assert.deepEqual(outcome.plan.summary, ['.spec.replicas 3 → 5 in apps/overlays/prod/kustomization.yaml (kustomization replicas:)']);
  const [file] = outcome.plan.files;
  assert.ok(file);
  const path = join(repo.dir, file.path);
  writeFileSync(path, applyEdits(readFileSync(path, 'utf8'), file.edits));
  assert.equal(readFileSync(path, 'utf8'), PROD.replace('count: 3', 'count: 5'));

  await service.setDesired(loadWorkspace(repo.dir).index);
  await until('the codified Deployment to be Synced', () => statusOf()?.status === 'Synced');
});

test('an intent on a field only the shared base sets asks for the layer, then plans the chosen one', () => {
  const path = '.spec.template.spec.containers[name="api"].image';
  const ask = planIntentFromDrift(service, ID, { path, value: 'ghcr.io/acme/api:1.5.0' });
  assert.equal(ask.kind, 'choose-layer', JSON.stringify(ask));
  assert.deepEqual(ask.kind === 'choose-layer' ? ask.sharedWith : [], ['apps/overlays/staging']);
  const here = planIntentFromDrift(service, ID, { path, value: 'ghcr.io/acme/api:1.5.0', layer: 'environment' });
  assert.equal(here.kind, 'plan');
  assert.deepEqual(here.kind === 'plan' ? here.plan.summary : [], [`${path} ghcr.io/acme/api:1.4.2 → ghcr.io/acme/api:1.5.0 in apps/overlays/prod/kustomization.yaml (kustomization images:)`]);
});
