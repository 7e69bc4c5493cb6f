// Loads manifests from a directory into the store as `kubectl apply -f DIR` would create them
// (client-side apply: last-applied annotation, manager kubectl-client-side-apply); CRDs and namespaces first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ServerContext } from './server-context.js';
import { deepClone, isObject, type JsonObject } from './types.js';
import { LAST_APPLIED, createObject, stableJson } from './write-pipeline.js';

export function readManifests(dir: string): JsonObject[] {
  const out: JsonObject[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(join(p, name));
      return;
    }
    if (!/\.(ya?ml|json)$/.test(p) || /kustomization\.ya?ml$/.test(p)) return;
    for (const doc of parseAllDocuments(readFileSync(p, 'utf8'))) {
      const v = doc.toJS() as unknown;
      if (isObject(v) && v.kind === 'List' && Array.isArray(v.items)) out.push(...v.items.filter(isObject));
      else if (isObject(v) && typeof v.kind === 'string') out.push(v);
    }
  };
  walk(dir);
  return out;
}

function rank(o: JsonObject): number {
  if (o.kind === 'CustomResourceDefinition') return 0;
  if (o.kind === 'Namespace') return 1;
  return 2;
}

/** The annotation kubectl apply writes: the manifest as JSON, keys sorted, without the annotation itself. */
export function lastAppliedFor(manifest: JsonObject, namespace: string | undefined): string {
  const copy = deepClone(manifest);
  const m = isObject(copy.metadata) ? copy.metadata : {};
  const annotations = isObject(m.annotations) ? m.annotations : {};
  delete annotations[LAST_APPLIED];
  m.annotations = annotations;
  if (namespace !== undefined) m.namespace = namespace;
  copy.metadata = m;
  return `${stableJson(copy)}\n`;
}

export function seedManifests(ctx: ServerContext, manifests: JsonObject[], defaultNamespace = 'default'): string[] {
  const errors: string[] = [];
  for (const manifest of [...manifests].sort((a, b) => rank(a) - rank(b))) {
    const rt = ctx.registry.findByKind(String(manifest.apiVersion), String(manifest.kind));
    const meta = isObject(manifest.metadata) ? manifest.metadata : {};
    if (!rt) {
      errors.push(`no resource for ${String(manifest.apiVersion)} ${String(manifest.kind)} (${String(meta.name)})`);
      continue;
    }
    const namespace = rt.namespaced ? String(meta.namespace ?? defaultNamespace) : undefined;
    const obj = deepClone(manifest);
    const om = isObject(obj.metadata) ? obj.metadata : {};
    om.annotations = { ...(isObject(om.annotations) ? om.annotations : {}), [LAST_APPLIED]: lastAppliedFor(manifest, namespace) };
    obj.metadata = om;
    try {
      if (namespace && !ctx.store.get('/namespaces', '', namespace)) {
        createObject(ctx, ctx.registry.find('', 'v1', 'namespaces')!, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, { manager: 'kubectl-create', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] });
      }
      createObject(ctx, rt, namespace ?? '', obj, { manager: 'kubectl-client-side-apply', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] });
    } catch (e) {
      errors.push(`${String(manifest.kind)} ${String(meta.name)}: ${(e as Error).message}`);
    }
  }
  return errors;
}
