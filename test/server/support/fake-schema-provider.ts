import type { ValuePath } from '../../../src/core/manifest/manifest-types.js';
import type { FieldInfo, SchemaProvider } from '../../../src/server/schema-provider.js';

interface FakeNode {
  readonly info: FieldInfo;
  readonly children?: Readonly<Record<string, FakeNode>>;
  /** For lists: the item's node. */
  readonly items?: FakeNode;
}

const field = (name: string, type: string, extra: Partial<FieldInfo> = {}, children?: Record<string, FakeNode>, items?: FakeNode): FakeNode => ({ info: { name, type, ...extra }, children, items });

const CONTAINER = field('container', 'Container', {}, {
  name: field('name', 'string', { required: true, description: 'Name of the container.' }),
  image: field('image', 'string', { description: 'Container image name.' }),
  imagePullPolicy: field('imagePullPolicy', 'string', { enum: ['Always', 'IfNotPresent', 'Never'], description: 'Image pull policy.' }),
});

const DEPLOYMENT = field('Deployment', 'object', {}, {
  metadata: field('metadata', 'ObjectMeta', {}, { name: field('name', 'string'), namespace: field('namespace', 'string') }),
  spec: field('spec', 'DeploymentSpec', { description: 'Specification of the desired behavior of the Deployment.' }, {
    replicas: field('replicas', 'integer', { description: 'Number of desired pods.', default: 1 }),
    paused: field('paused', 'boolean'),
    template: field('template', 'PodTemplateSpec', {}, {
      spec: field('spec', 'PodSpec', {}, { containers: field('containers', '[]Container', { required: true }, undefined, CONTAINER) }),
    }),
  }),
});

/** A hand-written schema for Deployment only, enough to prove hover and completion end to end. */
export const fakeSchemaProvider: SchemaProvider = {
  describeField(apiVersion, kind, path) {
    return apiVersion === 'apps/v1' && kind === 'Deployment' ? walk(path)?.info : undefined;
  },
  listFields(apiVersion, kind, path) {
    if (apiVersion !== 'apps/v1' || kind !== 'Deployment') return [];
    const node = walk(path);
    return Object.values(node?.children ?? {}).map((c) => c.info);
  },
  listKinds: () => [
    { apiVersion: 'apps/v1', kind: 'Deployment' },
    { apiVersion: 'v1', kind: 'ConfigMap' },
    { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' },
  ],
};

function walk(path: ValuePath): FakeNode | undefined {
  let node: FakeNode | undefined = DEPLOYMENT;
  for (const segment of path) {
    if (!node) return undefined;
    node = typeof segment === 'number' ? node.items : node.children?.[segment] ?? (node.items?.children?.[segment]);
  }
  return node;
}
