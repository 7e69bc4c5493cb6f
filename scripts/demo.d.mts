// Types of demo.mjs for the TypeScript callers (the e2e tests).
/** The objects the demo repository's Flux Kustomizations deploy (kustomize-rendered, variables substituted),
 * Flux's own objects included, after the Flux CRDs that serve them. */
export declare function renderDemoObjects(repo?: string): Record<string, unknown>[];
/** kubectl arguments that write Ready conditions on the demo's Flux objects, as Flux's controllers would. */
export declare const FLUX_READY_STEPS: readonly (readonly string[])[];
/** The kubectl arguments of the live hotfix (run them asynchronously when the cluster is in-process). */
export declare const LIVE_HOTFIX_STEPS: readonly (readonly string[])[];
/** `kubectl scale` to 5 replicas and `kubectl set image …:1.8.3-hotfix` on deployment/api-server in shop. */
export declare function makeLiveHotfix(kubeconfig: string): void;
