// Types of demo.mjs for the TypeScript callers (the e2e tests).
/** The objects the demo repository's Flux Kustomizations deploy (kustomize-rendered, variables substituted). */
export declare function renderDemoObjects(repo?: string): Record<string, unknown>[];
/** The kubectl arguments of the live hotfix (run them asynchronously when the cluster is in-process). */
export declare const LIVE_HOTFIX_STEPS: readonly (readonly string[])[];
/** `kubectl scale` to 5 replicas and `kubectl set image …:1.8.3-hotfix` on deployment/api-server in shop. */
export declare function makeLiveHotfix(kubeconfig: string): void;
