// Client-side `kubectl apply -f DIR`, then again after edits: objects, last-applied and managedFields
// as a real API server records them.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { managedEntry, startTestCluster, type TestCluster } from './harness.js';

const DEMO = join(__dirname, '..', 'fixtures', 'cluster', 'demo-app');

const DEPLOYMENT_FIELDS = {
  'f:metadata': {
    'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} },
    'f:labels': { '.': {}, 'f:app': {}, 'f:team': {} },
  },
  'f:spec': {
    'f:progressDeadlineSeconds': {},
    'f:replicas': {},
    'f:revisionHistoryLimit': {},
    'f:selector': {},
    'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
    'f:template': {
      'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
      'f:spec': {
        'f:containers': {
          'k:{"name":"nginx"}': {
            '.': {},
            'f:env': { '.': {}, 'k:{"name":"MODE"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
            'f:image': {},
            'f:imagePullPolicy': {},
            'f:name': {},
            'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
            'f:resources': {},
            'f:terminationMessagePath': {},
            'f:terminationMessagePolicy': {},
          },
        },
        'f:dnsPolicy': {},
        'f:restartPolicy': {},
        'f:schedulerName': {},
        'f:securityContext': {},
        'f:terminationGracePeriodSeconds': {},
      },
    },
  },
};

describe('kubectl apply (client-side) on a directory', () => {
  let c: TestCluster;
  let dir: string;
  before(async () => {
    c = await startTestCluster();
    dir = join(c.dir, 'manifests');
    cpSync(DEMO, dir, { recursive: true });
  });
  after(() => c.stop());

  it('creates every object with server defaults and records kubectl-client-side-apply', async () => {
    const out = await c.run('apply', '-f', dir);
    assert.match(out, /configmap\/web-config created/);
    assert.match(out, /deployment.apps\/web created/);
    assert.match(out, /service\/web created/);
    const d = await c.getJson('get', 'deployment', 'web');
    const spec = d.spec as JsonObject;
    assert.equal(spec.revisionHistoryLimit, 10);
    assert.equal(spec.progressDeadlineSeconds, 600);
    assert.deepEqual(spec.strategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } });
    const template = spec.template as JsonObject;
    assert.deepEqual((template.metadata as JsonObject).creationTimestamp, null);
    const container = ((template.spec as JsonObject).containers as JsonObject[])[0] as JsonObject;
    assert.equal(container.imagePullPolicy, 'IfNotPresent');
    assert.equal(container.terminationMessagePath, '/dev/termination-log');
    assert.deepEqual(container.ports, [{ containerPort: 80, protocol: 'TCP' }]);
    assert.equal((d.metadata as JsonObject).generation, 1);
    const entry = managedEntry(d, 'kubectl-client-side-apply');
    assert.ok(entry, 'kubectl-client-side-apply entry');
    assert.equal(entry.apiVersion, 'apps/v1');
    assert.equal(entry.fieldsType, 'FieldsV1');
    assert.match(String(entry.time), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(entry.fieldsV1, DEPLOYMENT_FIELDS);
    const annotations = (d.metadata as JsonObject).annotations as JsonObject;
    assert.equal(
      annotations['kubectl.kubernetes.io/last-applied-configuration'],
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web","team":"blue"},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"env":[{"name":"MODE","value":"demo"}],"image":"nginx:1.25","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n',
    );

    const svc = await c.getJson('get', 'service', 'web');
    const svcSpec = svc.spec as JsonObject;
    assert.match(String(svcSpec.clusterIP), /^10\.96\./);
    assert.deepEqual(svcSpec.ipFamilies, ['IPv4']);
    assert.equal(svcSpec.ipFamilyPolicy, 'SingleStack');
    assert.deepEqual(managedEntry(svc, 'kubectl-client-side-apply')?.fieldsV1, {
      'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } },
      'f:spec': {
        'f:internalTrafficPolicy': {},
        'f:ports': { '.': {}, 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } },
        'f:selector': { '.': {}, 'f:app': {} },
        'f:sessionAffinity': {},
        'f:type': {},
      },
    });
    assert.deepEqual(svc.status, { loadBalancer: {} });
  });

  it('three-way merges a second apply after edits and keeps ownership precise', async () => {
    const before = await c.getJson('get', 'deployment', 'web');
    const deploymentFile = join(dir, 'deployment.yaml');
    writeFileSync(deploymentFile, readFileSync(deploymentFile, 'utf8').replace('    team: blue\n', '').replace('replicas: 2', 'replicas: 3').replace('nginx:1.25', 'nginx:1.26'));
    const cmFile = join(dir, 'configmap.yaml');
    writeFileSync(cmFile, readFileSync(cmFile, 'utf8').replace('  color: blue\n', ''));
    const out = await c.run('apply', '-f', dir);
    assert.match(out, /deployment.apps\/web configured/);
    assert.match(out, /configmap\/web-config configured/);
    assert.match(out, /service\/web unchanged/);
    const d = await c.getJson('get', 'deployment', 'web');
    const meta = d.metadata as JsonObject;
    assert.deepEqual(meta.labels, { app: 'web' });
    assert.equal(meta.generation, 2);
    assert.notEqual(meta.resourceVersion, (before.metadata as JsonObject).resourceVersion);
    assert.equal((d.spec as JsonObject).replicas, 3);
    const entry = managedEntry(d, 'kubectl-client-side-apply');
    assert.deepEqual(((entry?.fieldsV1 as JsonObject)['f:metadata'] as JsonObject)['f:labels'], { '.': {}, 'f:app': {} });
    const cm = await c.getJson('get', 'configmap', 'web-config');
    assert.deepEqual(cm.data, { greeting: 'hello' });
    assert.deepEqual(managedEntry(cm, 'kubectl-client-side-apply')?.fieldsV1, {
      'f:data': { '.': {}, 'f:greeting': {} },
      'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } },
    });
  });

  it('prints the same object as YAML and JSON', async () => {
    const json = await c.getJson('get', 'configmap', 'web-config');
    const yaml = await c.run('get', 'configmap', 'web-config', '-o', 'yaml', '--show-managed-fields');
    const { parse } = await import('yaml');
    assert.deepEqual(parse(yaml), json);
    assert.equal(json.apiVersion, 'v1');
    assert.equal(json.kind, 'ConfigMap');
    assert.equal((json.metadata as JsonObject).generation, undefined, 'ConfigMaps have no generation');
  });
});
