import type { IgnoreRule } from '../drift/ignore-rules.js';
import type { SourceLocation } from '../drift/drift-types.js';
import type { FluxPostBuild } from './flux-substitute.js';

/** A directory of the repository deployed to one cluster (kube context) and, optionally, one namespace. */
export interface Environment {
  readonly name: string;
  /** Repository-relative POSIX directory ('' for the root). */
  readonly path: string;
  /** kube context; undefined when only the user can say (Flux runs in-cluster; Argo names a server URL). */
  readonly context?: string;
  /** Argo CD `destination.server`/`destination.name`, for matching a context by cluster URL or name. */
  readonly cluster?: string;
  /** Flux `targetNamespace` / Argo CD `destination.namespace`: namespace for namespaced objects. */
  readonly namespace?: string;
  /** Flux `targetNamespace` overrides declared namespaces; Argo CD's destination only fills missing ones. */
  readonly forceNamespace: boolean;
  readonly detectedFrom: 'flux' | 'argocd' | 'settings';
  /** The agent object's identity, as its ownership marks carry it (Flux: `ns/name`; Argo CD: app name). */
  readonly owner?: string;
  readonly ignoreRules: readonly IgnoreRule[];
  /** Field managers the agent applies with (three-way base and "Git's own writes"). */
  readonly agentManagers: readonly string[];
  readonly source?: SourceLocation;
  /**
   * Whether manifests in subdirectories belong to the environment: Flux includes them; an Argo CD directory
   * source only with `directory.recurse: true`.
   */
  readonly recurse?: boolean;
  /**
   * Flux Kustomization fields kustomize-controller puts into the kustomization it generates over `path`
   * (`patches`, `images`, `namePrefix`, `nameSuffix`, `components` made repository-relative, and
   * `commonMetadata` as `labels`/`commonAnnotations`): what it applies, so what drift compares.
   */
  readonly kustomizeOverlay?: KustomizeOverlay;
  /** Flux `postBuild` variable substitution, applied to the rendered objects. */
  readonly postBuild?: FluxPostBuild;
  /** Settings' field managers that are a person's tools besides the built-in list (drift/person-tools.ts). */
  readonly personTools?: readonly string[];
  /** Settings: labels and annotations a person added live count as drift. */
  readonly countLiveOnlyMetadata?: boolean;
}

/** User settings: environment name → path → kube context (and namespace). */
export interface EnvironmentSetting {
  readonly name: string;
  readonly path: string;
  readonly context?: string;
  readonly namespace?: string;
}

/** Kustomization fields added around an environment's directory (see `Environment.kustomizeOverlay`). */
export interface KustomizeOverlay {
  readonly fields: Readonly<Record<string, unknown>>;
  /** Repository-relative directories of `components`. */
  readonly components: readonly string[];
}
