import type { Fix, Severity } from '../findings/finding.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import type { ManifestResource } from '../resource/manifest-resource.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';

export interface RuleMeta {
  /** Stable kebab-case id: the diagnostic code, the suppression key and the SARIF rule id. */
  readonly id: string;
  readonly title: string;
  /** Why it matters, in one or two sentences (shown in docs/rules.md and SARIF help). */
  readonly rationale: string;
  /** What to do about it. */
  readonly remediation: string;
  readonly defaultSeverity: Severity | 'off';
  /** Kinds the rule looks at; undefined means every kind. */
  readonly kinds?: readonly string[];
  /**
   * The rule reports names or paths the repository does not resolve. In a hidden directory nothing applies
   * (`.archive/`), its errors are shown as warnings: what they name may have been archived with them.
   */
  readonly checksReferences?: boolean;
}

export interface RuleOptions {
  readonly kubernetesVersion: string;
  /** Per-rule options from the repository config (e.g. `image-tag: { requireDigest: true }`). */
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface RelatedReport {
  readonly resource: ManifestResource;
  readonly path: ValuePath;
  readonly message: string;
}

export interface RuleReport {
  /** Path inside the resource; the finding's range is its key (for members) or its value. */
  readonly path: ValuePath;
  readonly message: string;
  /** Highlight the value instead of the key. */
  readonly on?: 'key' | 'value';
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedReport[];
  /** The repository cannot settle it (e.g. a file a render step may write): an `error` is shown as a `warning`. */
  readonly uncertain?: boolean;
}

export interface RuleContext {
  readonly workspace: WorkspaceIndex;
  readonly options: RuleOptions;
  report(report: RuleReport): void;
}

/** A rule is data plus a function (kube-linter's shape). Register it in `rule-list.ts`. */
export interface Rule {
  readonly meta: RuleMeta;
  check(resource: ManifestResource, context: RuleContext): void;
}
