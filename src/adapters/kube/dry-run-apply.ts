import type { KubeObject } from '../../core/resource/manifest-resource.js';
import { collectionPath, type ServedResource } from './discovery.js';
import type { KubeClient } from './kube-client.js';

/**
 * Server-side apply with `dryRun=All`: the object exactly as the server would store it if the GitOps agent
 * applied Git now (defaults, admission webhooks, field ownership), without changing anything. This is what
 * Flux and `kubectl diff` compare with the live object.
 */
export async function dryRunApply(client: KubeClient, served: ServedResource, object: KubeObject, namespace: string, fieldManager: string): Promise<KubeObject> {
  const metadata: Record<string, unknown> = { ...(object.metadata as Record<string, unknown> | undefined), ...(served.namespaced ? { namespace } : {}) };
  const name = String(metadata.name ?? '');
  const body = JSON.stringify({ ...object, apiVersion: served.group ? `${served.group}/${served.version}` : served.version, metadata });
  const path = `${collectionPath(served, served.namespaced ? namespace : undefined)}/${encodeURIComponent(name)}`;
  return client.sendJson<KubeObject>('PATCH', path, { dryRun: 'All', fieldManager, force: 'true' }, 'application/apply-patch+yaml', body);
}
