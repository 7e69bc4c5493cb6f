// The option names of the commands that are loaded on first use (drift, codify, readiness): the argument
// parser needs them before it knows the command, and importing the commands themselves would load
// @kubernetes/client-node and simple-git for every `lint`.
export const DRIFT_VALUED = ['context', 'env', 'kubeconfig', 'timeout', 'settings'] as const;
export const DRIFT_FLAGS = ['exact', 'unmanaged'] as const;
export const CODIFY_VALUED = ['resource', 'field', 'layer', 'branch', 'pr', 'api-url'] as const;
export const CODIFY_FLAGS = ['push', 'dry-run'] as const;
export const READINESS_FLAGS = ['cluster'] as const;
