import type { Fix, Severity } from '../findings/finding.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import type { ManifestResource } from '../resource/manifest-resource.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';

/** A schema problem in an object, located by path. */
export interface SchemaIssue {
  /** 'schema' for structure errors, 'deprecated-api' for removed and deprecated apiVersions. */
  readonly ruleId: string;
  readonly path: ValuePath;
  readonly message: string;
  readonly severity: Severity;
  readonly on?: 'key' | 'value';
  readonly fixes?: readonly Fix[];
}

/** Validates whole objects (and kustomize patches merged onto their targets) against schemas. */
export interface ResourceValidator {
  validate(resource: ManifestResource, kubernetesVersion: string, workspace: WorkspaceIndex): readonly SchemaIssue[];
  /**
   * Validates a document of a tool's configuration file that is not a Kubernetes object (Rancher Fleet's
   * `fleet.yaml`); paths are in the document. Empty for files it does not know.
   */
  validateConfigDocument?(filePath: string, value: unknown, kubernetesVersion: string): readonly SchemaIssue[];
}
