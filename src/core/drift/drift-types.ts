import type { Range } from '../text/range.js';
import type { ResourceKey } from '../resource/resource-key.js';

/**
 * The closed set of per-resource outcomes. One enum, used by core, server, extension and CLI with the same
 * words, as gitops-engine does with its sync results.
 */
export const DriftStatus = {
  Synced: 'Synced',
  Drifted: 'Drifted',
  /** In Git, not in the cluster. */
  Missing: 'Missing',
  /** In the cluster with a GitOps ownership mark, not in Git. */
  Orphan: 'Orphan',
  /** Cannot tell: no access, kind not served, disconnected, error. Always carries a reason. */
  Unknown: 'Unknown',
} as const;
export type DriftStatus = (typeof DriftStatus)[keyof typeof DriftStatus];
export const DRIFT_STATUSES: readonly DriftStatus[] = Object.values(DriftStatus);

/** What we suggest doing about one drifted field. */
export const SuggestedAction = {
  /** A person changed it live (a hotfix): write the live value back to Git. */
  Commit: 'commit',
  /** A controller owns it (HPA and replicas): add an ignore rule. */
  Ignore: 'ignore',
  /** Git is right: let the GitOps agent (or an apply) put Git's value back. */
  Revert: 'revert',
} as const;
export type SuggestedAction = (typeof SuggestedAction)[keyof typeof SuggestedAction];

/** How a result was computed, recorded on each result. */
export const DriftStrategy = {
  /** Our own normalize-and-compare with three-way awareness (no cluster writes, no dry-run). */
  Normalized: 'normalized',
  /** Server-side dry-run apply of the desired object, compared with the live object (exact). */
  ServerDryRun: 'server-dry-run',
} as const;
export type DriftStrategy = (typeof DriftStrategy)[keyof typeof DriftStrategy];

/** Why a field differs. */
export const FieldChange = {
  /** Both sides set, different values. */
  Changed: 'changed',
  /** Git sets it, live does not. */
  MissingLive: 'missing-live',
  /** Git used to set it (last-applied / agent's managed fields) and no longer does, but live still has it. */
  RemovedFromGit: 'removed-from-git',
  /**
   * Git does not declare it; a person's tool (person-tools.ts) added it live inside what Git declares: a field
   * of the object's spec or data, an item of a keyed list Git declares (an env variable, a sidecar container).
   */
  AddedLive: 'added-live',
  /** Git leaves it to the server's default (`gitDefault`); a person's tool set another value live. */
  ChangedDefault: 'changed-default',
} as const;
export type FieldChange = (typeof FieldChange)[keyof typeof FieldChange];

/** The managedFields entry that owns a drifted field. */
export interface Attribution {
  readonly manager: string;
  readonly operation: string;
  /** e.g. 'scale' for `kubectl scale`; absent for the main resource. */
  readonly subresource?: string;
  /** RFC 3339 time of the entry's last change, as the API server recorded it. */
  readonly time?: string;
}

/** Where in the repository the Git value comes from. */
export interface SourceLocation {
  /** Repository-relative POSIX path. */
  readonly path: string;
  readonly range: Range;
}

/** One segment of a field path: an object key, or a list item (with its merge key when the list has one). */
export type PathSegment = string | { readonly index: number; readonly key?: Readonly<Record<string, string | number>> };

export interface FieldDrift {
  /** Human path: `.spec.template.spec.containers[name="app"].image`. */
  readonly path: string;
  /** RFC 6901 pointer into the live object (into the Git object when live lacks the field). */
  readonly pointer: string;
  readonly segments: readonly PathSegment[];
  readonly change: FieldChange;
  /** JSON value in Git (undefined when absent). Secret values are masked. */
  readonly gitValue?: unknown;
  /** JSON value live (undefined when absent). Secret values are masked. */
  readonly liveValue?: unknown;
  /** For `changed-default`: the value the server gives the field when Git leaves it out. */
  readonly gitDefault?: unknown;
  readonly source?: SourceLocation;
  readonly attribution?: Attribution;
  readonly suggestedAction: SuggestedAction;
  /** Why that action: "owned by kube-controller-manager (HPA)". */
  readonly actionReason: string;
}

export interface ResourceDrift {
  readonly key: ResourceKey;
  /** `Deployment apps/v1 shop/api`-style identity for display. */
  readonly id: string;
  readonly apiVersion?: string;
  readonly status: DriftStatus;
  /** Always set for Unknown, Missing and Orphan; for Drifted a one-line summary. */
  readonly reason?: string;
  readonly fields: readonly FieldDrift[];
  /** Where the object is declared in Git. */
  readonly source?: SourceLocation;
  readonly strategy: DriftStrategy;
  /** Fields that differ but matched an ignore rule: counted, not shown as drift. */
  readonly ignoredFields: number;
  /**
   * Labels and annotations a person's tool added live that Git does not declare: listed, not drift (unless the
   * `countLiveOnlyMetadata` setting makes them `added-live` fields). Absent when there are none.
   */
  readonly liveOnlyMetadata?: readonly FieldDrift[];
}
