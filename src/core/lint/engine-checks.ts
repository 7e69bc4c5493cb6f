// Checks the engine itself performs (not GitOps rules): described here so every finding's id has metadata
// for docs, SARIF and the editor.
import { LIMIT_RULE_ID, PARSE_RULE_ID } from '../manifest/parse-manifest.js';
import type { RuleMeta } from './rule.js';

export const SCHEMA_RULE_ID = 'schema';
export const DEPRECATED_API_RULE_ID = 'deprecated-api';

export const ENGINE_CHECKS: readonly RuleMeta[] = [
  {
    id: PARSE_RULE_ID,
    title: 'YAML is well-formed',
    rationale: 'A manifest that does not parse is not applied at all; the GitOps agent stops syncing the whole unit. YAML is read as Kubernetes (go-yaml) reads it: a multi-line quoted value whose continuation lines are not indented past its key is accepted, as kubectl accepts it.',
    remediation: 'Fix the syntax at the marked position (indentation with spaces, unique keys, closed brackets and quotes).',
    defaultSeverity: 'error',
  },
  {
    id: LIMIT_RULE_ID,
    title: 'File within safe limits',
    rationale: 'Very large files, deep nesting or alias expansion bombs are not validated, to keep the editor and CI responsive.',
    remediation: 'Split the file, or raise the limit if the content is legitimate.',
    defaultSeverity: 'warning',
  },
  {
    id: SCHEMA_RULE_ID,
    title: 'Object matches its schema',
    rationale: 'Unknown fields (typos), wrong types, invalid enum values and missing required fields are rejected by the API server or, worse, silently dropped. Objects are judged as rendered: a required field that a kustomize patch or a parent Flux Kustomization\'s `spec.patches` sets is not missing; a file used as a patch (listed under `patches`/`patchesStrategicMerge`, or named `*-patch.yaml` and applied by nothing in the repository) is checked as a patch; names holding placeholders (`${VAR}`, `{{ }}`, envsubst\'s `$VAR`) are not checked.',
    remediation: 'Correct the field as the message says; hover the field for its documentation.',
    defaultSeverity: 'error',
  },
  {
    id: DEPRECATED_API_RULE_ID,
    title: 'API version is served',
    rationale: 'Removed apiVersions fail to apply after a cluster upgrade; deprecated ones will.',
    remediation: 'Move to the replacement apiVersion named in the message (the quick fix does it) and check the fields that changed.',
    defaultSeverity: 'warning',
  },
];
