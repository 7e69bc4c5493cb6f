// CRDs registered at runtime (Flux and Argo CD): discovery, printer columns, schema defaults and
// validation, merge patches from kubectl apply, status subresource, explain, removal with the CRD.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { JsonObject } from './api-server/types.js';
import { eventually, managedEntry, startTestCluster, type TestCluster } from './harness.js';

const FIXTURES = join(__dirname, '..', 'fixtures', 'cluster');

describe('custom resources of Flux and Argo CD', () => {
  let c: TestCluster;
  before(async () => {
    c = await startTestCluster();
  });
  after(() => c.stop());

  it('registers the CRDs\' resources in discovery as soon as they are created', async () => {
    const out = await c.run('apply', '-f', join(FIXTURES, 'crds'));
    assert.match(out, /customresourcedefinition.apiextensions.k8s.io\/kustomizations.kustomize.toolkit.fluxcd.io created/);
    const resources = await c.run('api-resources', '--api-group=kustomize.toolkit.fluxcd.io');
    assert.match(resources, /kustomizations\s+ks\s+kustomize.toolkit.fluxcd.io\/v1\s+true\s+Kustomization/);
    const crd = await c.getJson('get', 'crd', 'gitrepositories.source.toolkit.fluxcd.io');
    const conditions = ((crd.status as JsonObject).conditions as JsonObject[]).map((x) => `${String(x.type)}=${String(x.status)}`);
    assert.deepEqual(conditions, ['NamesAccepted=True', 'Established=True']);
  });

  it('creates custom resources with schema defaults, generation and managedFields', async () => {
    const out = await c.run('apply', '-f', join(FIXTURES, 'gitops-objects'));
    assert.match(out, /gitrepository.source.toolkit.fluxcd.io\/demo created/);
    assert.match(out, /application.argoproj.io\/guestbook created/);
    const repo = await c.getJson('get', 'gitrepository', 'demo', '-n', 'flux-system');
    assert.equal((repo.spec as JsonObject).timeout, '60s', 'default from the schema');
    assert.equal((repo.metadata as JsonObject).generation, 1);
    assert.deepEqual(managedEntry(repo, 'kubectl-client-side-apply')?.fieldsV1, {
      'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} } },
      'f:spec': { '.': {}, 'f:interval': {}, 'f:ref': { '.': {}, 'f:branch': {} }, 'f:timeout': {}, 'f:url': {} },
    });
    const table = await c.run('get', 'gitrepositories', '-n', 'flux-system');
    assert.match(table, /NAME\s+URL\s+AGE\s+READY\s+STATUS\n/);
    assert.match(table, /demo\s+https:\/\/example.com\/org\/demo.git/);
    const hr = await c.getJson('get', 'helmrelease', 'podinfo', '-n', 'flux-system');
    assert.deepEqual((hr.spec as JsonObject).values, { replicaCount: 2, ingress: { enabled: true } }, 'free-form values are kept');
  });

  it('takes an integer or a string in an x-kubernetes-int-or-string field and refuses anything else', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { port: { 'x-kubernetes-int-or-string': true } } } } } } }],
      },
    };
    await c.kubectl(['apply', '-f', '-'], { input: JSON.stringify(crd) });
    await eventually(async () => ((await c.kubectl(['get', 'widgets'])).code === 0 ? true : undefined), 'widgets served');
    const widget = (name: string, port: unknown) => JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace: 'default' }, spec: { port } });
    assert.equal((await c.kubectl(['apply', '-f', '-'], { input: widget('num', 8080) })).code, 0);
    assert.equal((await c.kubectl(['apply', '-f', '-'], { input: widget('str', 'http') })).code, 0);
    const bad = await c.kubectl(['apply', '-f', '-'], { input: widget('bool', true) });
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /spec\.port: Invalid value: "boolean": spec\.port in body must be of type integer,string: "boolean"/);
  });

  it('prunes a null in a field that is not nullable before defaulting, as kube-apiserver does (server-side apply too)', async () => {
    const repo = { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: { name: 'nulls', namespace: 'flux-system' }, spec: { interval: '1m', url: 'https://example.com/x.git', timeout: null, suspend: null } };
    const r = await c.kubectl(['apply', '--server-side', '--field-manager=kustomize-controller', '-f', '-'], { input: JSON.stringify(repo) });
    assert.equal(r.code, 0, r.stderr);
    const spec = (await c.getJson('get', 'gitrepository', 'nulls', '-n', 'flux-system')).spec as JsonObject;
    assert.equal(spec.timeout, '60s', 'null pruned, then the schema default');
    assert.equal('suspend' in spec, false, 'null pruned, no default');
  });

  it('kubectl apply sends a merge patch for a changed custom resource and bumps generation', async () => {
    const file = c.write('app.yaml', [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: guestbook',
      '  namespace: argocd',
      'spec:',
      '  project: demo',
      '  source:',
      '    repoURL: https://example.com/org/demo.git',
      '    path: guestbook',
      '    targetRevision: v2',
      '  destination:',
      '    server: https://kubernetes.default.svc',
      '    namespace: guestbook',
      '',
    ].join('\n'));
    c.handle.requests.length = 0;
    await c.run('apply', '-f', file);
    const patch = c.handle.requests.find((r) => r.method === 'PATCH');
    assert.equal(patch?.contentType, 'application/merge-patch+json');
    const app = await c.getJson('get', 'application', 'guestbook', '-n', 'argocd');
    const spec = app.spec as JsonObject;
    assert.equal((spec.source as JsonObject).targetRevision, 'v2');
    assert.equal(spec.syncPolicy, undefined, 'removed from the manifest, removed from the object');
    assert.equal((app.metadata as JsonObject).generation, 2);
  });

  it('rejects a strategic merge patch on a custom resource with 415', async () => {
    const r = await c.kubectl(['patch', 'application', 'guestbook', '-n', 'argocd', '--type=strategic', '-p', '{"spec":{"project":"x"}}']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /UnsupportedMediaType|unknown format|strategic merge patch/i);
  });

  it('validates custom resources against their schema with 422', async () => {
    const bad = c.write('bad.yaml', 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: bad\n  namespace: flux-system\nspec:\n  interval: 1m\n');
    const r = await c.kubectl(['create', '-f', bad]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /The GitRepository "bad" is invalid: spec.url: Required value/);
    const badEnum = c.write('bad-kind.yaml', 'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: bad\n  namespace: flux-system\nspec:\n  interval: 1m\n  prune: true\n  sourceRef:\n    kind: Git\n    name: demo\n');
    const r2 = await c.kubectl(['create', '-f', badEnum]);
    assert.match(r2.stderr, /spec.sourceRef.kind: Unsupported value: "Git": supported values: "OCIRepository", "GitRepository", "Bucket"/);
  });

  it('writes status through the status subresource only, without a generation bump', async () => {
    const status = '{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Succeeded","message":"stored artifact","lastTransitionTime":"2024-01-01T00:00:00Z"}]}}';
    await c.run('patch', 'gitrepository', 'demo', '-n', 'flux-system', '--subresource=status', '--type=merge', '-p', status);
    const ignored = await c.kubectl(['patch', 'gitrepository', 'demo', '-n', 'flux-system', '--type=merge', '-p', '{"status":{"observedGeneration":7}}']);
    assert.equal(ignored.code, 0, ignored.stderr);
    const repo = await c.getJson('get', 'gitrepository', 'demo', '-n', 'flux-system');
    assert.equal((repo.status as JsonObject).observedGeneration, 1);
    assert.equal((repo.metadata as JsonObject).generation, 1);
    assert.ok(managedEntry(repo, 'kubectl-patch', 'Update', 'status'));
    const table = await c.run('get', 'gitrepository', 'demo', '-n', 'flux-system');
    assert.match(table, /True\s+stored artifact/);
  });

  it('explains custom resources from their schema', async () => {
    const out = await c.run('explain', 'gitrepository.spec.ref');
    assert.match(out, /KIND:\s+GitRepository/);
    assert.match(out, /branch\s+<string>/);
    assert.match(out, /Reference specifies the Git reference/);
  });

  it('stops serving a resource when its CRD is deleted', async () => {
    await c.run('delete', 'crd', 'helmreleases.helm.toolkit.fluxcd.io');
    await eventually(async () => {
      const r = await c.kubectl(['get', 'helmreleases', '-A']);
      // kubectl's cached discovery may still know the resource: then the server answers 404 itself.
      return r.code !== 0 && /doesn't have a resource type "helmreleases"|could not find the requested resource/.test(r.stderr) ? true : undefined;
    }, 'helmreleases to disappear');
    const groups = await c.run('get', '--raw', '/apis');
    assert.doesNotMatch(groups, /helm.toolkit.fluxcd.io/);
  });
});
