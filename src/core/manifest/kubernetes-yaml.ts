// YAML as the Kubernetes tooling reads it (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 booleans (`yes`, `off`)
// and octal ints (`0644`), also Go's `0o644`, underscores in numbers; but dates and `10:30` stay strings
// (go-yaml keeps them as text when the target is a string, which every Kubernetes field that holds them is).
import { isScalar, type ParseOptions, type DocumentOptions, type SchemaOptions, type ScalarTag } from 'yaml';

const DROPPED_TAGS = new Set(['tag:yaml.org,2002:timestamp']);

const goOctal: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve: (source) => {
    const sign = source.startsWith('-') ? -1 : 1;
    return sign * parseInt(source.replace(/^[-+]?0o/, '').replace(/_/g, ''), 8);
  },
};

type Tags = Exclude<SchemaOptions['customTags'], undefined>;

function kubernetesTags(tags: Parameters<Extract<Tags, (...args: never[]) => unknown>>[0]) {
  const kept = tags.filter((t) => {
    if (typeof t === 'string') return true;
    if (DROPPED_TAGS.has(t.tag)) return false;
    return t.format !== 'TIME'; // base-60 ints and floats (`10:30` = 630 in YAML 1.1, a string for Kubernetes)
  });
  return [goOctal, ...kept.map(goFloat)];
}

/**
 * YAML 1.1's float pattern takes `.` (coredns' `zone: .`), `._` or `.e5`, which are no number for go-yaml
 * (strconv.ParseFloat fails, so they stay strings) and NaN for the yaml library: kept as the text they are.
 * `.nan` stays NaN, as in go-yaml.
 */
function goFloat<T>(tag: T): T {
  const t = tag as ScalarTag;
  if (typeof tag === 'string' || t.tag !== 'tag:yaml.org,2002:float' || !t.resolve) return tag;
  const resolve = t.resolve.bind(t);
  const wrapped: ScalarTag = {
    ...t,
    resolve: (source, onError, options) => {
      const value: unknown = resolve(source, onError, options);
      const number = isScalar(value) ? value.value : value;
      return typeof number === 'number' && Number.isNaN(number) && !/^[-+]?\.nan$/i.test(source) ? source : value;
    },
  };
  return wrapped as T;
}

/**
 * `uniqueKeys: false`: the library's duplicate-key check is quadratic in the keys of a mapping; parse-manifest
 * reports duplicates itself (duplicate-keys.ts), with the same message and position.
 */
export function yamlOptions(format: 'yaml' | 'json'): ParseOptions & DocumentOptions & SchemaOptions {
  return format === 'json'
    ? { version: '1.2', uniqueKeys: false, prettyErrors: false, strict: false, logLevel: 'silent' }
    : { version: '1.1', uniqueKeys: false, prettyErrors: false, strict: false, logLevel: 'silent', customTags: kubernetesTags };
}
