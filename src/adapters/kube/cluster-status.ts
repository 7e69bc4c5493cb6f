/** Connection state of one cluster (kube context), shown to users with these words. */
export const ClusterStatus = {
  Connecting: 'Connecting',
  Connected: 'Connected',
  /** Some kinds cannot be listed or watched right now (retrying); their resources are Unknown. */
  Degraded: 'Degraded',
  Unreachable: 'Unreachable',
  Unauthorized: 'Unauthorized',
} as const;
export type ClusterStatus = (typeof ClusterStatus)[keyof typeof ClusterStatus];

/**
 * What callers act on without reading the message (its words may change): `no-kubeconfig` — no kubeconfig file
 * exists where one was looked for (the user must create or point at one).
 */
export type ClusterAccessCode = 'no-kubeconfig';

/** Why a cluster cannot be reached or used, with what the user can do about it. */
export class ClusterAccessError extends Error {
  constructor(
    message: string,
    readonly status: ClusterStatus,
    readonly details: { readonly code?: ClusterAccessCode; readonly httpStatus?: number; readonly installHint?: string; readonly retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = 'ClusterAccessError';
  }
}
