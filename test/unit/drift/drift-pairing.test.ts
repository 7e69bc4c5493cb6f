// Incremental pairing equals a full recompute: for every drift fixture (and cases the fixtures lack: a
// kustomize generator whose hash changed, a CRD in Git installed later, HPAs added, retargeted and removed,
// an object declared twice), live objects arrive, change, go and come back as watch events in seeded random
// orders, kinds (whole or in one namespace) and the whole cluster go Unknown and back; after every step the
// pairing's results deep-equal `computeDrift` on the same inputs, and the emitted changes, applied to the
// previous results, give them too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { computeDrift } from '../../../src/core/drift/compute-drift.js';
import { keyOfLive, type DesiredObject, type DriftOptions } from '../../../src/core/drift/compute-resource-drift.js';
import { desiredFromRendered } from '../../../src/core/drift/desired-from-rendered.js';
import { DriftPairing, kindId, type DriftChanges } from '../../../src/core/drift/drift-pairing.js';
import type { ResourceDrift } from '../../../src/core/drift/drift-types.js';
import type { OwnershipMark } from '../../../src/core/drift/ownership-marks.js';
import type { KubeObject } from '../../../src/core/resource/manifest-resource.js';
import { resourceKeyId, type ResourceKey } from '../../../src/core/resource/resource-key.js';
import { findKustomize } from '../../../src/adapters/kustomize/find-kustomize.js';
import { renderKustomization } from '../../../src/adapters/kustomize/render-kustomization.js';
import { loadWorkspace } from '../../../src/adapters/fs/load-workspace.js';
import { FIXTURES, readCaseSettings, readGit, readLive } from './drift-fixture-case.js';

interface PairingCase {
  readonly desired: readonly DesiredObject[];
  /** Live objects by id; several variants of one id are successive versions of that object. */
  readonly live: readonly KubeObject[];
  readonly isOurs?: (mark: OwnershipMark) => boolean;
  readonly options?: DriftOptions;
}

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const byId = (results: readonly ResourceDrift[]) => new Map(results.map((r) => [resourceKeyId(r.key), r]));

function applyChanges(view: Map<string, ResourceDrift>, changes: DriftChanges): void {
  for (const id of changes.removedIds) view.delete(id);
  for (const r of changes.upserted) view.set(resourceKeyId(r.key), r);
}

/** Runs seeded event sequences over one case and checks every step against a full recompute. */
function checkIncremental(name: string, c: PairingCase, seeds = 6): number {
  const variants = new Map<string, { key: ResourceKey; objects: KubeObject[] }>();
  for (const l of c.live) {
    const key = keyOfLive(l);
    const id = resourceKeyId(key);
    variants.set(id, { key, objects: [...(variants.get(id)?.objects ?? []), l] });
  }
  // Whole kinds, and kinds in one namespace (one informer of several listing or failing).
  const kinds = [...new Set([
    ...c.desired.map((d) => kindId(d.key.group, d.key.kind)),
    ...c.live.map((l) => kindId(keyOfLive(l).group, keyOfLive(l).kind)),
    ...c.desired.filter((d) => d.key.namespace !== '').map((d) => `${kindId(d.key.group, d.key.kind)}/${d.key.namespace}`),
  ])];
  let steps = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const rnd = random(seed * 7919 + name.length);
    const base = { desired: c.desired, ...(c.isOurs ? { isOurs: c.isOurs } : {}), ...(c.options ? { options: c.options } : {}) };
    const pairing = new DriftPairing(base);
    const view = byId(pairing.results());
    const live = new Map<string, KubeObject>();
    let unknownKinds = new Map<string, string>();
    let clusterReason: string | undefined;
    const check = (what: string, changes: DriftChanges) => {
      steps++;
      applyChanges(view, changes);
      const full = computeDrift({ ...base, live: live.values(), unknownKinds, ...(clusterReason !== undefined ? { clusterUnknownReason: clusterReason } : {}) });
      const context = `${name}, seed ${seed}, step ${steps}: ${what}`;
      assert.deepEqual(pairing.results(), full, context);
      assert.deepEqual(byId(full), view, `${context} (emitted changes)`);
    };
    const upsert = (id: string) => {
      const v = variants.get(id) as { key: ResourceKey; objects: KubeObject[] };
      const object = v.objects[Math.floor(rnd() * v.objects.length)] as KubeObject;
      live.set(id, object);
      check(`set ${id}`, pairing.setLive(v.key, object));
    };
    const remove = (id: string) => {
      live.delete(id);
      check(`delete ${id}`, pairing.setLive((variants.get(id) as { key: ResourceKey }).key, undefined));
    };
    // Everything arrives in a random order (a first list), then random changes, deletions, re-adds and
    // status changes (a kind listing or failing, the cluster lost and back).
    for (const id of shuffled([...variants.keys()], rnd)) upsert(id);
    for (let i = 0; i < 4 * variants.size + 8; i++) {
      const r = rnd();
      const id = [...variants.keys()][Math.floor(rnd() * variants.size)] as string;
      if (r < 0.4) upsert(id);
      else if (r < 0.7) {
        if (live.has(id)) remove(id);
        else upsert(id);
      } else if (r < 0.9 && kinds.length > 0) {
        const kind = kinds[Math.floor(rnd() * kinds.length)] as string;
        unknownKinds = new Map(unknownKinds);
        if (unknownKinds.has(kind)) unknownKinds.delete(kind);
        else unknownKinds.set(kind, rnd() < 0.5 ? 'listing…' : 'forbidden (403)');
        check(`unknown kinds ${[...unknownKinds.keys()].join(',')}`, pairing.setUnknownKinds(unknownKinds));
      } else {
        clusterReason = clusterReason === undefined ? 'cluster unreachable: connection refused' : undefined;
        check(`cluster reason ${clusterReason ?? 'none'}`, pairing.setClusterReason(clusterReason));
      }
    }
  }
  return steps;
}

function fixtureCase(dir: string, desiredOverride?: DesiredObject[]): PairingCase {
  const settings = readCaseSettings(dir);
  const { desired, ignoreRules, env } = readGit(dir, settings, desiredOverride);
  return {
    desired,
    live: readLive(dir),
    ...(env?.owner ? { isOurs: (m: OwnershipMark) => m.owner === env.owner } : {}),
    options: { ignoreRules, ...(env ? { agentManagers: env.agentManagers } : {}) },
  };
}

const fixtureNames = readdirSync(FIXTURES).filter((c) => existsSync(join(FIXTURES, c, 'git'))).sort();

test('the fixtures are all here', () => assert.ok(fixtureNames.length >= 15, fixtureNames.join(', ')));

for (const name of fixtureNames) {
  test(`incremental pairing equals computeDrift over the events of drift case ${name}`, async () => {
    const dir = join(FIXTURES, name);
    const settings = readCaseSettings(dir) as { render?: string; defaultNamespace?: string };
    let desiredOverride: DesiredObject[] | undefined;
    if (settings.render !== undefined) {
      const kustomize = findKustomize();
      assert.ok(kustomize.available, 'kubectl or kustomize must be on PATH for this test');
      const gitRoot = join(dir, 'git');
      desiredOverride = desiredFromRendered(await renderKustomization(gitRoot, settings.render, kustomize.tool), loadWorkspace(gitRoot).index, { defaultNamespace: settings.defaultNamespace ?? 'default' });
    }
    const c = fixtureCase(dir, desiredOverride);
    assert.ok(c.live.length > 0 || c.desired.length > 0);
    checkIncremental(name, c);
  });
}

// ---- cases the fixtures lack ------------------------------------------------------------------------------

const FLUX = { 'kustomize.toolkit.fluxcd.io/name': 'apps', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system' };

function desiredOf(object: KubeObject, extra: Partial<DesiredObject> = {}): DesiredObject {
  const key = keyOfLive(object);
  return { key, object, ...extra };
}

function configMap(name: string, data: Record<string, string>, created = '2026-11-01T00:00:00Z'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop', labels: FLUX, creationTimestamp: created }, data };
}

function deployment(name: string, replicas: number, manager: string): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      name, namespace: 'shop', labels: FLUX,
      managedFields: [{ manager, operation: 'Update', subresource: 'scale', apiVersion: 'apps/v1', time: '2026-11-20T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }],
    },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app:1' }] } } },
  };
}

function hpa(name: string, target: string): KubeObject {
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: 'shop', labels: FLUX }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, minReplicas: 2, maxReplicas: 10 } };
}

test('generator hash: the live object of an older generation is paired (Drifted), others are orphans, in every event order', () => {
  const desired = [
    desiredOf(configMap('app-config-k2g7f9m4h8', { mode: 'production' }), { generatorBaseName: 'app-config' }),
    desiredOf(configMap('other-config-t6b8d9k2m4', { a: '1' }), { generatorBaseName: 'other-config' }),
  ];
  const live = [
    configMap('app-config-5f7b9c8d2k', { mode: 'debug' }, '2026-11-02T00:00:00Z'),
    configMap('app-config-9c8d7b6f5g', { mode: 'staging' }, '2026-11-03T00:00:00Z'),
    configMap('app-config-k2g7f9m4h8', { mode: 'production' }),
    configMap('other-config-t6b8d9k2m4', { a: '2' }),
    configMap('app-config-extra', { mode: 'x' }),
  ];
  const pairing = new DriftPairing({ desired }, live.slice(0, 2));
  const app = pairing.resultOf('/ConfigMap/shop/app-config-k2g7f9m4h8');
  assert.equal(app?.status, 'Drifted');
  assert.match(app?.reason ?? '', /app-config-9c8d7b6f5g was generated from other content/);
  assert.equal(pairing.resultOf('/ConfigMap/shop/app-config-5f7b9c8d2k')?.status, 'Orphan');
  assert.equal(pairing.resultOf('/ConfigMap/shop/app-config-9c8d7b6f5g'), undefined);
  const steps = checkIncremental('generator', { desired, live });
  assert.ok(steps > 50);
});

test('a CRD in Git: its custom resources are Missing while the CRD is not live, Unknown with the kind\'s reason once it is', () => {
  const crd: KubeObject = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com', labels: FLUX }, spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced' } };
  const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'shop', labels: FLUX }, spec: { size: 3 } };
  const desired = [desiredOf(crd), desiredOf(widget)];
  const unknownKinds = new Map([['example.com/Widget', 'the cluster does not serve the API group']]);
  const pairing = new DriftPairing({ desired, unknownKinds });
  const id = resourceKeyId(keyOfLive(widget));
  assert.equal(pairing.resultOf(id)?.status, 'Missing');
  const changes = pairing.setLive(keyOfLive(crd), crd);
  assert.deepEqual(changes.upserted.map((r) => [r.id, r.status]).sort(), [['CustomResourceDefinition.apiextensions.k8s.io widgets.example.com', 'Synced'], ['Widget.example.com shop/w', 'Unknown']]);
  assert.deepEqual(pairing.setUnknownKinds(new Map()).upserted.map((r) => [r.id, r.status]), [['Widget.example.com shop/w', 'Missing']]);
  checkIncremental('crd', { desired, live: [crd, widget, { ...widget, spec: { size: 4 } }] });
});

test('HPAs from Git and live own replicas; adding, retargeting and deleting one re-evaluates its old and new targets', () => {
  const desired = [desiredOf(deployment('api', 3, 'x')), desiredOf(deployment('web', 3, 'x')), desiredOf(deployment('db', 1, 'x'))];
  const liveDeployments = [deployment('api', 7, 'kubectl'), deployment('web', 9, 'kubectl'), deployment('db', 2, 'kubectl')];
  const pairing = new DriftPairing({ desired }, liveDeployments);
  const api = 'apps/Deployment/shop/api';
  assert.equal(pairing.resultOf(api)?.fields[0]?.suggestedAction, 'commit');
  const onApi = pairing.setLive(keyOfLive(hpa('scaler', 'api')), hpa('scaler', 'api'));
  assert.equal(pairing.resultOf(api)?.fields[0]?.suggestedAction, 'ignore');
  assert.ok(onApi.upserted.some((r) => r.id === 'Deployment.apps shop/api'));
  const retarget = pairing.setLive(keyOfLive(hpa('scaler', 'web')), hpa('scaler', 'web'));
  assert.deepEqual(retarget.upserted.map((r) => r.id).filter((id) => id.startsWith('Deployment')).sort(), ['Deployment.apps shop/api', 'Deployment.apps shop/web']);
  assert.equal(pairing.resultOf(api)?.fields[0]?.suggestedAction, 'commit');
  checkIncremental('hpa', { desired: [...desired, desiredOf(hpa('git-scaler', 'db'))], live: [...liveDeployments, hpa('scaler', 'api'), hpa('scaler', 'web'), hpa('other', 'db')] });
});

test('an object declared twice stays Unknown whatever happens live; orphans come and go', () => {
  const cm = configMap('dup', { a: '1' });
  const desired = [desiredOf(cm), desiredOf({ ...cm, data: { a: '2' } }), desiredOf(configMap('single', { a: '1' }))];
  const live = [cm, configMap('single', { a: '3' }), configMap('stray', { b: '1' }), { ...configMap('owned', {}), metadata: { name: 'owned', namespace: 'shop', labels: FLUX, ownerReferences: [{ controller: true, uid: 'u', kind: 'X', name: 'x', apiVersion: 'v1' }] } }];
  const pairing = new DriftPairing({ desired }, live);
  assert.equal(pairing.resultOf('/ConfigMap/shop/dup')?.status, 'Unknown');
  assert.equal(pairing.resultOf('/ConfigMap/shop/stray')?.status, 'Orphan');
  assert.equal(pairing.resultOf('/ConfigMap/shop/owned'), undefined);
  assert.deepEqual(pairing.setLive(keyOfLive(configMap('stray', {})), undefined).removedIds, ['/ConfigMap/shop/stray']);
  checkIncremental('duplicates', { desired, live });
});
