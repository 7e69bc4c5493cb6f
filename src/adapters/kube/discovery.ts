import { ClusterAccessError } from './cluster-status.js';
import type { KubeClient } from './kube-client.js';

/** Where a kind is served: what list and watch URLs are built from. */
export interface ServedResource {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  /** Plural resource name ('deployments'). */
  readonly resource: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

export interface DiscoveryResult {
  /** 'group/kind' → where it is served. */
  readonly served: ReadonlyMap<string, ServedResource>;
  /** 'group/kind' → why it cannot be listed (not served, no list/watch verb, discovery failed). */
  readonly unavailable: ReadonlyMap<string, string>;
}

interface ApiResourceList { resources?: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[] }
interface ApiGroupList { groups?: { name: string; preferredVersion?: { version: string }; versions?: { version: string }[] }[] }

/**
 * Maps each wanted kind to its resource, asking only for the groups the desired state uses (the core
 * group at /api/v1, others at their preferred version under /apis). Errors that concern the whole cluster
 * (unreachable, unauthorized) are thrown; a missing group only makes its kinds unavailable.
 */
export async function discoverResources(client: KubeClient, wanted: readonly { readonly group: string; readonly kind: string }[]): Promise<DiscoveryResult> {
  const served = new Map<string, ServedResource>();
  const unavailable = new Map<string, string>();
  const groups = [...new Set(wanted.map((w) => w.group))];
  let groupList: ApiGroupList | undefined;
  if (groups.some((g) => g !== '')) groupList = await client.getJson<ApiGroupList>('/apis');

  for (const group of groups) {
    const kinds = wanted.filter((w) => w.group === group).map((w) => w.kind);
    let version = 'v1';
    let path = '/api/v1';
    if (group !== '') {
      const g = groupList?.groups?.find((x) => x.name === group);
      const v = g?.preferredVersion?.version ?? g?.versions?.[0]?.version;
      if (!v) {
        for (const k of kinds) unavailable.set(`${group}/${k}`, `the cluster does not serve the API group '${group}' (is its CRD installed?)`);
        continue;
      }
      version = v;
      path = `/apis/${group}/${v}`;
    }
    let list: ApiResourceList;
    try {
      list = await client.getJson<ApiResourceList>(path);
    } catch (error) {
      if (error instanceof ClusterAccessError && error.details.httpStatus !== 404 && error.details.httpStatus !== 403) throw error;
      for (const k of kinds) unavailable.set(`${group}/${k}`, `discovery of ${path} failed: ${(error as Error).message}`);
      continue;
    }
    for (const kind of kinds) {
      const r = list.resources?.find((x) => x.kind === kind && !x.name.includes('/'));
      if (!r) {
        unavailable.set(`${group}/${kind}`, `the cluster does not serve ${kind} in ${group || 'core'}/${version}`);
        continue;
      }
      const verbs = r.verbs ?? [];
      if (!verbs.includes('list') || !verbs.includes('watch')) {
        unavailable.set(`${group}/${kind}`, `${kind} cannot be listed and watched (verbs: ${verbs.join(', ')})`);
        continue;
      }
      served.set(`${group}/${kind}`, { group, version, kind, resource: r.name, namespaced: r.namespaced, verbs });
    }
  }
  return { served, unavailable };
}

/** Collection URL of a resource, in one namespace or cluster-wide. */
export function collectionPath(r: ServedResource, namespace: string | undefined): string {
  const base = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${namespace}/${r.resource}` : `${base}/${r.resource}`;
}
