// Validates one Kubernetes object (a parsed document) with the registry: apiVersion/kind lookup, removed and
// deprecated APIs, then strict structural validation of the whole object, metadata included.
import { checkObjectMetadata } from './metadata-checks.js';
import type { SchemaFinding } from './schema-finding.js';
import type { SchemaLookup, SchemaRegistry } from './schema-registry.js';
import { validateNode, type ValidateOptions } from './validate-node.js';

export interface ValidateResourceOptions extends Omit<ValidateOptions, 'emptyEnumIsUnset' | 'sopsEncrypted'> {
  /** Kubernetes version (`1.31`); default: the registry's default. */
  readonly kubernetesVersion?: string;
}

export interface ValidateResourceResult {
  readonly findings: readonly SchemaFinding[];
  /** undefined when the object had no usable apiVersion/kind. */
  readonly lookup?: SchemaLookup;
  /** True when a schema was applied (false: unknown kind, removed API, not an object). */
  readonly validated: boolean;
}

export function validateResource(registry: SchemaRegistry, object: unknown, options: ValidateResourceOptions = {}): ValidateResourceResult {
  if (typeof object !== 'object' || object === null || Array.isArray(object)) {
    return { findings: [{ path: [], code: 'type', severity: 'error', message: 'A Kubernetes object must be a mapping with apiVersion and kind.' }], validated: false };
  }
  const record = object as Record<string, unknown>;
  const findings: SchemaFinding[] = [];
  for (const key of ['apiVersion', 'kind'] as const) {
    const value = record[key];
    if (value === undefined || value === null) findings.push({ path: [], code: 'required', severity: 'error', message: `Missing required field "${key}".` });
    else if (typeof value !== 'string' || value === '') findings.push({ path: [key], code: 'type', severity: 'error', message: `${key} must be a non-empty string.` });
  }
  if (findings.length) return { findings, validated: false };
  const apiVersion = record.apiVersion as string;
  const kind = record.kind as string;
  const lookup = registry.lookup(options.kubernetesVersion, apiVersion, kind);
  switch (lookup.status) {
    case 'removed':
      return { findings: [{ path: ['apiVersion'], code: 'removed-api', severity: 'error', message: lookup.message, suggestion: lookup.replacement }], lookup, validated: false };
    case 'unknown-kind':
      return {
        findings: [{ path: [lookup.knownApiVersion ? 'kind' : 'apiVersion'], code: 'unknown-kind', severity: lookup.knownApiVersion ? 'error' : 'info', message: lookup.message, suggestion: lookup.suggestion }],
        lookup,
        validated: false,
      };
    case 'deprecated':
      findings.push({ path: ['apiVersion'], code: 'deprecated-api', severity: 'warning', message: lookup.message, suggestion: lookup.replacement });
      if (!lookup.schema) return { findings, lookup, validated: false };
      break;
    case 'found':
      break;
  }
  const schema = lookup.schema;
  if (!schema) return { findings, lookup, validated: false };
  // A SOPS-encrypted file carries its key metadata in a top-level `sops` mapping, and ENC[…] values.
  const sops = typeof record.sops === 'object' && record.sops !== null && !Array.isArray(record.sops);
  const target = sops ? Object.fromEntries(Object.entries(record).filter(([key]) => key !== 'sops')) : object;
  const structural = validateNode(target, schema.root, [], { ...options, emptyEnumIsUnset: schema.origin === 'builtin', sopsEncrypted: sops });
  findings.push(...(schema.origin === 'bundled-crd' ? structural.map((f) => withBundledHint(f, schema.source)) : structural));
  if (!(apiVersion === 'v1' && kind === 'List')) findings.push(...checkObjectMetadata(record, kind, { builtin: schema.origin === 'builtin' }));
  return { findings, lookup, validated: true };
}

const PROJECT_NAMES: Record<string, string> = { 'flux-cd': 'Flux', 'argo-cd': 'Argo CD', 'sealed-secrets': 'Sealed Secrets', 'external-secrets': 'External Secrets' };

/**
 * A field newer than the bundled CRD schema looks like a typo: say which schema judged it, and how to use the
 * repository's own CRDs instead.
 */
function withBundledHint(finding: SchemaFinding, project: string | undefined): SchemaFinding {
  if (finding.code !== 'unknown-field' || finding.suggestion) return finding;
  const name = (project && PROJECT_NAMES[project]) ?? project ?? 'bundled';
  return { ...finding, message: `${finding.message.replace(/\.$/, '')} (checked against the bundled ${name} schema; commit your CRDs to the repository to validate against your version).` };
}
