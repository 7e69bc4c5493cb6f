import type { DesiredObject, DriftOptions } from '../../core/drift/compute-resource-drift.js';
import { withDiscoveredScope } from '../../core/drift/desired-from-manifests.js';
import type { Environment } from '../../core/environments/environment.js';
import { applyFluxPostBuild } from '../../core/environments/flux-substitute.js';
import { discoverResources, type DiscoveryResult } from './discovery.js';
import { InformerPool } from './informer-pool.js';
import { KubeClient } from './kube-client.js';
import { LiveDriftSession, watchTargetsFor } from './live-drift-session.js';
import type { LoadedKubeconfig } from './load-kubeconfig.js';
import type { InformerOptions } from './resource-informer.js';

export interface LiveDriftHandle {
  readonly session: LiveDriftSession;
  readonly pool: InformerPool;
  readonly client: KubeClient;
  readonly discovery: DiscoveryResult;
  /** The desired objects as compared (Flux variables substituted, scopes from discovery). */
  readonly desired: readonly DesiredObject[];
  readonly options: DriftOptions;
  stop(): void;
}

export interface StartLiveDriftOptions {
  readonly kube: LoadedKubeconfig;
  readonly desired: readonly DesiredObject[];
  /** The environment being compared: its agent's managers, ignore rules, ownership and Flux variables. */
  readonly env?: Environment;
  readonly informer?: InformerOptions;
  readonly requestTimeoutMs?: number;
}

/**
 * Everything live drift needs for one environment on one cluster: discovery for the desired kinds, an
 * informer pool for exactly those kinds and namespaces, and a session pushing results. Several
 * environments or clusters: one handle each. Discovery errors (unreachable, unauthorized) reject.
 */
export async function startLiveDrift(o: StartLiveDriftOptions): Promise<LiveDriftHandle> {
  const client = new KubeClient(o.kube.kc, o.kube.server, o.requestTimeoutMs ?? 30_000);
  const discovery = await discoverResources(client, watchTargetsFor(o.desired));
  const desired = withDiscoveredScope(applyFluxPostBuild(o.desired, o.env?.postBuild), (group, kind) => discovery.served.get(`${group}/${kind}`)?.namespaced === false);
  const pool = new InformerPool(client, discovery, watchTargetsFor(desired), o.informer);
  const options: DriftOptions = { ignoreRules: o.env?.ignoreRules ?? [], ...(o.env ? { agentManagers: o.env.agentManagers } : {}) };
  const owner = o.env?.owner;
  const session = new LiveDriftSession(pool, { desired, options, ...(owner ? { isOurs: (m) => m.owner === owner } : {}) });
  pool.start();
  return {
    session, pool, client, discovery, desired, options,
    stop: () => {
      session.dispose();
      pool.stop();
    },
  };
}
