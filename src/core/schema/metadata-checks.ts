// The API server's ObjectMeta rules that no OpenAPI schema states: a name (or generateName) is required,
// names, namespaces, label and annotation keys and label values follow the RFC 1123 / qualified-name syntax.
// Strings holding a substitution placeholder (${VAR}, {{ }}, envsubst's $VAR as Argo CD config-management
// plugins use it) are left alone: their value comes later. A `$` is never valid in these names anyway.
import type { SchemaFinding } from './schema-finding.js';

const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PLACEHOLDER = /\$\{|\{\{|\$[A-Za-z_]/;
const MAX_ANNOTATIONS_BYTES = 256 * 1024;

/** Kinds whose names are only required to be path segments (RBAC names like `system:controller:x`). */
const PATH_SEGMENT_KINDS: ReadonlySet<string> = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

export interface MetadataCheckOptions {
  /** True for built-in kinds, whose name rules are known; custom resources only get the path-segment rule. */
  readonly builtin: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a label/annotation key is invalid, or undefined when it is valid. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined) {
    if (prefix.length === 0) return 'the prefix before "/" is empty';
    if (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix)) return 'the prefix before "/" must be a lowercase DNS subdomain (e.g. example.com)';
  }
  if (name.length === 0) return 'the name part is empty';
  if (name.length > 63) return 'the name part is longer than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return 'the name part must consist of alphanumerics, "-", "_" or ".", and start and end with an alphanumeric';
  return undefined;
}

/** Why a label value is invalid, or undefined when it is valid (empty is valid). */
export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return 'longer than 63 characters';
  if (value.length > 0 && !QUALIFIED_NAME_PART.test(value)) return 'must consist of alphanumerics, "-", "_" or ".", and start and end with an alphanumeric';
  return undefined;
}

function nameProblem(kind: string, name: string, builtin: boolean): string | undefined {
  if (PATH_SEGMENT_KINDS.has(kind) || !builtin) {
    if (name === '.' || name === '..' || /[/%]/.test(name)) return 'may not be "." or ".." and may not contain "/" or "%"';
    return undefined;
  }
  if (kind === 'Namespace') {
    return name.length <= 63 && DNS1123_LABEL.test(name) ? undefined : 'must be a lowercase RFC 1123 label (a-z, 0-9, "-", at most 63 characters)';
  }
  if (kind === 'Service') {
    return name.length <= 63 && DNS1035_LABEL.test(name) ? undefined : 'must be a lowercase RFC 1035 label (start with a letter; a-z, 0-9, "-", at most 63 characters)';
  }
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name) ? undefined : 'must be a lowercase RFC 1123 subdomain (a-z, 0-9, "-", ".", at most 253 characters)';
}

/** Checks name, generateName and namespace of a top-level object (labels are checked wherever ObjectMeta is). */
export function checkObjectMetadata(object: Record<string, unknown>, kind: string, options: MetadataCheckOptions): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const metadata = object.metadata;
  if (metadata === undefined || metadata === null) {
    findings.push({ path: [], code: 'required', severity: 'error', message: 'Missing required field "metadata" (an object needs at least a name).', field: 'metadata' });
    return findings;
  }
  if (!isRecord(metadata)) return findings; // the structural check reports the wrong type
  const { name, generateName, namespace } = metadata;
  if ((name === undefined || name === null || name === '') && (typeof generateName !== 'string' || generateName === '')) {
    findings.push({ path: ['metadata'], code: 'required', severity: 'error', message: 'Missing required field "name" (or "generateName").', field: 'name' });
  } else if (typeof name === 'string' && name !== '' && !PLACEHOLDER.test(name)) {
    const problem = nameProblem(kind, name, options.builtin);
    if (problem) findings.push({ path: ['metadata', 'name'], code: 'format', severity: 'error', message: `Invalid name ${JSON.stringify(name)}: ${problem}.` });
  }
  if (typeof namespace === 'string' && namespace !== '' && !PLACEHOLDER.test(namespace) && !(namespace.length <= 63 && DNS1123_LABEL.test(namespace))) {
    findings.push({ path: ['metadata', 'namespace'], code: 'format', severity: 'error', message: `Invalid namespace ${JSON.stringify(namespace)}: must be a lowercase RFC 1123 label.` });
  }
  return findings;
}

/**
 * Label and annotation syntax of any ObjectMeta (top level, pod templates, claim templates): `path` is the
 * location of the metadata object.
 */
export function checkLabelsAndAnnotations(metadata: Record<string, unknown>, path: readonly (string | number)[]): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const { labels, annotations } = metadata;
  for (const [field, map] of [['labels', labels], ['annotations', annotations]] as const) {
    if (!isRecord(map)) continue;
    let bytes = 0;
    for (const [key, value] of Object.entries(map)) {
      if (!PLACEHOLDER.test(key)) {
        const problem = qualifiedNameProblem(key);
        if (problem) findings.push({ path: [...path, field, key], code: 'format', severity: 'error', on: 'key', message: `Invalid ${field === 'labels' ? 'label' : 'annotation'} key ${JSON.stringify(key)}: ${problem}.` });
      }
      if (field === 'labels' && typeof value === 'string' && !PLACEHOLDER.test(value)) {
        const problem = labelValueProblem(value);
        if (problem) findings.push({ path: [...path, field, key], code: 'format', severity: 'error', message: `Invalid label value ${JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value)}: ${problem}.` });
      }
      if (field === 'annotations') bytes += key.length + (typeof value === 'string' ? value.length : 0);
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) {
      findings.push({ path: [...path, 'annotations'], code: 'range', severity: 'error', message: `Annotations total ${bytes} bytes; the API server allows at most 262144.` });
    }
  }
  return findings;
}
