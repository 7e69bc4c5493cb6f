// ControllerRevisions the StatefulSet and DaemonSet controllers keep, one per pod template, so that
// kubectl rollout history and rollout undo work on them.
import { safeHash } from './object-lifecycle.js';
import type { ServerContext, WriteOptions } from './server-context.js';
import { deepClone, isObject, type JsonObject, type KubeObject } from './types.js';
import { createObject, updateObject } from './write-pipeline.js';

const REVISIONS = 'apps/controllerrevisions';

function templateOf(o: KubeObject): JsonObject {
  return isObject(o.spec) && isObject(o.spec.template) ? o.spec.template : {};
}

/** The revision name a workload's status reports (currentRevision/updateRevision). */
export function revisionName(o: KubeObject): string {
  return `${String(o.metadata.name)}-${safeHash(templateOf(o), 10)}`;
}

export function ensureControllerRevision(ctx: ServerContext, owner: KubeObject, apiVersion: string, opts: WriteOptions): void {
  const rt = ctx.registry.find('apps', 'v1', 'controllerrevisions');
  if (!rt) return;
  const namespace = String(owner.metadata.namespace ?? '');
  const uid = String(owner.metadata.uid);
  const owned = ctx.store
    .list(REVISIONS, namespace)
    .filter((r) => Array.isArray(r.metadata.ownerReferences) && r.metadata.ownerReferences.some((ref) => isObject(ref) && ref.uid === uid));
  const name = revisionName(owner);
  const max = Math.max(0, ...owned.map((r) => Number(r.revision ?? 0)));
  const existing = owned.find((r) => r.metadata.name === name);
  if (existing) {
    // Rolling back to an old template makes its revision the newest again.
    if (Number(existing.revision ?? 0) !== max) updateObject(ctx, rt, existing, { ...deepClone(existing), revision: max + 1 }, '', opts, false);
    return;
  }
  const template = deepClone(templateOf(owner));
  template.$patch = 'replace';
  const hash = name.slice(String(owner.metadata.name).length + 1);
  const labels = isObject(template.metadata) && isObject(template.metadata.labels) ? deepClone(template.metadata.labels) : {};
  labels[owner.kind === 'StatefulSet' ? 'controller.kubernetes.io/hash' : 'controller-revision-hash'] = hash;
  createObject(
    ctx,
    rt,
    namespace,
    {
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name,
        labels,
        ownerReferences: [{ apiVersion, kind: owner.kind, name: String(owner.metadata.name), uid, controller: true, blockOwnerDeletion: true }],
      },
      data: { spec: { template } },
      revision: max + 1,
    },
    opts,
  );
}
