// Strict structural validation of a value against a compiled schema node. Pure, allocation-light, and it
// never throws: every input (null, arrays at the root, shared or cyclic objects, huge strings) ends in
// findings, bounded by a depth limit, a visit budget and a findings cap.
import type { CompiledNode } from './compiled-schema.js';
import { checkLabelsAndAnnotations } from './metadata-checks.js';
import { isQuantity } from './quantity.js';
import type { SchemaFinding } from './schema-finding.js';
import { suggestField } from './suggest-field.js';

export interface ValidateOptions {
  /** Stop after this many findings (default 200). */
  readonly maxFindings?: number;
  /** Visit at most this many values (default 200,000): guards against alias-expanded data. */
  readonly maxVisits?: number;
  /**
   * Accept "" for enum fields. True for built-in kinds: "" is Go's zero value, which the API server reads
   * as "not set". False for CRDs, whose enum lists are exact.
   */
  readonly emptyEnumIsUnset?: boolean;
  /**
   * Accept a string that is a substitution placeholder (Flux `${VAR}`, `${VAR:=default}`; Argo CD
   * ApplicationSet `{{ … }}`) wherever a scalar is expected, and skip enum/format checks on strings that
   * contain one: the value is only known after substitution. Default true.
   */
  readonly allowPlaceholders?: boolean;
  /** SOPS-encrypted document: `ENC[…]` strings stand for any scalar. */
  readonly sopsEncrypted?: boolean;
}

type Path = (string | number)[];

const MAX_DEPTH = 96;
const MAX_STRING_FOR_PATTERN = 2_048;
// sigs.k8s.io/yaml reads YAML 1.1, where these words are booleans; a YAML 1.2 parser hands them to us as strings.
const YAML11_BOOLEANS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|true|True|TRUE|false|False|FALSE)$/;
// No quantified groups: V8 would recurse per repetition and overflow its stack on megabyte-long values.
const BASE64_CHARS = /^[A-Za-z0-9+/]*={0,2}$/;

function isBase64(value: string): boolean {
  const compact = /\s/.test(value) ? value.replace(/\s+/g, '') : value;
  return compact.length % 4 === 0 && BASE64_CHARS.test(compact);
}
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[=-][^}]*)?\}|\{\{[\s\S]*?\}\}/;
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,/;
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const EMBEDDED_KEYS: ReadonlySet<string> = new Set(['apiVersion', 'kind', 'metadata']);

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function expectedLabel(node: CompiledNode): string {
  switch (node.type) {
    case 'int-or-string':
      return 'integer or string';
    case 'quantity':
      return 'quantity (e.g. 500m, 1Gi, 2)';
    case 'object':
      return node.mapValues && !node.properties ? 'map' : 'object';
    default:
      return node.type;
  }
}

/**
 * Keys that are instructions, not fields: a YAML merge key a parser left unresolved (`<<`, kubectl merges it)
 * and strategic-merge-patch directives (`$patch`, `$setElementOrder/…`, `$retainKeys`, `$deleteFromPrimitiveList/…`).
 */
function isDirectiveKey(key: string): boolean {
  return key === '<<' || key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function showValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value) : String(value);
  return text;
}

class Validator {
  readonly findings: SchemaFinding[] = [];
  private visits = 0;
  private stopped = false;
  constructor(
    private readonly maxFindings: number,
    private readonly maxVisits: number,
    private readonly emptyEnumIsUnset: boolean,
    private readonly allowPlaceholders: boolean,
    private readonly sopsEncrypted: boolean,
  ) {}

  /** A string whose real value is only known after substitution or decryption. */
  private isStandIn(value: unknown): boolean {
    if (typeof value !== 'string') return false;
    if (this.sopsEncrypted && SOPS_VALUE.test(value)) return true;
    return this.allowPlaceholders && value.length < 4096 && PLACEHOLDER.test(value);
  }

  private report(finding: SchemaFinding): void {
    if (this.stopped) return;
    if (this.findings.length >= this.maxFindings) {
      this.stopped = true;
      this.findings.push({ path: [], code: 'limit', severity: 'warning', message: `Stopped after ${this.maxFindings} schema findings.` });
      return;
    }
    this.findings.push(finding);
  }

  validate(value: unknown, node: CompiledNode, path: Path, depth: number): void {
    if (this.stopped) return;
    if (++this.visits > this.maxVisits || depth > MAX_DEPTH) {
      this.stopped = true;
      this.findings.push({ path: [...path], code: 'limit', severity: 'warning', message: 'Object too large or too deep: schema validation stopped here.' });
      return;
    }
    if (value === null || value === undefined) return; // null means "absent" to the API server; required is the parent's check
    if (node.type !== 'object' && node.type !== 'array' && this.isStandIn(value)) return;
    switch (node.type) {
      case 'any':
        return;
      case 'object':
        this.validateObject(value, node, path, depth);
        return;
      case 'array':
        if (!Array.isArray(value)) return this.typeError(value, node, path);
        if (node.minItems !== undefined && value.length < node.minItems) {
          this.report({ path: [...path], code: 'range', severity: 'error', message: `At least ${node.minItems} item(s) required, found ${value.length}.` });
        }
        if (node.maxItems !== undefined && value.length > node.maxItems) {
          this.report({ path: [...path], code: 'range', severity: 'error', message: `At most ${node.maxItems} item(s) allowed, found ${value.length}.` });
        }
        if (node.items) {
          const items = node.items.get();
          if (items.type === 'any') return;
          for (let i = 0; i < value.length && !this.stopped; i++) {
            path.push(i);
            this.validate(value[i], items, path, depth + 1);
            path.pop();
          }
        }
        return;
      case 'string':
        // A YAML 1.1 parser turns unquoted timestamps into Date objects.
        if (node.format === 'date-time' && Object.prototype.toString.call(value) === '[object Date]') return;
        if (typeof value !== 'string') return this.typeError(value, node, path);
        this.checkEnum(value, node, path);
        this.checkString(value, node, path);
        return;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) return this.typeError(value, node, path);
        this.checkEnum(value, node, path);
        this.checkRange(value, node, path);
        return;
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) return this.typeError(value, node, path);
        this.checkEnum(value, node, path);
        this.checkRange(value, node, path);
        return;
      case 'boolean':
        if (typeof value !== 'boolean' && !(typeof value === 'string' && YAML11_BOOLEANS.test(value))) return this.typeError(value, node, path);
        return;
      case 'int-or-string':
        if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) {
          this.checkEnum(value, node, path);
          return;
        }
        return this.typeError(value, node, path);
      case 'quantity':
        if (typeof value !== 'string' && typeof value !== 'number') return this.typeError(value, node, path);
        if (!isQuantity(value)) {
          this.report({ path: [...path], code: 'format', severity: 'error', message: `${showValue(value)} is not a valid quantity (e.g. 100m, 0.5, 128Mi, 1Gi, 1e3).` });
        }
        return;
    }
  }

  private typeError(value: unknown, node: CompiledNode, path: Path): void {
    this.report({ path: [...path], code: 'type', severity: 'error', message: `Expected ${expectedLabel(node)}, got ${describeType(value)}${typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? ` (${showValue(value)})` : ''}.` });
  }

  private checkEnum(value: string | number, node: CompiledNode, path: Path): void {
    const allowed = node.enumValues;
    if (!allowed || allowed.has(value)) return;
    if (value === '' && this.emptyEnumIsUnset) return;
    const list = [...allowed].map((v) => JSON.stringify(v)).join(', ');
    const suggestion = typeof value === 'string' ? suggestField(value, [...allowed].filter((v): v is string => typeof v === 'string')) : undefined;
    this.report({
      path: [...path],
      code: 'enum',
      severity: 'error',
      message: `${showValue(value)} is not an allowed value; expected one of ${list}.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ''}`,
      suggestion,
    });
  }

  private checkRange(value: number, node: CompiledNode, path: Path): void {
    if (node.minimum !== undefined && value < node.minimum) {
      this.report({ path: [...path], code: 'range', severity: 'error', message: `${value} is less than the minimum ${node.minimum}.` });
    }
    if (node.maximum !== undefined && value > node.maximum) {
      this.report({ path: [...path], code: 'range', severity: 'error', message: `${value} is greater than the maximum ${node.maximum}.` });
    }
  }

  private checkString(value: string, node: CompiledNode, path: Path): void {
    if (node.format === 'byte' && !isBase64(value)) {
      this.report({ path: [...path], code: 'format', severity: 'error', message: 'Expected base64-encoded data (use stringData for plain text).' });
    } else if (node.format === 'date-time' && !DATE_TIME.test(value)) {
      this.report({ path: [...path], code: 'format', severity: 'error', message: `${showValue(value)} is not an RFC 3339 date-time.` });
    }
    if (node.minLength !== undefined && value.length < node.minLength) {
      this.report({ path: [...path], code: 'range', severity: 'error', message: `Must be at least ${node.minLength} character(s) long.` });
    }
    if (node.maxLength !== undefined && value.length > node.maxLength) {
      this.report({ path: [...path], code: 'range', severity: 'error', message: `Must be at most ${node.maxLength} character(s) long.` });
    }
    if (node.pattern && value.length <= MAX_STRING_FOR_PATTERN && !node.pattern.test(value)) {
      this.report({ path: [...path], code: 'pattern', severity: 'error', message: `${showValue(value)} does not match the pattern ${node.pattern.source}.` });
    }
  }

  private validateObject(value: unknown, node: CompiledNode, path: Path, depth: number): void {
    if (!isPlainObject(value)) return this.typeError(value, node, path);
    const properties = node.properties;
    const mapValues = node.mapValues?.get();
    for (const key of Object.keys(value)) {
      if (this.stopped) return;
      const slot = properties?.get(key);
      path.push(key);
      if (slot) {
        this.validate(value[key], slot.node.get(), path, depth + 1);
      } else if (mapValues) {
        if (mapValues.type !== 'any') this.validate(value[key], mapValues, path, depth + 1);
      } else if (!node.preserveUnknown && !(node.embedded && EMBEDDED_KEYS.has(key)) && !isDirectiveKey(key)) {
        const suggestion = properties ? suggestField(key, properties.keys()) : undefined;
        this.report({
          path: [...path],
          code: 'unknown-field',
          severity: 'error',
          on: 'key',
          message: `Unknown field ${JSON.stringify(key)}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : properties ? '.' : ' (this object takes no fields).'}`,
          suggestion,
        });
      }
      path.pop();
    }
    if (node.name === OBJECT_META) for (const finding of checkLabelsAndAnnotations(value, path)) this.report(finding);
    if (node.required) {
      for (const name of node.required) {
        const present = value[name];
        if (present === undefined || (present === null && !properties?.get(name)?.node.get().nullable)) {
          this.report({ path: [...path], code: 'required', severity: 'error', message: `Missing required field ${JSON.stringify(name)}.`, field: name });
        }
      }
    }
  }
}

/** Validates `value` against `node`; `path` is the location of `value` in its document. */
export function validateNode(value: unknown, node: CompiledNode, path: readonly (string | number)[] = [], options: ValidateOptions = {}): SchemaFinding[] {
  const validator = new Validator(
    options.maxFindings ?? 200,
    options.maxVisits ?? 200_000,
    options.emptyEnumIsUnset ?? false,
    options.allowPlaceholders ?? true,
    options.sopsEncrypted ?? false,
  );
  try {
    validator.validate(value, node, [...path], 0);
  } catch {
    // Defensive: a getter on exotic input (a Proxy, a throwing accessor) must not take the caller down.
    validator.findings.push({ path: [...path], code: 'limit', severity: 'warning', message: 'Schema validation stopped on an unreadable value.' });
  }
  return validator.findings;
}
