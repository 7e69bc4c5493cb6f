// What the Swagger 2 documents do not say (or our nodes do not keep) about built-in kinds, stated here explicitly.
// Each rule names the OpenAPI fact it restores; src/core/schema/README.md lists them as approximations.
import type { SchemaNodeJson, SchemaNodeObjectJson } from '../../src/core/schema/schema-data.js';
import type { ExtractedDefinition } from './extract-openapi.js';
import { normalizeDefinitionName, type EnumTable } from './extract-enums.js';

/** The only `format: double` properties of the built-in API (every other number is int32/int64). */
const DOUBLE_PROPERTIES: Record<string, string[]> = {
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps': ['maximum', 'minimum', 'multipleOf'],
};

/** `format: byte` (base64) string properties and map values. */
const BYTE_PROPERTIES: Record<string, string[]> = {
  'io.k8s.api.core.v1.Secret': ['data'],
  'io.k8s.api.core.v1.ConfigMap': ['binaryData'],
  'io.k8s.api.certificates.v1.CertificateSigningRequestSpec': ['request'],
  'io.k8s.api.certificates.v1beta1.CertificateSigningRequestSpec': ['request'],
};

/**
 * Properties the API server's validation requires though the OpenAPI document does not list them:
 * kube-aggregator `ValidateAPIService` (apiregistration/validation/validation.go) refuses a `spec.service`
 * without `namespace` or `name`.
 */
const REQUIRED_PROPERTIES: Record<string, string[]> = {
  'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.ServiceReference': ['name', 'namespace'],
};

const JSON_SCHEMA_PROPS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';

function withByteFormat(node: SchemaNodeJson): SchemaNodeJson {
  if (typeof node === 'string') return node;
  if (node.t === 'string') return { ...node, f: 'byte' };
  if (node.t === 'object' && node.m) return { ...node, m: withByteFormat(node.m) };
  return node;
}

export function applyBuiltinOverrides(definitions: Map<string, ExtractedDefinition>, enums: EnumTable): void {
  for (const def of definitions.values()) {
    const props = def.node.p;
    if (!props) continue;
    const enumProps = enums.get(normalizeDefinitionName(def.name));
    for (const [name, prop] of Object.entries(props)) {
      if (typeof prop === 'string') continue;
      const values = enumProps?.get(name);
      if (values && prop.t === 'string' && !prop.e) props[name] = { ...prop, e: values };
      if (name === 'caBundle' && prop.t === 'string') props[name] = { ...(props[name] as SchemaNodeObjectJson), f: 'byte' };
    }
    for (const name of DOUBLE_PROPERTIES[def.name] ?? []) {
      if (props[name]) props[name] = { t: 'number' };
    }
    for (const name of BYTE_PROPERTIES[def.name] ?? []) {
      if (props[name]) props[name] = withByteFormat(props[name]);
    }
    const required = REQUIRED_PROPERTIES[def.name]?.filter((name) => props[name] && !def.node.r?.includes(name)) ?? [];
    if (required.length > 0) def.node.r = [...(def.node.r ?? []), ...required];
    // JSONSchemaPropsOrArray: structural schemas (apiextensions.k8s.io/v1) only allow a single item
    // schema, so `items` is a JSONSchemaProps and typos inside a CRD's item schemas are caught.
    if (def.name === JSON_SCHEMA_PROPS && props.items) props.items = JSON_SCHEMA_PROPS;
  }
}
