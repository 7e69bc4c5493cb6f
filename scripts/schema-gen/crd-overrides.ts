// Changes a running cluster makes to bundled CRDs that the upstream packages do not carry.
import type { SchemaNodeJson } from '../../src/core/schema/schema-data.js';
import type { ExtractedProject } from './extract-model-types.js';

/** The kinds Flux Operator adds to the notification Alert/Receiver object-reference enum (it patches those CRDs). */
const FLUX_OPERATOR_EVENT_SOURCES = ['FluxInstance', 'ResourceSet', 'ResourceSetInputProvider'];

/**
 * Flux Operator installs Flux with a kustomize patch that appends its kinds to the `kind` enum of the
 * notification controller's `eventSources` (Alert) and `resources` (Receiver): an Alert on a FluxInstance is
 * valid in every Flux Operator install, which is how most Flux 2.7+ clusters run.
 */
export function addFluxOperatorEventSources(project: ExtractedProject): number {
  let changed = 0;
  const seen = new Set<object>();
  const visit = (node: SchemaNodeJson | undefined): void => {
    if (node === undefined || typeof node === 'string' || seen.has(node)) return;
    seen.add(node);
    const isFluxKindEnum = node.e !== undefined && ['Bucket', 'GitRepository', 'Kustomization', 'HelmRelease'].every((k) => node.e!.includes(k));
    if (isFluxKindEnum) {
      for (const kind of FLUX_OPERATOR_EVENT_SOURCES) if (!node.e!.includes(kind)) node.e!.push(kind);
      changed++;
    }
    for (const child of Object.values(node.p ?? {})) visit(child);
    visit(node.m);
    visit(node.i);
  };
  for (const kind of project.kinds) if (kind.apiVersion.startsWith('notification.toolkit.fluxcd.io/')) visit(kind.root);
  for (const [name, def] of project.defs) if (/CrossNamespaceObjectReference/.test(name)) visit(def);
  return changed;
}

/**
 * Knative Serving defaults a container's `name` (its webhook fills it in), but the package copies the core
 * Container type, where `name` is required: a Knative Service without container names is valid.
 */
export function relaxKnativeContainerNames(project: ExtractedProject): number {
  let changed = 0;
  for (const [name, def] of project.defs) {
    if (!/:(IoK8sApiCoreV1)?Container$/.test(name) || !def.r?.includes('name')) continue;
    def.r = def.r.filter((r) => r !== 'name');
    if (!def.r.length) delete def.r;
    changed++;
  }
  return changed;
}
