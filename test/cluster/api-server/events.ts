// Events the controllers record (core/v1 Event), so kubectl describe and kubectl get events show
// what a real cluster shows for the same actions.
import { randomBytes } from 'node:crypto';
import { timestamp } from './object-lifecycle.js';
import type { ServerContext } from './server-context.js';
import type { KubeObject } from './types.js';
import { createObject } from './write-pipeline.js';

export function recordEvent(ctx: ServerContext, about: KubeObject, reason: string, message: string, component: string, type = 'Normal'): void {
  const rt = ctx.registry.find('', 'v1', 'events');
  const namespace = String(about.metadata.namespace ?? 'default');
  if (!rt) return;
  const now = timestamp();
  try {
    createObject(
      ctx,
      rt,
      namespace,
      {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${String(about.metadata.name)}.${randomBytes(8).toString('hex')}`, namespace },
        involvedObject: {
          apiVersion: about.apiVersion,
          kind: about.kind,
          name: String(about.metadata.name),
          namespace,
          resourceVersion: String(about.metadata.resourceVersion ?? ''),
          uid: String(about.metadata.uid ?? ''),
        },
        reason,
        message,
        source: { component },
        firstTimestamp: now,
        lastTimestamp: now,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: component,
        reportingInstance: '',
      },
      { manager: 'kube-controller-manager', dryRun: false, fieldValidation: 'Ignore', force: false, warnings: [] },
    );
  } catch {
    // Events are best effort, as in Kubernetes.
  }
}
