import type { ValuePath } from '../../manifest/manifest-types.js';
import { hasSubstitution, readLabels } from '../../resource/label-selector.js';
import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { podSpecPath, WORKLOAD_KINDS } from '../../resource/pod-template.js';
import { groupOf } from '../../resource/resource-key.js';
import type { Rule, RuleContext } from '../rule.js';
import { referenceIndex } from './dangling-reference-index.js';

interface Reference {
  readonly kind: 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PersistentVolumeClaim';
  readonly name: string;
  readonly path: ValuePath;
}

function isUsableName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && !hasSubstitution(name) && !name.includes('{{');
}

/** Everything a pod spec needs to exist, `optional: true` references excluded (the kubelet tolerates those). */
export function podReferences(spec: unknown, specPath: ValuePath): Reference[] {
  if (!isRecord(spec)) return [];
  const out: Reference[] = [];
  const add = (kind: Reference['kind'], holder: unknown, field: string, path: ValuePath) => {
    if (!isRecord(holder) || holder.optional === true || !isUsableName(holder[field])) return;
    out.push({ kind, name: holder[field] as string, path: [...path, field] });
  };
  const sa = spec.serviceAccountName ?? spec.serviceAccount;
  if (isUsableName(sa) && sa !== 'default') out.push({ kind: 'ServiceAccount', name: sa, path: [...specPath, spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount'] });
  if (Array.isArray(spec.imagePullSecrets)) spec.imagePullSecrets.forEach((s, i) => add('Secret', s, 'name', [...specPath, 'imagePullSecrets', i]));
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((v, i) => {
      if (!isRecord(v)) return;
      const base = [...specPath, 'volumes', i];
      add('ConfigMap', v.configMap, 'name', [...base, 'configMap']);
      add('Secret', v.secret, 'secretName', [...base, 'secret']);
      add('PersistentVolumeClaim', v.persistentVolumeClaim, 'claimName', [...base, 'persistentVolumeClaim']);
      const sources = getAt(v, ['projected', 'sources']);
      if (Array.isArray(sources)) {
        sources.forEach((s, j) => {
          if (!isRecord(s)) return;
          add('ConfigMap', s.configMap, 'name', [...base, 'projected', 'sources', j, 'configMap']);
          add('Secret', s.secret, 'name', [...base, 'projected', 'sources', j, 'secret']);
        });
      }
    });
  }
  for (const type of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = spec[type];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isRecord(c)) return;
      const base = [...specPath, type, i];
      if (Array.isArray(c.envFrom)) {
        c.envFrom.forEach((e, j) => {
          if (!isRecord(e)) return;
          add('ConfigMap', e.configMapRef, 'name', [...base, 'envFrom', j, 'configMapRef']);
          add('Secret', e.secretRef, 'name', [...base, 'envFrom', j, 'secretRef']);
        });
      }
      if (Array.isArray(c.env)) {
        c.env.forEach((e, j) => {
          if (!isRecord(e) || !isRecord(e.valueFrom)) return;
          add('ConfigMap', e.valueFrom.configMapKeyRef, 'name', [...base, 'env', j, 'valueFrom', 'configMapKeyRef']);
          add('Secret', e.valueFrom.secretKeyRef, 'name', [...base, 'env', j, 'valueFrom', 'secretKeyRef']);
        });
      }
    });
  }
  return out;
}

function checkPodReferences(resource: ManifestResource, context: RuleContext): void {
  const specPath = podSpecPath(resource.kind);
  if (!specPath) return;
  const index = referenceIndex(context.workspace);
  if (index.isOpaque(resource)) return;
  const seen = new Set<string>();
  for (const ref of podReferences(getAt(resource.object, specPath), specPath)) {
    if (index.isDeclared(ref.kind, ref.name, resource.namespace)) continue;
    const id = `${ref.kind}/${ref.name}`;
    if (seen.has(id)) continue; // one finding per missing object, at its first reference
    seen.add(id);
    context.report({ path: ref.path, on: 'value', message: `${ref.kind} '${ref.name}' is referenced but declared nowhere in this repository${resource.namespace ? ` (namespace '${resource.namespace}')` : ''}.` });
  }
}

function checkService(resource: ManifestResource, context: RuleContext): void {
  if (getAt(resource.object, ['spec', 'type']) === 'ExternalName') return;
  const rawSelector = getAt(resource.object, ['spec', 'selector']);
  const selector = readLabels(rawSelector);
  if (Object.keys(selector).length === 0 || Object.values(selector).some(hasSubstitution)) return;
  const index = referenceIndex(context.workspace);
  if (index.hasPodsFor(selector, resource.namespace)) return;
  if (Object.values(selector).some((v) => index.isCustomResourceName(v, resource.namespace))) return; // operator-made pods
  if (index.isOpaque(resource) || !index.hasNeighbours(resource, false)) return;
  context.report({
    path: ['spec', 'selector'],
    message: `Service '${resource.name}' selects ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')}, but no workload's pod template in this repository carries these labels: it has no endpoints.`,
  });
}

function ingressBackends(resource: ManifestResource): { name: string; path: ValuePath }[] {
  const out: { name: string; path: ValuePath }[] = [];
  const add = (backend: unknown, path: ValuePath) => {
    if (!isRecord(backend)) return;
    if (isRecord(backend.service) && isUsableName(backend.service.name)) out.push({ name: backend.service.name, path: [...path, 'service', 'name'] });
    else if (isUsableName(backend.serviceName)) out.push({ name: backend.serviceName, path: [...path, 'serviceName'] });
  };
  add(getAt(resource.object, ['spec', 'defaultBackend']), ['spec', 'defaultBackend']);
  add(getAt(resource.object, ['spec', 'backend']), ['spec', 'backend']);
  const rules = getAt(resource.object, ['spec', 'rules']);
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      const paths = getAt(rule, ['http', 'paths']);
      if (Array.isArray(paths)) paths.forEach((p, j) => add(getAt(p, ['backend']), ['spec', 'rules', i, 'http', 'paths', j, 'backend']));
    });
  }
  return out;
}

function checkIngress(resource: ManifestResource, context: RuleContext): void {
  const index = referenceIndex(context.workspace);
  const backends = ingressBackends(resource).filter((b) => !index.isDeclared('Service', b.name, resource.namespace));
  if (backends.length === 0 || index.isOpaque(resource) || !index.hasNeighbours(resource, true)) return;
  const seen = new Set<string>();
  for (const b of backends) {
    if (seen.has(b.name)) continue;
    seen.add(b.name);
    context.report({ path: b.path, on: 'value', message: `Ingress backend Service '${b.name}' is declared nowhere in this repository${resource.namespace ? ` (namespace '${resource.namespace}')` : ''}.` });
  }
}

export const danglingReferenceRule: Rule = {
  meta: {
    id: 'dangling-reference',
    title: 'References resolve to declared objects',
    rationale: 'A pod that mounts or reads a missing ConfigMap, Secret, ServiceAccount or PVC never starts; a Service selecting no pod has no endpoints; an Ingress to a missing Service returns 503. To stay quiet where the repository cannot know, names count as declared when a kustomize generator makes them, when a custom resource names them (ExternalSecret, SealedSecret, Certificate, operators) or they derive from a custom resource\'s name (`db` → `db-app`, as operators name what they create), or when a replicated copy exists in another namespace (`kube-root-ca.crt` always exists); `optional: true` references and the `default` ServiceAccount are skipped; objects are not checked in namespaces or deployment units where a HelmRelease, an Argo CD Application of a chart (or of a folder holding a Chart.yaml) or of another repository, or kustomize `helmCharts` create objects this repository cannot see; a Service selecting a custom resource\'s name (operator-made pods) is not checked; Services are only checked when their deployment unit also declares workloads, Ingresses when it declares workloads or Services. An empty namespace matches any namespace.',
    remediation: 'Declare the missing object (or fix the name or namespace), mark a reference that may be absent `optional: true`, or suppress with the annotation when the object is created outside Git.',
    defaultSeverity: 'warning',
    checksReferences: true,
    kinds: ['Service', 'Ingress', ...WORKLOAD_KINDS],
  },
  check(resource, context) {
    const group = groupOf(resource.apiVersion);
    if (resource.kind === 'Service' && group === '') checkService(resource, context);
    else if (resource.kind === 'Ingress' && (group === 'networking.k8s.io' || group === 'extensions')) checkIngress(resource, context);
    else checkPodReferences(resource, context);
  },
};
