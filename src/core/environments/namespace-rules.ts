import type { NamespaceRules } from '../drift/desired-from-manifests.js';
import type { Environment } from './environment.js';

/**
 * How an environment's agent resolves namespaces: Flux `targetNamespace` overrides every namespaced object's
 * namespace; Argo CD's `destination.namespace` fills in objects that declare none; otherwise the kube
 * context's namespace (else 'default').
 */
export function namespaceRulesFor(env: Environment | undefined, contextNamespace: string | undefined): NamespaceRules {
  const fallback = contextNamespace || 'default';
  if (!env?.namespace) return { defaultNamespace: fallback };
  return env.forceNamespace ? { defaultNamespace: env.namespace, forceNamespace: env.namespace } : { defaultNamespace: env.namespace };
}
