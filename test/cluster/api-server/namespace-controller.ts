// What controllers put in every namespace of a real cluster: the "default" ServiceAccount and the
// kube-root-ca.crt ConfigMap; and the "kubernetes" Service in default, owned by kube-apiserver.
import type { ServerContext, WriteOptions } from './server-context.js';
import { createObject } from './write-pipeline.js';

const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

/** A stand-in bundle for plain-http servers (there is no CA to publish). */
const PLACEHOLDER_CA = '-----BEGIN CERTIFICATE-----\nTUlJQnRlc3QtYXBpc2VydmVyLXBsYWNlaG9sZGVyLWNh\n-----END CERTIFICATE-----\n';

function options(manager: string): WriteOptions {
  return { manager, dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] };
}

function tryCreate(fn: () => void): void {
  try {
    fn();
  } catch {
    // Already there, or the namespace went away meanwhile: nothing to do, as for the real controllers.
  }
}

export function populateNamespace(ctx: ServerContext, namespace: string, caPem: string | undefined): void {
  const sa = ctx.registry.find('', 'v1', 'serviceaccounts');
  const cm = ctx.registry.find('', 'v1', 'configmaps');
  if (sa && !ctx.store.get('/serviceaccounts', namespace, 'default')) {
    tryCreate(() => createObject(ctx, sa, namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }, options('kube-controller-manager')));
  }
  if (cm && !ctx.store.get('/configmaps', namespace, 'kube-root-ca.crt')) {
    tryCreate(() =>
      createObject(
        ctx,
        cm,
        namespace,
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } }, data: { 'ca.crt': caPem ?? PLACEHOLDER_CA } },
        options('kube-controller-manager'),
      ),
    );
  }
}

export function createKubernetesService(ctx: ServerContext): void {
  const svc = ctx.registry.find('', 'v1', 'services');
  if (!svc || ctx.store.get('/services', 'default', 'kubernetes')) return;
  tryCreate(() =>
    createObject(
      ctx,
      svc,
      'default',
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.96.0.1', ipFamilyPolicy: 'SingleStack', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
      },
      options('kube-apiserver'),
    ),
  );
}

/** Fills every namespace created from now on (and the existing ones) as the controllers do. */
export function startNamespaceController(ctx: ServerContext, caPem: string | undefined): () => void {
  for (const ns of ctx.store.list('/namespaces')) populateNamespace(ctx, String(ns.metadata.name), caPem);
  return ctx.store.subscribe((e) => {
    if (e.resource !== '/namespaces' || e.type !== 'ADDED') return;
    const name = String(e.object.metadata.name);
    setImmediate(() => populateNamespace(ctx, name, caPem));
  });
}
