import type { ValuePath } from '../../manifest/manifest-types.js';
import { hasSubstitution, readLabels } from '../../resource/label-selector.js';
import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { podSpecPath, WORKLOAD_KINDS } from '../../resource/pod-template.js';
import { groupOf } from '../../resource/resource-key.js';
import type { Rule, RuleContext } from '../rule.js';
import { referenceIndex, type ReferenceIndex } from './dangling-reference-index.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import { describeRendering, renderedObjectsOf } from '../../kustomize/kustomize-renderings.js';

/** How an object is judged: once as written, or once per kustomize build that renders it. */
interface Variant {
  /** Root kustomization of the build, undefined outside kustomize. */
  readonly root?: string;
  readonly namespace: string;
  readonly overlay: string;
  /** Labels kustomize adds to its selector. */
  readonly addedSelectorLabels: Readonly<Record<string, string>>;
}

function variantsOf(workspace: WorkspaceIndex, resource: ManifestResource): Variant[] {
  const rendered = renderedObjectsOf(workspace, resource);
  if (rendered.length === 0) return [{ namespace: resource.namespace, overlay: '', addedSelectorLabels: {} }];
  return rendered.map((o) => ({ root: o.rendering.root, namespace: o.namespace, overlay: describeRendering(o.rendering), addedSelectorLabels: o.addedSelectorLabels }));
}

/** A name resolves in a variant when its build holds the object (kustomize renames both sides) or it is declared under that name. */
function resolves(index: ReferenceIndex, variant: Variant, kind: string, name: string): boolean {
  return (variant.root !== undefined && index.isInBuild(variant.root, kind, name)) || index.isDeclared(kind, name, variant.namespace);
}

/** ` as overlay a, overlay b render it` when only some of the object's builds have the fault. */
function whichOverlays(failing: readonly Variant[], all: readonly Variant[]): string {
  if (failing.length === all.length) return '';
  const overlays = [...new Set(failing.map((v) => v.overlay))];
  return ` as ${overlays.join(', ')} render${overlays.length === 1 ? 's' : ''} it`;
}

/** ` (namespace 'x')` and the overlays that miss it. */
function whereMissing(failing: readonly Variant[], all: readonly Variant[]): string {
  return `${failing[0]?.namespace ? ` (namespace '${failing[0].namespace}')` : ''}${whichOverlays(failing, all)}`;
}

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
  const variants = variantsOf(context.workspace, resource);
  for (const ref of podReferences(getAt(resource.object, specPath), specPath)) {
    const failing = variants.filter((v) => !resolves(index, v, ref.kind, ref.name));
    if (failing.length === 0) continue;
    const id = `${ref.kind}/${ref.name}`;
    if (seen.has(id)) continue; // one finding per missing object, at its first reference
    seen.add(id);
    context.report({ path: ref.path, on: 'value', message: `${ref.kind} '${ref.name}' is referenced but declared nowhere in this repository${whereMissing(failing, variants)}.` });
  }
}

function checkService(resource: ManifestResource, context: RuleContext): void {
  if (getAt(resource.object, ['spec', 'type']) === 'ExternalName') return;
  const rawSelector = getAt(resource.object, ['spec', 'selector']);
  const selector = readLabels(rawSelector);
  if (Object.keys(selector).length === 0 || Object.values(selector).some(hasSubstitution)) return;
  const index = referenceIndex(context.workspace);
  // As each build renders it: the selector with the labels kustomize adds, in its namespace.
  const variants = variantsOf(context.workspace, resource);
  const failing = variants.filter((v) => !index.hasPodsFor({ ...selector, ...v.addedSelectorLabels }, v.namespace)
    && !Object.values(selector).some((value) => index.isCustomResourceName(value, v.namespace))); // operator-made pods
  if (failing.length === 0) return;
  if (index.isOpaque(resource) || !index.hasNeighbours(resource, false)) return;
  const first = failing[0] as Variant;
  const where = whichOverlays(failing, variants);
  context.report({
    path: ['spec', 'selector'],
    message: `Service '${resource.name}' selects ${Object.entries({ ...selector, ...first.addedSelectorLabels }).map(([k, v]) => `${k}=${v}`).join(', ')}${where}, but no workload's pod template in this repository carries these labels: it has no endpoints.`,
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
  const variants = variantsOf(context.workspace, resource);
  const backends = ingressBackends(resource).map((b) => ({ ...b, failing: variants.filter((v) => !resolves(index, v, 'Service', b.name)) })).filter((b) => b.failing.length > 0);
  if (backends.length === 0 || index.isOpaque(resource) || !index.hasNeighbours(resource, true)) return;
  const seen = new Set<string>();
  for (const b of backends) {
    if (seen.has(b.name)) continue;
    seen.add(b.name);
    context.report({ path: b.path, on: 'value', message: `Ingress backend Service '${b.name}' is declared nowhere in this repository${whereMissing(b.failing, variants)}.` });
  }
}

export const danglingReferenceRule: Rule = {
  meta: {
    id: 'dangling-reference',
    title: 'References resolve to declared objects',
    rationale: 'A pod that mounts or reads a missing ConfigMap, Secret, ServiceAccount or PVC never starts; a Service selecting no pod has no endpoints; an Ingress to a missing Service returns 503. To stay quiet where the repository cannot know, names count as declared when a kustomize generator makes them, when a custom resource names them (ExternalSecret, SealedSecret, Certificate, operators) or they derive from a custom resource\'s name (`db` → `db-app`, as operators name what they create), or when a replicated copy exists in another namespace (`kube-root-ca.crt` always exists); `optional: true` references and the `default` ServiceAccount are skipped; objects are not checked in namespaces or deployment units where a HelmRelease, an Argo CD Application of a chart (or of a folder holding a Chart.yaml) or of another repository, kustomize `helmCharts` or a remote `resources:` entry (a Git URL) create objects this repository cannot see, nor while some file of the repository could not be read (its lint worker failed); a Service selecting a custom resource\'s name (operator-made pods) is not checked; Services are only checked when their deployment unit also declares workloads, Ingresses when it declares workloads or Services. An empty namespace matches any namespace. Objects of kustomize builds are judged as rendered: a reference inside a build follows its target\'s renaming, any other must use the rendered name and namespace.',
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
